"""The staff portal's work queues: callback requests, the SMS outbox, follow-ups.

Phone numbers are shown masked (``+1******1234``): enough to tell people apart and to
match a caller, not enough to copy a list of numbers out of the portal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import HandoffRequest, OutboundMessage, Person
from bot.messaging.phone import mask

OPEN, CLAIMED, RESOLVED = "open", "claimed", "resolved"


@dataclass(frozen=True)
class Callback:
    """A person's request to talk to someone."""

    id: int
    who: str
    channel: str
    reason: str
    status: str
    asked_at: datetime


@dataclass(frozen=True)
class OutboxRow:
    """One text the service sent or tried to send."""

    to: str
    kind: str
    status: str
    error_code: str | None
    attempts: int
    body: str
    updated_at: datetime


def callbacks(session: Session) -> list[Callback]:
    """Open and claimed callback requests, oldest first."""
    rows = session.execute(
        select(HandoffRequest, Person.address, Person.channel)
        .join(Person, HandoffRequest.person_id == Person.id)
        .where(HandoffRequest.status.in_((OPEN, CLAIMED)))
        .order_by(HandoffRequest.created_at, HandoffRequest.id)
    ).all()
    return [
        Callback(
            request.id, mask(address), channel, request.reason, request.status, request.created_at
        )  # fmt: skip
        for request, address, channel in rows
    ]


def move_callback(session: Session, request_id: int, status: str) -> HandoffRequest | None:
    """Claim (``claimed``) or close (``resolved``) a callback request that is still open
    or claimed; None if there is no such request."""
    if status not in (CLAIMED, RESOLVED):
        raise ValueError(f"unknown callback status {status!r}")
    request = session.get(HandoffRequest, request_id)
    if request is None or request.status == RESOLVED:
        return None
    request.status = status
    if status == RESOLVED:
        request.closed_at = utcnow()
    return request


def outbox(session: Session, limit: int = 100) -> list[OutboxRow]:
    """The latest outbound texts with their delivery status."""
    rows = session.scalars(
        select(OutboundMessage).order_by(OutboundMessage.updated_at.desc()).limit(limit)
    )
    return [
        OutboxRow(
            mask(row.to_address),
            row.kind,
            row.status,
            row.error_code,
            row.attempts,
            row.body,
            row.updated_at,
        )  # fmt: skip
        for row in rows
    ]
