"""What to do with one inbound text, before (and instead of) the assistant.

The inbox (bot/messaging/inbox.py) stores every text, then asks :func:`triage`
whether the text is a keyword the service answers itself (STOP, START, HELP),
something the assistant cannot read (empty, a picture, only emoji, too long), a
text that must be ignored (an opted-out number, a flood), or a message for the
assistant.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.i18n import DEFAULT_LANGUAGE, N_, translator
from bot.identity import plain_words
from bot.messaging import keywords, optouts
from bot.messaging.gate import COMPLIANCE, REPLY
from bot.messaging.keywords import Keyword
from bot.messaging.rate_limit import Limiter
from bot.messaging.reply_language import keyword_reply_language, stored_language

MAX_BODY = 1600


class Outcome(str, enum.Enum):
    """What became of a stored text (its row's ``outcome``; none yet: it waits)."""

    CLAIMED = "claimed"  # taken for handling, not triaged yet
    ASSISTANT = "assistant"
    OPTED_OUT = "opt_out"
    OPTED_IN = "opt_in"
    HELP = "help"
    IGNORED_OPTED_OUT = "ignored_opted_out"
    RATE_LIMITED = "rate_limited"
    UNREADABLE = "unreadable"
    ASKED_OPT_OUT = "asked_opt_out"
    KEPT = "kept_texting"


# What else an opt-out stops, in the same transaction: called with the session, the
# number and the reason (the SMS channel passes the learners' follow-up cancelling).
OnOptOut = Callable[[Session, str, str], object]
OPTED_OUT_BY_TEXT = "opted out by text"

MEDIA_ONLY_TEXT = N_(
    "I can only read text messages, not pictures or files. "
    "Text me what you need, for example: jobs in Hartford."
)
EMPTY_TEXT = N_(
    "Your message was empty. Text me what you need, for example: jobs in Hartford. Or text HELP."
)
EMOJI_TEXT = N_(
    "I can only read words, not emoji. Text me what you need, for example: jobs in Hartford."
)
TOO_LONG_TEXT = N_(
    "That message is too long for me. Please send a shorter one "
    "(under 1,600 characters), one question at a time."
)
RATE_LIMIT_TEXT = N_(
    "You are sending messages faster than I can answer. Please wait a minute, then text me again."
)

# Emoji people use as answers; every other emoji is dropped.
_EMOJI_WORDS = {"\U0001f44d": " yes ", "\U0001f44e": " no ", "\u2705": " yes ", "\u274c": " no "}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Inbound:
    """One text as the provider delivered it."""

    sid: str
    from_address: str
    to_address: str
    body: str
    num_media: int = 0


@dataclass
class Triage:
    """The outcome: texts to send back now (with their gate kind) and, if any, the text
    for the assistant."""

    outcome: Outcome
    replies: list[str] = field(default_factory=list)
    reply_kind: str = REPLY
    for_assistant: str | None = None


def readable_text(body: str) -> str:
    """The words of a text: answer emoji become yes/no, other emoji and control
    characters go, whitespace is collapsed. Accented letters stay."""
    for emoji, word in _EMOJI_WORDS.items():
        body = body.replace(emoji, word)
    kept = []
    for char in body:
        category = unicodedata.category(char)
        if char in "\r\n\t":
            kept.append(" ")
        elif category.startswith(("L", "N", "P", "Z")) or category in ("Sc", "Sm"):
            kept.append(char)
    return _SPACES.sub(" ", "".join(kept)).strip()


def triage(
    session: Session, inbound: Inbound, limiter: Limiter, on_opt_out: OnOptOut | None = None
) -> Triage:
    """Decide what happens to ``inbound`` and apply opt-out / opt-in right away; an
    opt-out also calls ``on_opt_out``."""
    sender = inbound.from_address
    block = optouts.block_status(session, sender)
    keyword = keywords.classify(
        inbound.body, opted_out=block == optouts.OPTED_OUT, asked=block == optouts.ASKED
    )
    # Only a keyword's confirmation needs the language now; the rest asks when it speaks.
    language = DEFAULT_LANGUAGE
    if keyword is not None:
        language = keyword_reply_language(session, sender, inbound.body)
    if keyword in (Keyword.OPT_OUT, Keyword.CONFIRM_OPT_OUT):
        optouts.opt_out(session, sender, f"texted {inbound.body.strip()[:40]}")
        if on_opt_out is not None:
            on_opt_out(session, sender, OPTED_OUT_BY_TEXT)
        # One confirmation only: a second STOP gets silence.
        replies = [] if block == optouts.OPTED_OUT else [keywords.opt_out_confirmation(language)]
        return Triage(Outcome.OPTED_OUT, replies, reply_kind=COMPLIANCE)
    if keyword is Keyword.OPT_IN:
        optouts.opt_in(session, sender)
        return Triage(Outcome.OPTED_IN, [keywords.opt_in_confirmation(language)])
    if keyword is Keyword.HELP:
        return Triage(Outcome.HELP, [keywords.help_text(language)], reply_kind=COMPLIANCE)
    if block == optouts.OPTED_OUT:
        return Triage(Outcome.IGNORED_OPTED_OUT)
    if keyword is Keyword.KEEP_TEXTING:
        optouts.opt_in(session, sender)
        return Triage(Outcome.KEPT, [keywords.keep_texting_reply(language)])
    if keyword is Keyword.MAYBE_OPT_OUT and block != optouts.ASKED:
        optouts.ask(session, sender, f"texted {inbound.body.strip()[:40]}")
        return Triage(
            Outcome.ASKED_OPT_OUT, [keywords.opt_out_question(language)], reply_kind=COMPLIANCE
        )
    if block == optouts.UNREACHABLE:
        optouts.opt_in(session, sender)  # they just texted us: the number works
    text = plain_words(readable_text(inbound.body))
    refusal = _unreadable(inbound, text, limiter)
    if refusal is not None:
        outcome, reply = refusal
        _ = translator(stored_language(session, sender))
        return Triage(outcome, [_(reply)] if reply else [])
    return Triage(Outcome.ASSISTANT, for_assistant=text)


def _unreadable(inbound: Inbound, text: str, limiter: Limiter) -> tuple[Outcome, str] | None:
    """Why ``inbound`` does not go to the assistant (a flood, too long, no words) and
    the text to say (empty: say nothing), or None when it goes."""
    sender = inbound.from_address
    if not limiter.allow(sender):
        return Outcome.RATE_LIMITED, RATE_LIMIT_TEXT if limiter.should_warn(sender) else ""
    if len(inbound.body) > MAX_BODY:
        return Outcome.UNREADABLE, TOO_LONG_TEXT
    if not text:
        if inbound.num_media:
            return Outcome.UNREADABLE, MEDIA_ONLY_TEXT
        if inbound.body.strip():
            return Outcome.UNREADABLE, EMOJI_TEXT
        return Outcome.UNREADABLE, EMPTY_TEXT
    return None
