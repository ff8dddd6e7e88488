"""What to do with one inbound text, before (and instead of) the assistant.

The channel records every text (so a retried webhook is handled once), then asks
:func:`triage` whether the text is a keyword the service answers itself (STOP,
START, HELP), something the assistant cannot read (empty, a picture, only emoji,
too long), a text that must be ignored (an opted-out number, a flood), or a
message for the assistant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.inserts import insert_new
from bot.db.models import InboundMessage
from bot.identity import plain_words
from bot.learners import follow_ups
from bot.messaging import keywords, optouts
from bot.messaging.gate import COMPLIANCE, REPLY
from bot.messaging.keywords import Keyword
from bot.messaging.rate_limit import Limiter

MAX_BODY = 1600

STRANDED_AFTER = timedelta(minutes=1)

# Outcomes stored on the inbound row.
CLAIMED = "claimed"
ASSISTANT = "assistant"
OPTED_OUT = "opt_out"
OPTED_IN = "opt_in"
HELP = "help"
IGNORED_OPTED_OUT = "ignored_opted_out"
RATE_LIMITED = "rate_limited"
UNREADABLE = "unreadable"
ASKED_OPT_OUT = "asked_opt_out"
KEPT = "kept_texting"

MEDIA_ONLY_TEXT = (
    "I can only read text messages, not pictures or files. "
    "Text me what you need, for example: jobs in Hartford."
)
EMPTY_TEXT = (
    "Your message was empty. Text me what you need, for example: jobs in Hartford. Or text HELP."
)
EMOJI_TEXT = (
    "I can only read words, not emoji. Text me what you need, for example: jobs in Hartford."
)
TOO_LONG_TEXT = (
    "That message is too long for me. Please send a shorter one "
    "(under 1,600 characters), one question at a time."
)
RATE_LIMIT_TEXT = (
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

    outcome: str
    replies: list[str] = field(default_factory=list)
    reply_kind: str = REPLY
    for_assistant: str | None = None


def record(connection: Connection, inbound: Inbound) -> bool:
    """Store the text; False if this provider id was stored before (a retried webhook).

    On an autocommit connection this is a single round trip, which keeps the webhook's
    answer to Twilio fast."""
    values = {
        "provider_sid": inbound.sid,
        "from_address": inbound.from_address,
        "to_address": inbound.to_address,
        "body": inbound.body,
        "num_media": inbound.num_media,
        "received_at": utcnow(),
    }
    return insert_new(connection, InboundMessage.__table__, values, "provider_sid") is not None


def claim(session: Session, sid: str) -> bool:
    """Take the stored text ``sid`` for handling; False if it was taken already. The
    channel's queue and its sweep for stranded texts both claim, so a text is handled
    once even when both reach it (or two servers do)."""
    claimed = session.execute(
        update(InboundMessage)
        .where(InboundMessage.provider_sid == sid, InboundMessage.outcome.is_(None))
        .values(outcome=CLAIMED)
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(claimed)


def stranded(session: Session, now: datetime, limit: int = 50) -> list[Inbound]:
    """Texts stored (and acknowledged) but never handled, for example because the
    server stopped right after answering Twilio. Older than a minute, younger than a day."""
    rows = session.execute(
        select(InboundMessage)
        .where(
            InboundMessage.outcome.is_(None),
            InboundMessage.received_at < now - STRANDED_AFTER,
            InboundMessage.received_at > now - timedelta(days=1),
        )
        .order_by(InboundMessage.id)
        .limit(limit)
    ).scalars()
    return [
        Inbound(
            sid=row.provider_sid,
            from_address=row.from_address,
            to_address=row.to_address or "",
            body=row.body or "",
            num_media=row.num_media or 0,
        )
        for row in rows
    ]


def set_outcome(session: Session, sid: str, outcome: str) -> None:
    """Note what became of a stored text."""
    session.execute(
        update(InboundMessage)
        .where(InboundMessage.provider_sid == sid)
        .values(outcome=outcome)
        .execution_options(synchronize_session=False)
    )


def mark_handled(session: Session, sid: str) -> None:
    """Note that every reply to the text ``sid`` has gone through the gate."""
    session.execute(
        update(InboundMessage)
        .where(InboundMessage.provider_sid == sid)
        .values(handled_at=utcnow())
        .execution_options(synchronize_session=False)
    )


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


def triage(session: Session, inbound: Inbound, limiter: Limiter) -> Triage:
    """Decide what happens to ``inbound`` and apply opt-out / opt-in right away."""
    sender = inbound.from_address
    block = optouts.block_status(session, sender)
    keyword = keywords.classify(
        inbound.body, opted_out=block == optouts.OPTED_OUT, asked=block == optouts.ASKED
    )
    if keyword in (Keyword.OPT_OUT, Keyword.CONFIRM_OPT_OUT):
        optouts.opt_out(session, sender, f"texted {inbound.body.strip()[:40]}")
        follow_ups.cancel_for_address(session, sender, "opted out by text")
        # One confirmation only: a second STOP gets silence.
        replies = [] if block == optouts.OPTED_OUT else [keywords.opt_out_confirmation()]
        return Triage(OPTED_OUT, replies, reply_kind=COMPLIANCE)
    if keyword is Keyword.OPT_IN:
        optouts.opt_in(session, sender)
        return Triage(OPTED_IN, [keywords.opt_in_confirmation()])
    if keyword is Keyword.HELP:
        return Triage(HELP, [keywords.help_text()], reply_kind=COMPLIANCE)
    if block == optouts.OPTED_OUT:
        return Triage(IGNORED_OPTED_OUT)
    if keyword is Keyword.KEEP_TEXTING:
        optouts.opt_in(session, sender)
        return Triage(KEPT, [keywords.keep_texting_reply()])
    if keyword is Keyword.MAYBE_OPT_OUT and block != optouts.ASKED:
        optouts.ask(session, sender, f"texted {inbound.body.strip()[:40]}")
        return Triage(ASKED_OPT_OUT, [keywords.opt_out_question()], reply_kind=COMPLIANCE)
    if block == optouts.UNREACHABLE:
        optouts.opt_in(session, sender)  # they just texted us: the number works
    if not limiter.allow(sender):
        replies = [RATE_LIMIT_TEXT] if limiter.should_warn(sender) else []
        return Triage(RATE_LIMITED, replies)
    if len(inbound.body) > MAX_BODY:
        return Triage(UNREADABLE, [TOO_LONG_TEXT])
    text = plain_words(readable_text(inbound.body))
    if not text:
        if inbound.num_media:
            return Triage(UNREADABLE, [MEDIA_ONLY_TEXT])
        if inbound.body.strip():
            return Triage(UNREADABLE, [EMOJI_TEXT])
        return Triage(UNREADABLE, [EMPTY_TEXT])
    return Triage(ASSISTANT, for_assistant=text)
