"""Enrollments: a person's place in a course, from enrolling to finishing.

Every change of an enrollment's status, and what goes with it (reminders started or
stopped), is written here; the conversation (bot/dialogue/courses.py), the follow-up
worker (bot/learners/dispatch.py) and data retention (bot/privacy/retention.py) read
the statuses from :class:`EnrollmentStatus`.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import Enrollment, Person
from bot.learners import follow_ups


class EnrollmentStatus(str, Enum):
    """Where an enrollment stands; the values are what the database stores."""

    ENROLLED = "enrolled"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    DROPPED = "dropped"

    def __str__(self) -> str:
        return self.value


# Statuses of an enrollment still under way: reminders go out, DONE finishes it.
OPEN = (EnrollmentStatus.ENROLLED.value, EnrollmentStatus.IN_PROGRESS.value)


def is_open(enrollment: Enrollment | None) -> bool:
    """Whether ``enrollment`` exists and is still under way."""
    return enrollment is not None and enrollment.status in OPEN


def enroll(session: Session, person: Person, course_id: int) -> Enrollment | None:
    """Enroll ``person`` in the course (again, after one that ended); None when they
    are enrolled in it already."""
    enrollment = session.execute(
        select(Enrollment).where(
            Enrollment.person_id == person.id, Enrollment.course_id == course_id
        )
    ).scalar_one_or_none()
    if is_open(enrollment):
        return None
    if enrollment is None:
        enrollment = Enrollment(person_id=person.id, course_id=course_id)
        session.add(enrollment)
    enrollment.status = EnrollmentStatus.ENROLLED.value
    enrollment.enrolled_at = utcnow()
    enrollment.completed_at = None
    session.flush()
    return enrollment


def latest_open(session: Session, person: Person) -> Enrollment | None:
    """The person's most recent enrollment still under way, or None."""
    return session.execute(
        select(Enrollment)
        .where(Enrollment.person_id == person.id, Enrollment.status.in_(OPEN))
        .order_by(Enrollment.enrolled_at.desc(), Enrollment.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def set_reminders(session: Session, person: Person, enrollment: Enrollment, consent: bool) -> None:
    """Record the person's answer to "can we text you reminders?"; a yes is also their
    consent to texts, and lines up the first reminder."""
    enrollment.reminders_consent = consent
    if consent:
        person.sms_consent = True
        person.sms_consent_at = utcnow()
        follow_ups.start_reminders(session, enrollment)


def complete(session: Session, enrollment: Enrollment, now: datetime | None = None) -> None:
    """Mark ``enrollment`` completed; its reminders stop."""
    enrollment.status = EnrollmentStatus.COMPLETED.value
    enrollment.completed_at = now or utcnow()
    follow_ups.cancel(session, "course completed", enrollment_id=enrollment.id)


def stop_reminders(session: Session, person: Person) -> None:
    """Stop the reminders of every open enrollment of ``person`` (not an SMS opt-out)."""
    enrollments = session.execute(
        select(Enrollment).where(Enrollment.person_id == person.id, Enrollment.status.in_(OPEN))
    ).scalars()
    for enrollment in enrollments:
        enrollment.reminders_consent = False
        follow_ups.cancel(session, "stopped by learner", enrollment_id=enrollment.id)
