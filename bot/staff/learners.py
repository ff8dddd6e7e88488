"""Learner lookup for staff: what the service holds about a number, masked.
Erasing it is bot.privacy.erasure.erase."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.clock import connecticut_date
from bot.db.models import (
    Course,
    Enrollment,
    FollowUp,
    InboundMessage,
    JobAlertSubscription,
    OutboundMessage,
    Person,
)
from bot.learners import follow_ups
from bot.messaging.phone import mask
from bot.staff.languages import language_name


@dataclass(frozen=True)
class Learner:
    """What the service holds about one number, as staff see it."""

    number: str
    since: str
    language: str
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
        since=connecticut_date(min(person.created_at for person in people)),
        language=language_name(max(people, key=lambda person: person.id).language),
        enrollments=tuple(f"{title} ({status})" for title, status in enrollments),
        job_alerts=_count(
            session, select(JobAlertSubscription.id).where(JobAlertSubscription.person_id.in_(ids))
        ),
        pending_follow_ups=_count(
            session,
            select(FollowUp.id).where(
                FollowUp.person_id.in_(ids), FollowUp.status == follow_ups.PENDING
            ),
        ),
        texts=_count(
            session, select(InboundMessage.id).where(InboundMessage.from_address == number)
        )
        + _count(session, select(OutboundMessage.id).where(OutboundMessage.to_address == number)),
    )
