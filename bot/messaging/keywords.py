"""SMS keywords the channel answers itself: opt-out, opt-in and HELP."""

from __future__ import annotations

import enum
from functools import lru_cache
from pathlib import Path

import yaml

from bot.dialogue.support import contacts
from bot.jobs.text import fold

KEYWORDS_FILE = Path(__file__).resolve().parent / "keywords.yml"


class Keyword(enum.Enum):
    """What a texted keyword asks for."""

    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"


@lru_cache(maxsize=1)
def _phrases() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(KEYWORDS_FILE.read_text(encoding="utf-8"))
    return {name: frozenset(fold(phrase) for phrase in data[name]) for name in data}


def classify(body: str, opted_out: bool) -> Keyword | None:
    """The keyword ``body`` is, if any. ``opted_out`` says whether the sender has opted
    out, which makes a plain "yes" mean "text me again"."""
    phrase = fold(body.replace("'", "").replace("\u2019", ""))
    phrases = _phrases()
    if phrase in phrases["opt_out"]:
        return Keyword.OPT_OUT
    if phrase in phrases["opt_in"] or (opted_out and phrase in phrases["opt_in_when_opted_out"]):
        return Keyword.OPT_IN
    if phrase in phrases["help"]:
        return Keyword.HELP
    return None


def _program() -> str:
    return contacts()["sms"]["program"]


def opt_out_confirmation() -> str:
    """The one text an opted-out number gets."""
    return (
        f"You are unsubscribed from {_program()} texts and will get no more messages. "
        "Reply START to get texts again."
    )


def opt_in_confirmation() -> str:
    """The reply to START: texts are back on."""
    return (
        f"Welcome back to {_program()}. You will get texts again. Reply STOP to opt out. "
        "What can I help you with? For example: jobs in Hartford."
    )


def help_text() -> str:
    """The reply to HELP / INFO: who we are, how to stop, and where to get help."""
    contact = contacts()["sms"].get("help_contact")
    reach = f"Help: {contact}." if contact else "To reach a person, reply AGENT."
    return (
        f"{_program()}: free help finding jobs and training in Connecticut. "
        f"Text MENU to see what I can do. {reach} Reply STOP to opt out. "
        "Msg and data rates may apply."
    )
