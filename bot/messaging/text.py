"""Making texts safe for SMS: GSM-7 characters only, cut into short parts."""

from __future__ import annotations

import re

from bot.text import MAX_TEXT, pack_lines, strip_accents

HARD_LIMIT = 1600

# The GSM 03.38 basic character set plus its extension table. Anything outside it
# turns the whole text into UCS-2, which cuts a segment from 160 to 70 characters.
_GSM_BASIC = (
    "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
    "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u00c6\u00e6\u00df\u00c9"
    " !\"#\u00a4%&'()*+,-./0123456789:;<=>?"
    "\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7"
    "\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0"
)
_GSM_EXTENSION = "^{}\\[~]|\u20ac"
GSM_CHARACTERS = frozenset(_GSM_BASIC + _GSM_EXTENSION)
# Characters per segment: one text alone, or each part of a longer (concatenated) one.
_GSM_SEGMENT, _GSM_PART = 160, 153
_UCS2_SEGMENT, _UCS2_PART = 70, 67

_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2022": "-",
    "\t": " ",
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SPACES = re.compile(r"[ ]{2,}")


def _gsm_char(char: str) -> str:
    if char in GSM_CHARACTERS:
        return char
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    # Accented letters outside GSM-7 (a with acute, for example) keep their base letter;
    # emoji, symbols and control characters have none and are dropped.
    base = strip_accents(char)
    return base if base and all(c in GSM_CHARACTERS for c in base) else ""


def sms_safe(text: str) -> str:
    """``text`` with only GSM-7 characters: curly quotes, dashes and accents made plain,
    emoji and control characters removed."""
    plain = "".join(_gsm_char(char) for char in text.replace("\r\n", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in plain.split("\n")]
    return "\n".join(lines).strip()


def gsm_length(text: str) -> int | None:
    """How many GSM-7 characters ``text`` takes (an extension character such as "{" or
    the euro sign takes two), or None when it is not GSM-7 and would go as UCS-2."""
    if not set(text) <= GSM_CHARACTERS:
        return None
    return len(text) + sum(char in _GSM_EXTENSION for char in text)


def segments(text: str) -> int:
    """How many SMS segments the network bills for ``text`` as it stands: 160 GSM-7
    characters alone or 153 per part, but 70 / 67 once one character needs UCS-2."""
    length = gsm_length(text)
    single, part = (_GSM_SEGMENT, _GSM_PART) if length is not None else (_UCS2_SEGMENT, _UCS2_PART)
    if length is None:
        length = len(text.encode("utf-16-le")) // 2
    return 1 if length <= single else -(-length // part)


def _pieces(line: str, limit: int) -> list[str]:
    """One line as pieces of at most ``limit`` characters: whole sentences where
    possible, whole words otherwise."""
    if len(line) <= limit:
        return [line]
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(line):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            pieces.append(sentence[:cut].rstrip())
            sentence = sentence[cut:].lstrip()
        if sentence:
            pieces.append(sentence)
    return pieces


def split_parts(text: str, limit: int = MAX_TEXT, hard_limit: int = HARD_LIMIT) -> list[str]:
    """Cut ``text`` into texts of at most ``limit`` characters, at line breaks first,
    then sentence ends, then spaces. At most ``hard_limit`` characters survive."""
    if len(text) > hard_limit:
        text = text[: hard_limit - 3].rsplit(" ", 1)[0] + "..."
    pieces = [piece for line in text.split("\n") for piece in _pieces(line, limit) if piece]
    return pack_lines(pieces, limit)
