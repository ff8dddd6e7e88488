"""Building learners with due course reminders, in bulk (tests and bench/followups.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select

from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import Course, Enrollment, FollowUp, Person


def due_reminders(url: str, numbers: list[str]) -> None:
    """One learner per phone number in ``numbers``, each enrolled in a course with
    consent to reminders and the first reminder due a minute ago."""
    now = utcnow()
    with session_scope(url) as session:
        course_id = session.execute(select(Course.id).limit(1)).scalar_one()
        session.execute(
            insert(Person),
            [{"channel": "twilio_sms", "address": n, "created_at": now} for n in numbers],
        )
        people = dict(
            session.execute(
                select(Person.address, Person.id).where(Person.address.in_(numbers))
            ).all()
        )
        session.execute(
            insert(Enrollment),
            [
                {"person_id": people[n], "course_id": course_id, "status": "enrolled",
                 "reminders_consent": True, "reminders_started_at": now - timedelta(days=2),
                 "enrolled_at": now, "updated_at": now}
                for n in numbers
            ],
        )  # fmt: skip
        enrollments = dict(
            session.execute(
                select(Enrollment.person_id, Enrollment.id).where(
                    Enrollment.person_id.in_(people.values())
                )
            ).all()
        )
        session.execute(
            insert(FollowUp),
            [
                {"kind": "course_reminder", "person_id": people[n],
                 "enrollment_id": enrollments[people[n]], "due_at": now - timedelta(minutes=1),
                 "sequence": 1, "status": "pending", "attempts": 0,
                 "idempotency_key": f"reminder:{enrollments[people[n]]}:1", "created_at": now}
                for n in numbers
            ],
        )  # fmt: skip
