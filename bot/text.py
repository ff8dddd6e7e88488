"""Plain-text helpers every layer may use: folding, packing lines into texts, shortening,
finding an email address.

A bottom-floor module: it imports nothing from the project.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# The longest text the assistant sends in one piece (two SMS segments).
MAX_TEXT = 320

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2018\u2019`]")
# An email address as people write one in a message.
EMAIL = re.compile(r"\w[\w.+'-]*@[\w-]+(?:\.[\w-]+)+")
MAX_EMAIL = 254


def strip_accents(text: str) -> str:
    """``text`` without accents on its letters ("é" -> "e"); case, other scripts and
    every other character stay."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def to_ascii(text: str) -> str:
    """``text`` in ASCII with its case: accents taken off, characters with no ASCII
    letter (other scripts, emoji) dropped."""
    return strip_accents(text).encode("ascii", "ignore").decode("ascii")


def drop_apostrophes(text: str) -> str:
    """``text`` without apostrophes, straight or curly ("don’t" -> "dont")."""
    return _APOSTROPHES.sub("", text)


def fold(text: str) -> str:
    """``text`` as words to compare: lowercase ASCII letters and digits, everything else
    one space ("Café  Déjà-vu!" -> "cafe deja vu")."""
    return _NON_WORD.sub(" ", to_ascii(text).lower()).strip()


def pack_lines(lines: Iterable[str], limit: int = MAX_TEXT) -> list[str]:
    """Join lines into as few texts as possible, each at most ``limit`` characters.

    Lines are never cut unless one line alone is longer than the limit.
    """
    texts: list[str] = []
    current = ""
    for line in lines:
        line = line[:limit]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            texts.append(current)
            current = line
    if current:
        texts.append(current)
    return texts


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with '...'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 3].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "..."


def email_in(text: str | None) -> str | None:
    """The first email address written in ``text``, if any."""
    match = EMAIL.search(text or "")
    return match.group(0)[:MAX_EMAIL] if match else None


def is_email(text: str) -> bool:
    """True when ``text`` is one email address and nothing else."""
    return len(text) <= MAX_EMAIL and EMAIL.fullmatch(text) is not None
