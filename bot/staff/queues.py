"""The staff portal's work queues: callback requests, the SMS outbox, follow-ups.

Phone numbers are shown masked (``+1******1234``): enough to tell people apart and to
match a caller, not enough to copy a list of numbers out of the portal. A callback
request's full contact is shown only to the staff member who claimed it, on that
request alone, and every time it is shown the audit log says who saw it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import HandoffRequest, OutboundMessage, Person, StaffUser
from bot.identity import SMS_CHANNEL, WEB_CHANNEL
from bot.messaging.phone import mask
from bot.privacy.audit import record_audit
from bot.staff.languages import language_name
from bot.staff.who import person_label

OPEN, CLAIMED, RESOLVED = "open", "claimed", "resolved"
# What claim_callback found.
TAKEN, CLOSED = "taken", "closed"
# Audit actions.
CONTACT_SHOWN = "callback_contact_shown"
OUTCOME_RECORDED = "callback_outcome"

NO_CONTACT = "no contact given"
CHANNEL_NAMES = {SMS_CHANNEL: "text", WEB_CHANNEL: "web chat"}
# What one call attempt gave, as staff pick it.
OUTCOMES = {
    "reached": "Reached them",
    "no_answer": "No answer",
    "left_message": "Left a message",
    "wrong_number": "Wrong number",
    "no_contact": "No way to reach them",
}
# Outcomes that close the request; after the others it stays claimed, to try again.
CLOSING_OUTCOMES = frozenset({"reached", "wrong_number", "no_contact"})
MAX_NOTE = 500


class OutcomeError(ValueError):
    """An outcome that cannot be recorded as given; the message says why."""


@dataclass(frozen=True)
class Callback:
    """A person's request to talk to someone, as the queue lists it (masked): ``who``
    the person (bot.staff.who), ``contact`` how to reach them."""

    id: int
    who: str
    contact: str
    channel: str
    language: str
    reason: str
    status: str
    asked_at: datetime
    claimed_by: str | None
    mine: bool
    outcome: str | None


@dataclass(frozen=True)
class ClaimedCallback:
    """A claimed request as the staff member who claimed it sees it: the full contact."""

    id: int
    channel: str
    language: str
    reason: str
    asked_at: datetime
    contact: str | None
    contact_link: str | None
    outcome: str | None
    outcome_note: str | None


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


def contact_of(request: HandoffRequest, person: Person) -> str | None:
    """How to reach the person behind ``request``: the contact they gave in the chat,
    else their own number when they texted; None when there is no way."""
    if request.contact:
        return request.contact
    return person.address if person.channel == SMS_CHANNEL else None


def mask_contact(contact: str | None) -> str:
    """A contact as lists show it: ``+*******1234``, ``j***@example.org``, or
    :data:`NO_CONTACT`."""
    if not contact:
        return NO_CONTACT
    if "@" in contact:
        name, _, domain = contact.rpartition("@")
        return f"{name[:1]}***@{domain}"
    return mask(contact)


def _link(contact: str | None) -> str | None:
    if not contact:
        return None
    return f"mailto:{contact}" if "@" in contact else f"tel:{contact}"


def callbacks(session: Session, viewer_id: int | None = None) -> list[Callback]:
    """Open and claimed callback requests, oldest first; ``mine`` marks those claimed
    by ``viewer_id``."""
    rows = session.execute(
        select(HandoffRequest, Person, StaffUser.email)
        .join(Person, HandoffRequest.person_id == Person.id)
        .outerjoin(StaffUser, StaffUser.id == HandoffRequest.claimed_by)
        .where(HandoffRequest.status.in_((OPEN, CLAIMED)))
        .order_by(HandoffRequest.created_at, HandoffRequest.id)
    ).all()
    return [
        Callback(
            id=request.id,
            who=person_label(person.address),
            contact=mask_contact(contact_of(request, person)),
            channel=CHANNEL_NAMES.get(person.channel, person.channel),
            language=language_name(person.language),
            reason=request.reason,
            status=request.status,
            asked_at=request.created_at,
            claimed_by=email,
            mine=viewer_id is not None and request.claimed_by == viewer_id,
            outcome=OUTCOMES.get(request.outcome or ""),
        )
        for request, person, email in rows
    ]


def claim_callback(
    session: Session, request_id: int, staff_id: int, now: datetime | None = None
) -> str:
    """Claim an open request for ``staff_id``: :data:`CLAIMED` (now theirs, or theirs
    already), :data:`TAKEN` (another staff member's) or :data:`CLOSED` (resolved or
    no such request). Two staff claiming at once cannot both get it."""
    claimed = session.execute(
        update(HandoffRequest)
        .where(HandoffRequest.id == request_id, HandoffRequest.status == OPEN)
        .values(status=CLAIMED, claimed_by=staff_id, claimed_at=now or utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed:
        return CLAIMED
    request = session.get(HandoffRequest, request_id)
    if request is None or request.status != CLAIMED:
        return CLOSED
    return CLAIMED if request.claimed_by == staff_id else TAKEN


def _claimed_by(
    session: Session, request_id: int, staff_id: int
) -> tuple[HandoffRequest, Person] | None:
    """(request, person) when ``staff_id`` holds the claim on the request, else None."""
    row = session.execute(
        select(HandoffRequest, Person)
        .join(Person, HandoffRequest.person_id == Person.id)
        .where(
            HandoffRequest.id == request_id,
            HandoffRequest.status == CLAIMED,
            HandoffRequest.claimed_by == staff_id,
        )
    ).first()
    return tuple(row) if row else None


def show_claimed(session: Session, request_id: int, staff_id: int) -> ClaimedCallback | None:
    """The request with its full contact, for the staff member who claimed it (None
    for anyone else, or once it is closed). Each time a contact is shown, an audit
    entry says who saw it."""
    found = _claimed_by(session, request_id, staff_id)
    if found is None:
        return None
    request, person = found
    contact = contact_of(request, person)
    if contact:
        email = session.get(StaffUser, staff_id).email
        record_audit(
            session,
            CONTACT_SHOWN,
            f"callback {request.id}",
            f"{email} was shown the contact {mask_contact(contact)}",
            staff_id,
        )
    return ClaimedCallback(
        id=request.id,
        channel=CHANNEL_NAMES.get(person.channel, person.channel),
        language=language_name(person.language),
        reason=request.reason,
        asked_at=request.created_at,
        contact=contact,
        contact_link=_link(contact),
        outcome=OUTCOMES.get(request.outcome or ""),
        outcome_note=request.outcome_note,
    )


def record_outcome(
    session: Session,
    request_id: int,
    staff_id: int,
    outcome: str,
    note: str = "",
    now: datetime | None = None,
) -> HandoffRequest | None:
    """Record what a call attempt gave (one of :data:`OUTCOMES`, with an optional
    note); a closing outcome resolves the request, the others keep it claimed. Only
    the staff member who claimed it may; None otherwise. Raises :class:`OutcomeError`."""
    if outcome not in OUTCOMES:
        raise OutcomeError("Choose what the call gave.")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise OutcomeError(f"Keep the note within {MAX_NOTE} characters.")
    found = _claimed_by(session, request_id, staff_id)
    if found is None:
        return None
    request, _ = found
    now = now or utcnow()
    request.outcome, request.outcome_note, request.outcome_at = outcome, note or None, now
    if outcome in CLOSING_OUTCOMES:
        request.status, request.closed_at = RESOLVED, now
    record_audit(session, OUTCOME_RECORDED, f"callback {request.id}", OUTCOMES[outcome], staff_id)
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
