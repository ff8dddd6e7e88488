"""The outbound gate: every SMS, reply or proactive, goes out through :func:`OutboundGate.send`.

For each text it
- drops it when the number opted out or is unreachable (the row says so);
- makes it GSM-7 safe and cuts it into parts of at most 320 characters;
- writes one outbox row per part *before* sending, keyed by an idempotency key, so a
  retried call never sends a part twice;
- keeps proactive texts inside 9:00-20:00 America/New_York, deferring the rest;
- retries 429, 5xx and network errors with backoff, then leaves the part for the
  worker (:meth:`OutboundGate.retry_due`), always in order per number.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.config import Settings, load_settings
from bot.db import session_scope
from bot.db.inserts import insert_new
from bot.db.models import OutboundMessage
from bot.messaging import optouts
from bot.messaging.phone import mask
from bot.messaging.quiet_hours import next_allowed
from bot.messaging.text import sms_safe, split_parts
from bot.messaging.transport import (
    CODE_OPTED_OUT,
    UNREACHABLE_CODES,
    SendError,
    Transport,
    transport_for,
)

log = logging.getLogger("bot.messaging")

REPLY = "reply"
PROACTIVE = "proactive"
COMPLIANCE = "compliance"  # the opt-out confirmation: the one text an opted-out number gets
KINDS = frozenset({REPLY, PROACTIVE, COMPLIANCE})

BACKOFF_SECONDS = (0.5, 1.0, 2.0)
RETRY_AFTER = timedelta(minutes=1)
MAX_ATTEMPTS = 8

# What becomes of an outbox row (stored in outbound_messages.status). After SENT the
# provider's own statuses follow (queued, delivered, undelivered...), from its callbacks.
PENDING = "pending"  # written, not sent yet
CLAIMED = "claimed"  # being sent by one process
DEFERRED = "deferred"  # a proactive text waiting for the sending window
RETRY = "retry"  # the provider failed for now; the worker tries again after not_before
BLOCKED = "blocked"  # not sent: the number opted out or cannot be reached
FAILED = "failed"  # not sent, and never will be
SENT = "sent"  # the provider took it

# Statuses of an outbox row before the provider has it.
WAITING = (PENDING, RETRY, DEFERRED)
# Twilio's statuses in the order a message moves through them.
_STATUS_RANK = {
    "accepted": 1,
    "queued": 1,
    "sending": 2,
    "sent": 3,
    "delivered": 4,
    "undelivered": 4,
    "failed": 4,
}


@dataclass
class GateResult:
    """What happened to one call of :meth:`OutboundGate.send`."""

    parts: int = 0
    sent: int = 0
    deferred: int = 0
    waiting: int = 0
    failed: int = 0
    dropped: str | None = None
    row_ids: list[int] = field(default_factory=list)


class OutboundGate:
    """The only way texts leave the service."""

    def __init__(
        self,
        settings: Settings | None = None,
        transport: Transport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        backoff: Sequence[float] = BACKOFF_SECONDS,
    ) -> None:
        self.settings = settings or load_settings()
        self.transport = transport or transport_for(self.settings)
        self.sleep = sleep
        self.backoff = tuple(backoff)

    def _session(self):
        return session_scope(self.settings.database_url)

    def send(
        self, to: str, body: str, *, key: str, kind: str = REPLY, now: datetime | None = None
    ) -> GateResult:
        """Send ``body`` to ``to`` once per ``key``, following every rule above."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        now = now or utcnow()
        parts = split_parts(sms_safe(body))
        result = GateResult(parts=len(parts))
        if not parts:
            return result
        with self._session() as session:
            status = optouts.block_status(session, to) if kind != COMPLIANCE else None
            blocked = status if optouts.blocks(status, proactive=kind == PROACTIVE) else None
            window = self.settings.sms_send_window
            not_before = next_allowed(now, window) if kind == PROACTIVE else None
            # Parts that go out now are written already claimed for sending: one
            # transaction fewer per text than writing them and then claiming them.
            status = BLOCKED if blocked else DEFERRED if not_before else CLAIMED
            written = self._write_rows(session, to, parts, key, kind, status, not_before)
        result.row_ids = [row_id for row_id, _ in written]
        if blocked:
            log.info("not texting %s: %s", mask(to), blocked)
            result.dropped = blocked
            return result
        if not_before:
            result.deferred = len(parts)
            return result
        self._deliver(result.row_ids, result, now, claimed=dict(written))
        return result

    def _write_rows(
        self,
        session: Session,
        to: str,
        parts: list[str],
        key: str,
        kind: str,
        status: str,
        not_before: datetime | None,
    ) -> list[tuple[int, OutboundMessage | None]]:
        """The outbox rows for ``parts``: (id, row) for a row written now, (id, None) for
        an existing row of a repeated key, which is reused and never claimed here."""
        written: list[tuple[int, OutboundMessage | None]] = []
        attempts = 1 if status == CLAIMED else 0
        stamp = utcnow()
        for number, part in enumerate(parts, start=1):
            values = {
                "idempotency_key": f"{key}#{number}",
                "to_address": to,
                "body": part,
                "kind": kind,
                "status": status,
                "not_before": not_before,
                "attempts": attempts,
                "created_at": stamp,
                "updated_at": stamp,
            }
            row_id = insert_new(session, OutboundMessage.__table__, values, "idempotency_key")
            if row_id is not None:
                written.append((row_id, OutboundMessage(id=row_id, **values)))
                continue
            existing = session.execute(
                select(OutboundMessage.id).where(
                    OutboundMessage.idempotency_key == values["idempotency_key"]
                )
            ).scalar_one()
            written.append((existing, None))
        return written

    def _claim(self, row_id: int) -> OutboundMessage | None:
        """Take a waiting row for sending; None if it is not waiting (sent, or taken)."""
        with self._session() as session:
            claimed = session.execute(
                update(OutboundMessage)
                .where(OutboundMessage.id == row_id, OutboundMessage.status.in_(WAITING))
                .values(status=CLAIMED, attempts=OutboundMessage.attempts + 1)
                .execution_options(synchronize_session=False)
            ).rowcount
            if not claimed:
                return None
            row = session.get(OutboundMessage, row_id)
            session.expunge(row)
            return row

    def _finish(self, row_id: int, **values) -> None:
        with self._session() as session:
            session.execute(
                update(OutboundMessage)
                .where(OutboundMessage.id == row_id)
                .values(updated_at=utcnow(), **values)
                .execution_options(synchronize_session=False)
            )

    def _deliver(
        self,
        row_ids: list[int],
        result: GateResult,
        now: datetime,
        claimed: dict[int, OutboundMessage | None] | None = None,
    ) -> None:
        """Send rows in order; after a part fails, the later parts wait behind it.
        ``claimed`` holds rows this call has already claimed (written as claimed)."""
        claimed = claimed or {}
        for position, row_id in enumerate(row_ids):
            row = claimed.get(row_id) or self._claim(row_id)
            if row is None:
                continue
            outcome = self._send_with_backoff(row)
            if outcome == SENT:
                result.sent += 1
                continue
            later = row_ids[position + 1 :]
            ours = [row_id for row_id in later if claimed.get(row_id) is not None]
            if outcome == RETRY:
                result.waiting += 1 + len(later)
                self._hold(later, RETRY, now + RETRY_AFTER, ours)
            elif outcome == BLOCKED:
                result.failed += 1
                self._hold(later, BLOCKED, None, ours)
            else:
                result.failed += 1
                continue
            return

    def _hold(
        self,
        row_ids: list[int],
        status: str,
        not_before: datetime | None,
        ours: Sequence[int] = (),
    ) -> None:
        """Park waiting rows (and ``ours``, rows this call claimed but did not send)."""
        if not row_ids:
            return
        with self._session() as session:
            session.execute(
                update(OutboundMessage)
                .where(
                    OutboundMessage.id.in_(row_ids),
                    or_(OutboundMessage.status.in_(WAITING), OutboundMessage.id.in_(ours)),
                )
                .values(status=status, not_before=not_before, updated_at=utcnow())
                .execution_options(synchronize_session=False)
            )

    def _send_with_backoff(self, row: OutboundMessage) -> str:
        """``sent``, ``retry`` (try again later), ``blocked`` or ``failed``."""
        attempts = len(self.backoff) + 1
        for attempt in range(attempts):
            try:
                sent = self.transport.send(row.to_address, row.body)
            except SendError as exc:
                if exc.retryable and attempt + 1 < attempts:
                    self.sleep(self.backoff[attempt])
                    continue
                return self._failed(row, exc)
            self._finish(row.id, status=sent.status, provider_sid=sent.sid, error_code=None)
            return SENT
        raise AssertionError("unreachable")

    def _failed(self, row: OutboundMessage, exc: SendError) -> str:
        log.warning("text to %s failed: %s (code %s)", mask(row.to_address), exc, exc.code)
        if exc.code == CODE_OPTED_OUT:
            with self._session() as session:
                optouts.opt_out(session, row.to_address, "carrier reported opt-out (21610)")
            self._finish(row.id, status=BLOCKED, error_code=exc.code)
            return BLOCKED
        if exc.code in UNREACHABLE_CODES:
            with self._session() as session:
                optouts.mark_unreachable(session, row.to_address, f"carrier error {exc.code}")
            self._finish(row.id, status=FAILED, error_code=exc.code)
            return BLOCKED
        if exc.retryable and row.attempts < MAX_ATTEMPTS:
            later = utcnow() + RETRY_AFTER * row.attempts
            self._finish(row.id, status=RETRY, error_code=exc.code, not_before=later)
            return RETRY
        self._finish(row.id, status=FAILED, error_code=exc.code or "send")
        return FAILED

    def retry_due(self, now: datetime | None = None, limit: int = 200) -> int:
        """Send waiting rows that are due (retries, deferred proactive texts), oldest
        first and in order per number. Returns how many were handed to the provider."""
        now = now or utcnow()
        with self._session() as session:
            rows = session.execute(
                select(OutboundMessage.id, OutboundMessage.to_address, OutboundMessage.kind)
                .where(
                    OutboundMessage.status.in_((RETRY, DEFERRED)),
                    OutboundMessage.not_before <= now,
                )
                .order_by(OutboundMessage.id)
                .limit(limit)
            ).all()
        stuck: set[str] = set()
        sent = 0
        for row_id, to, kind in rows:
            if to in stuck:
                continue
            with self._session() as session:
                status = optouts.block_status(session, to) if kind != COMPLIANCE else None
            blocked = status if optouts.blocks(status, proactive=kind == PROACTIVE) else None
            later = next_allowed(now, self.settings.sms_send_window) if kind == PROACTIVE else None
            if blocked:
                self._hold([row_id], BLOCKED, None)
                continue
            if later:
                self._hold([row_id], DEFERRED, later)
                stuck.add(to)
                continue
            result = GateResult()
            self._deliver([row_id], result, now)
            sent += result.sent
            if not result.sent:
                stuck.add(to)
        return sent

    def record_status(self, sid: str, status: str, error_code: str | None) -> bool:
        """Store a delivery status Twilio reported; False if the message is unknown."""
        with self._session() as session:
            row = session.execute(
                select(OutboundMessage).where(OutboundMessage.provider_sid == sid)
            ).scalar_one_or_none()
            if row is None:
                return False
            if _STATUS_RANK.get(status, 0) < _STATUS_RANK.get(row.status, 0):
                return True  # callbacks can arrive out of order: never step back
            row.status = status[:16]
            row.error_code = error_code or row.error_code
            row.updated_at = utcnow()
            if error_code == CODE_OPTED_OUT:
                optouts.opt_out(session, row.to_address, "carrier reported opt-out (21610)")
            elif error_code in UNREACHABLE_CODES:
                optouts.mark_unreachable(session, row.to_address, f"carrier error {error_code}")
        return True
