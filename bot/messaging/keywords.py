"""SMS keywords the channel answers itself: opt-out (clear or maybe), opt-in and HELP.

The phrases and patterns are data (``keywords.yml``); the yes and no that answer "Do
you want us to stop texting you?" are the assistant's one list of them
(``bot.i18n.yes_no``). This module normalises a text the way people type it and
decides which, if any, it is.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.contacts import contacts
from bot.i18n import SPANISH, translator, yes_no
from bot.text import drop_apostrophes, fold

KEYWORDS_FILE = Path(__file__).resolve().parent / "keywords.yml"
# Phrases the shared yes/no list adds to the file's own.
_SHARED = {
    "confirm_opt_out": yes_no.YES,
    "keep_texting": yes_no.NO,
    "spanish_words": yes_no.words_only_in(SPANISH),
}

# Emoji that mean "stop" (skin-tone modifiers are dropped by the normalising).
STOP_EMOJI = ("\U0001f6d1", "\u270b", "\U0001f6ab", "\u26d4", "\U0001f91a", "\u270b\ufe0f")
_FILLERS_BEFORE = (
    "please", "pls", "plz", "plez", "ok", "okay", "hey", "yo", "just", "seriously",
    "omg", "i said", "por favor", "porfa", "porfavor", "xfa", "oye",
)  # fmt: skip
_FILLERS_AFTER = (
    "please", "pls", "plz", "now", "right now", "already", "thanks", "thank you", "thx",
    "ty", "ok", "asap", "for real", "lol", "por favor", "porfa", "porfavor", "xfa", "ya",
    "gracias", "immediately",
)  # fmt: skip
# Words about looking for work: a text with them is a request, not a refusal.
_WORK = re.compile(r"\b(jobs?|work|hiring|empleos?|trabajos?|trabajar|chamba)\b")
# Three or more letters standing alone, joined again: "s t o p" (from "s.t.o.p").
_SPELLED = re.compile(r"\b(?:[a-z] ){2,}[a-z]\b")


class Keyword(enum.Enum):
    """What a texted keyword asks for."""

    OPT_OUT = "opt_out"
    MAYBE_OPT_OUT = "maybe_opt_out"
    OPT_IN = "opt_in"
    HELP = "help"
    CONFIRM_OPT_OUT = "confirm_opt_out"
    KEEP_TEXTING = "keep_texting"


@dataclass(frozen=True)
class _Rules:
    phrases: dict[str, frozenset[str]]
    opt_out: tuple[re.Pattern, ...]
    cues: tuple[re.Pattern, ...]
    other_meaning: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = yaml.safe_load(KEYWORDS_FILE.read_text(encoding="utf-8"))
    patterns = ("opt_out_patterns", "maybe_opt_out_cues", "not_opt_out")
    phrases = {
        name: frozenset(normalize(phrase) for phrase in [*values, *_SHARED.get(name, ())])
        for name, values in data.items()
        if name not in patterns
    }
    return _Rules(
        phrases=phrases,
        opt_out=tuple(re.compile(p) for p in data["opt_out_patterns"]),
        cues=tuple(re.compile(p) for p in data["maybe_opt_out_cues"]),
        other_meaning=tuple(re.compile(p) for p in data["not_opt_out"]),
    )


def _strip_fillers(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for filler in _FILLERS_BEFORE:
            if text.startswith(filler + " "):
                text, changed = text[len(filler) + 1 :], True
        for filler in _FILLERS_AFTER:
            if text.endswith(" " + filler):
                text, changed = text[: -len(filler) - 1], True
    return text


def normalize(body: str) -> str:
    """A text as the keyword rules read it (see keywords.yml)."""
    for emoji in STOP_EMOJI:
        body = body.replace(emoji, " stop ")
    text = fold(drop_apostrophes(body))
    text = _SPELLED.sub(lambda m: m.group(0).replace(" ", ""), text)
    words = text.split()
    deduped = [word for i, word in enumerate(words) if i == 0 or word != words[i - 1]]
    return _strip_fillers(" ".join(deduped))


def classify(body: str, opted_out: bool, asked: bool = False) -> Keyword | None:
    """The keyword ``body`` is, if any. ``opted_out`` says whether the sender has opted
    out, which makes a plain "yes" mean "text me again"; ``asked`` whether the sender
    was asked "Do you want us to stop texting you?", which makes "yes" and "no" answers."""
    text = normalize(body)
    rules = _rules()
    phrases = rules.phrases
    if text in phrases["opt_out"] or any(p.fullmatch(text) for p in rules.opt_out):
        return Keyword.OPT_OUT
    if text in phrases["opt_in"] or (opted_out and text in phrases["opt_in_when_opted_out"]):
        return Keyword.OPT_IN
    if text in phrases["help"]:
        return Keyword.HELP
    if asked and text in phrases["confirm_opt_out"]:
        return Keyword.CONFIRM_OPT_OUT
    if asked and text in phrases["keep_texting"]:
        return Keyword.KEEP_TEXTING
    if any(p.search(text) for p in rules.other_meaning):
        return None
    if text in phrases["maybe_opt_out"] or any(p.search(text) for p in rules.cues):
        return Keyword.MAYBE_OPT_OUT
    return None


def has_other_meaning(body: str) -> bool:
    """True when ``body`` uses refusal words for something else ("don't stop sending me
    jobs", "stop & shop jobs", "stop reminders"), or asks about work: no opt-out then,
    whatever a language model makes of it."""
    text = normalize(body)
    return any(p.search(text) for p in _rules().other_meaning) or bool(_WORK.search(text))


def _program() -> str:
    return contacts()["sms"]["program"]


def is_spanish(body: str) -> bool:
    """True when a keyword text is written in Spanish ("AYUDA", "no mas mensajes"):
    its confirmation is then in Spanish, whatever language the number has used."""
    words = set(normalize(body).split())
    return bool(words & _rules().phrases["spanish_words"])


def opt_out_confirmation(language: str = "en") -> str:
    """The one text an opted-out number gets."""
    _ = translator(language)
    return _(
        "You are unsubscribed from %(program)s texts and will get no more messages. "
        "Reply START to get texts again.",
        program=_program(),
    )


def opt_out_question(language: str = "en") -> str:
    """The one question for a text that may be a refusal."""
    _ = translator(language)
    return _("Do you want us to stop texting you? Reply STOP to stop all texts.")


def keep_texting_reply(language: str = "en") -> str:
    """The answer to "no" after the opt-out question."""
    _ = translator(language)
    return _(
        "OK, we will keep texting you. What can I help you with? For example: jobs in Hartford."
    )


def opt_in_confirmation(language: str = "en") -> str:
    """The reply to START: texts are back on."""
    _ = translator(language)
    return _(
        "Welcome back to %(program)s. You will get texts again. Reply STOP to opt out. "
        "What can I help you with? For example: jobs in Hartford.",
        program=_program(),
    )


def help_text(language: str = "en") -> str:
    """The reply to HELP / INFO: who we are, how to stop, and where to get help."""
    _ = translator(language)
    contact = contacts()["sms"].get("help_contact")
    if contact:
        reach = _("Help: %(contact)s.", contact=contact)
    else:
        reach = _("To reach a person, reply AGENT.")
    return _(
        "%(program)s: free help finding jobs and training in Connecticut. "
        "Text MENU to see what I can do. %(reach)s Reply STOP to opt out. "
        "Msg and data rates may apply.",
        program=_program(),
        reach=reach,
    )
