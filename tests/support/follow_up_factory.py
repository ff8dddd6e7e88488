"""Building learners with due course reminders, in bulk (tests and bench/follow_ups.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert, select

from bot.clock import utcnow
from bot.config import Settings
from bot.db import session_scope
from bot.db.models import Course, Enrollment, FollowUp, JobAlertSubscription, Person, Place
from bot.identity import SMS_CHANNEL
from bot.learners.enrollments import EnrollmentStatus
from bot.messaging.quiet_hours import next_allowed


def sending_time() -> datetime:
    """Now, or the next moment the shipped window lets proactive texts go out: a
    worker tick at this time sends whatever is due, whenever the test runs."""
    now = utcnow()
    return next_allowed(now, Settings.sms_send_window) or now


def due_reminders(url: str, numbers: list[str]) -> None:
    """One learner per phone number in ``numbers``, each enrolled in a course with
    consent to reminders and the first reminder due a minute ago."""
    now = utcnow()
    with session_scope(url) as session:
        course_id = session.execute(select(Course.id).limit(1)).scalar_one()
        session.execute(
            insert(Person),
            [{"channel": SMS_CHANNEL, "address": n, "created_at": now} for n in numbers],
        )
        people = dict(
            session.execute(
                select(Person.address, Person.id).where(Person.address.in_(numbers))
            ).all()
        )
        session.execute(
            insert(Enrollment),
            [
                {"person_id": people[n], "course_id": course_id,
                 "status": EnrollmentStatus.ENROLLED.value, "reminders_consent": True,
                 "reminders_started_at": now - timedelta(days=2),
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


def due_alerts(
    url: str,
    numbers: list[str],
    town: str = "Hartford",
    keyword: str | None = None,
    never_sent: bool = False,
) -> None:
    """A daily job alert for all jobs (or ``keyword`` jobs) near ``town`` for each phone
    number in ``numbers`` (the person is created if new), with a digest due a minute
    ago. The last digest went out 60 days ago, or, with ``never_sent``, there was none:
    the alert has just been set up and looks for jobs posted from now on."""
    now = utcnow()
    with session_scope(url) as session:
        place_id = session.execute(select(Place.id).where(Place.name == town)).scalar_one()
        for number in numbers:
            person = session.execute(
                select(Person).where(Person.channel == SMS_CHANNEL, Person.address == number)
            ).scalar_one_or_none()
            if person is None:
                person = Person(channel=SMS_CHANNEL, address=number, created_at=now)
                session.add(person)
                session.flush()
            alert = JobAlertSubscription(
                person_id=person.id, place_id=place_id, frequency="daily", keyword=keyword,
                last_sent_at=None if never_sent else now - timedelta(days=60), created_at=now,
            )  # fmt: skip
            session.add(alert)
            session.flush()
            session.add(
                FollowUp(
                    kind="job_alert",
                    person_id=person.id,
                    subscription_id=alert.id,
                    due_at=now - timedelta(minutes=1),
                    idempotency_key=f"alert:{alert.id}:1",
                )  # fmt: skip
            )
