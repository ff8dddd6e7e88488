"""The life of one inbound text, from Twilio's webhook to its last reply.

1. :meth:`Inbox.record` stores the text as the webhook arrives; a repeated provider id
   (a retried webhook) is refused, so a text is handled once.
2. :meth:`Inbox.open` claims it (the channel's queue and its sweep for stranded texts
   may both reach it, or two servers may), triages it (bot/messaging/inbound.py), notes
   the outcome and sends the replies the service gives itself (STOP, HELP, "too long").
   What is left is the text for the assistant.
3. :meth:`Inbox.mark_handled` notes that every reply has gone through the outbound gate.

A text stored but never claimed (a restart right after the acknowledgement, a crash)
is found again by :meth:`Inbox.stranded`. The states live on the text's row: no
outcome yet (stored), :attr:`Outcome.CLAIMED`, the triage's outcome, then
``handled_at``.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update

from bot.clock import utcnow
from bot.config import Settings
from bot.db import autocommit_connection, session_scope
from bot.db.inserts import insert_new
from bot.db.models import InboundMessage
from bot.i18n import DEFAULT_LANGUAGE, N_, translator
from bot.messaging.gate import OutboundGate
from bot.messaging.inbound import Inbound, OnOptOut, Outcome, Triage, triage
from bot.messaging.phone import mask
from bot.messaging.rate_limit import Limiter
from bot.messaging.reply_language import stored_language
from bot.messaging.shared_rate_limit import rate_limiter

log = logging.getLogger("bot.messaging")

SORRY_TEXT = N_("Sorry, something went wrong on our side. Please text me again in a few minutes.")
STRANDED_AFTER = timedelta(minutes=1)
STRANDED_FOR_AT_MOST = timedelta(days=1)


def reply_key(prefix: str, number: int) -> str:
    """The idempotency key of the ``number``-th text the assistant sends for one inbound
    text (``prefix`` its provider id) or one proactive run (:func:`proactive_prefix`)."""
    return f"{prefix}:{number}"


def proactive_prefix() -> str:
    """A fresh key prefix for texts the service starts (reminders, alerts)."""
    return f"proactive-{uuid.uuid4().hex}"


class Inbox:
    """Inbound texts and their states; owns its database sessions."""

    def __init__(
        self,
        settings: Settings,
        gate: OutboundGate,
        on_opt_out: OnOptOut,
        limiter: Limiter | None = None,
    ) -> None:
        self.database_url = settings.database_url
        self.gate = gate
        self.on_opt_out = on_opt_out
        self.limiter = limiter or rate_limiter(
            settings.redis_url, "sms", settings.sms_rate_limit_per_minute
        )

    def record(self, message: Inbound) -> bool:
        """Store the text; False if this provider id was stored before (a retried webhook).

        One insert on an autocommit connection, one round trip: the webhook answers
        Twilio right after it."""
        values = {
            "provider_sid": message.sid,
            "from_address": message.from_address,
            "to_address": message.to_address,
            "body": message.body,
            "num_media": message.num_media,
            "received_at": utcnow(),
        }
        with autocommit_connection(self.database_url) as connection:
            row_id = insert_new(connection, InboundMessage.__table__, values, "provider_sid")
        return row_id is not None

    def open(self, message: Inbound) -> str | None:
        """Claim and triage a stored text and send the service's own replies; return the
        text for the assistant, or None (nothing for it, or claimed elsewhere already)."""
        decision = self._claim_and_triage(message)
        if decision is None:
            return None
        for number, text in enumerate(decision.replies, start=1):
            key = f"{message.sid}:k{number}"
            self.gate.send(message.from_address, text, key=key, kind=decision.reply_kind)
        return decision.for_assistant

    def _claim_and_triage(self, message: Inbound) -> Triage | None:
        with session_scope(self.database_url) as session:
            claimed = session.execute(
                update(InboundMessage)
                .where(InboundMessage.provider_sid == message.sid, InboundMessage.outcome.is_(None))
                .values(outcome=Outcome.CLAIMED.value)
                .execution_options(synchronize_session=False)
            ).rowcount
            if not claimed:
                return None
            decision = triage(session, message, self.limiter, self.on_opt_out)
            session.execute(
                update(InboundMessage)
                .where(InboundMessage.provider_sid == message.sid)
                .values(outcome=decision.outcome.value)
                .execution_options(synchronize_session=False)
            )
        return decision

    def apologize(self, message: Inbound) -> None:
        """Tell the sender their text could not be handled (once per text), in their
        language. Never raises: the database itself may be down."""
        try:
            text = translator(self._language_of(message.from_address))(SORRY_TEXT)
            self.gate.send(message.from_address, text, key=f"{message.sid}:error")
        except Exception:  # noqa: BLE001
            log.exception("could not tell %s about the failure", mask(message.from_address))

    def _language_of(self, address: str) -> str:
        """The sender's stored language; the default one when the database cannot say."""
        try:
            with session_scope(self.database_url) as session:
                return stored_language(session, address)
        except Exception:  # noqa: BLE001 - the apology matters more than its language
            log.warning("no language for %s: apologising in the default", mask(address))
            return DEFAULT_LANGUAGE

    def mark_handled(self, message: Inbound) -> None:
        """Note that every reply to ``message`` has gone through the gate. Never raises."""
        try:
            with session_scope(self.database_url) as session:
                session.execute(
                    update(InboundMessage)
                    .where(InboundMessage.provider_sid == message.sid)
                    .values(handled_at=utcnow())
                    .execution_options(synchronize_session=False)
                )
        except Exception:  # noqa: BLE001
            log.exception("could not mark a text from %s handled", mask(message.from_address))

    def stranded(self, now: datetime | None = None, limit: int = 50) -> list[Inbound]:
        """Texts stored (and acknowledged) but never claimed, oldest first: older than
        :data:`STRANDED_AFTER`, so the queue had its chance, and younger than a day."""
        now = now or utcnow()
        with session_scope(self.database_url) as session:
            rows = session.execute(
                select(InboundMessage)
                .where(
                    InboundMessage.outcome.is_(None),
                    InboundMessage.received_at < now - STRANDED_AFTER,
                    InboundMessage.received_at > now - STRANDED_FOR_AT_MOST,
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
