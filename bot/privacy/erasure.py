"""Erasing everything the service holds about a number: the one way, whether staff
do it in the portal (bot/web/admin/learners.py) or the person asks by text
(bot/privacy/forget.py).

Erasure removes the person (and with them their eligibility answers, enrollments,
follow-ups, job alerts and callback requests), the texts to and from their number,
and their conversation in the assistant. An opt-out is kept: it is the record that
the number must never be texted again. Every erasure is written to the audit log
under the masked number.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.db.models import InboundMessage, OutboundMessage, Person
from bot.messaging.phone import mask
from bot.privacy.audit import record_audit
from bot.privacy.conversations import delete_conversation

# The audit log's action for an erasure.
ERASE = "erase"


def erase(
    session: Session,
    tracker_store_url: str,
    number: str,
    staff_id: int | None,
    why: str,
    all_or_nothing: bool = False,
    actor: str | None = None,
) -> str:
    """Delete the conversation in Rasa's tracker store and, in ``session``, the person
    and their texts; writes the audit entry (``why`` says who asked; ``actor`` who did
    it when no staff member did) and returns its text. If the tracker store cannot be
    reached the rest is still erased and the entry says the conversation was not,
    unless ``all_or_nothing``: then the error is raised before anything is erased, for
    a caller that will try again."""
    try:
        removed = delete_conversation(tracker_store_url, number)
        note = f"the conversation in the assistant ({removed} events)"
    except SQLAlchemyError as exc:
        if all_or_nothing:
            raise
        note = (
            f"NOT the conversation in the assistant (tracker store: {type(exc).__name__}; "
            "erase again)"
        )
    people = session.execute(delete(Person).where(Person.address == number)).rowcount
    inbound = session.execute(
        delete(InboundMessage).where(InboundMessage.from_address == number)
    ).rowcount
    outbound = session.execute(
        delete(OutboundMessage).where(OutboundMessage.to_address == number)
    ).rowcount
    detail = (
        f"{people} person record(s) with their enrollments, follow-ups, alerts and "
        f"callback requests; {inbound + outbound} texts; {note}; {why}"
    )
    record_audit(session, ERASE, mask(number), detail, staff_id, actor)
    return detail
