"""Opening a texter's job alerts on the website: a one-time code texted to the number.

Only numbers that have texted the service get a code (nobody else has alerts, and the
service texts no one who has not texted it first); the code goes out through the
outbound gate like every text, so a number that opted out gets nothing. Whatever the
number, the request is throttled and answered alike, so the website never tells
who uses the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.config import Settings
from bot.contacts import contacts
from bot.db import session_scope
from bot.i18n import translator
from bot.learners.alert_subscriptions import texter_id
from bot.messaging import one_time_codes
from bot.messaging.gate import REPLY, OutboundGate
from bot.messaging.reply_language import stored_language


@dataclass(frozen=True)
class CodeRequest:
    """The outcome of :func:`text_code`: ``code_id`` to check the code typed back
    against, or None when the number or the network address asked too often."""

    code_id: int | None

    @property
    def throttled(self) -> bool:
        return self.code_id is None


def code_text(code: str, language: str = "en") -> str:
    """The text that carries a code (GSM-7, one segment)."""
    _ = translator(language)
    return _(
        "%(program)s: your code is %(code)s. It works for %(minutes)s minutes. "
        "Do not share it. If you did not ask for it, ignore this text.",
        program=contacts()["sms"]["program"],
        code=code,
        minutes=one_time_codes.CODE_MINUTES,
    )


def text_code(
    settings: Settings,
    number: str,
    source: str,
    gate: OutboundGate | None = None,
    now: datetime | None = None,
    language: str | None = None,
) -> CodeRequest:
    """Issue a code for ``number`` (E.164), asked from network address ``source``, and
    text it if the number has texted the service, in ``language`` (the page's) or else
    the language the number texts in. The code's row is committed before the text goes
    out: the gate writes the outbox in a transaction of its own."""
    with session_scope(settings.database_url) as session:
        issued = one_time_codes.issue(session, number, source, now)
        if issued is None:
            return CodeRequest(None)
        known = texter_id(session, number) is not None
        language = language or stored_language(session, number)
    if known:
        text = code_text(issued.code, language)
        (gate or OutboundGate(settings)).send(
            number, text, key=f"code:{issued.id}", kind=REPLY, now=now
        )
    return CodeRequest(issued.id)
