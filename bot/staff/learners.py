"""Learner lookup for staff, and erasing a person's data when they ask.

Erasure removes the person (and with them their eligibility answers, enrollments,
follow-ups, job alerts and callback requests), the texts to and from their number,
and their conversation in the assistant. An opt-out is kept: it is the record that
the number must never be texted again. Every erasure is written to the audit log
under the masked number.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.db.models import (
    Course,
    Enrollment,
    FollowUp,
    InboundMessage,
    JobAlertSubscription,
    OutboundMessage,
    Person,
)
from bot.messaging.phone import mask
from bot.staff.audit import record_audit

ERASE = "erase"


@dataclass(frozen=True)
class Learner:
    """What the service holds about one number, as staff see it."""

    number: str
    since: str
    enrollments: tuple[str, ...]
    job_alerts: int
    pending_follow_ups: int
    texts: int


def _count(session: Session, query) -> int:
    return session.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def lookup(session: Session, number: str) -> Learner | None:
    """The learner texting from ``number`` (normalized), or None."""
    people = session.scalars(select(Person).where(Person.address == number)).all()
    if not people:
        return None
    ids = [person.id for person in people]
    enrollments = session.execute(
        select(Course.title, Enrollment.status)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.person_id.in_(ids))
        .order_by(Enrollment.enrolled_at)
    ).all()
    return Learner(
        number=mask(number),
        since=min(person.created_at for person in people).strftime("%Y-%m-%d"),
        enrollments=tuple(f"{title} ({status})" for title, status in enrollments),
        job_alerts=_count(
            session, select(JobAlertSubscription.id).where(JobAlertSubscription.person_id.in_(ids))
        ),
        pending_follow_ups=_count(
            session,
            select(FollowUp.id).where(FollowUp.person_id.in_(ids), FollowUp.status == "pending"),
        ),
        texts=_count(
            session, select(InboundMessage.id).where(InboundMessage.from_address == number)
        )
        + _count(session, select(OutboundMessage.id).where(OutboundMessage.to_address == number)),
    )


def erase(session: Session, number: str, staff_id: int | None, conversation_note: str) -> str:
    """Delete what the service holds about ``number``; writes the audit entry and
    returns its text."""
    people = session.execute(delete(Person).where(Person.address == number)).rowcount
    inbound = session.execute(
        delete(InboundMessage).where(InboundMessage.from_address == number)
    ).rowcount
    outbound = session.execute(
        delete(OutboundMessage).where(OutboundMessage.to_address == number)
    ).rowcount
    detail = (
        f"{people} person record(s) with their enrollments, follow-ups, alerts and "
        f"callback requests; {inbound + outbound} texts; {conversation_note}"
    )
    record_audit(session, ERASE, mask(number), detail, staff_id)
    return detail
