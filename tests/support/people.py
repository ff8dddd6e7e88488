"""People as the assistant stores them, for tests that need one with a language."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import Course, Enrollment, FollowUp, Person
from bot.identity import SMS_CHANNEL


def texter(db_url: str, address: str, language: str) -> int:
    """Store a person texting from ``address`` who speaks ``language``; their id."""
    with session_scope(db_url) as session:
        person = Person(channel=SMS_CHANNEL, address=address, language=language)
        session.add(person)
        session.flush()
        return person.id


def enroll_directly(sender: str, code: str) -> None:
    """Store ``sender`` (a texter) enrolled in course ``code``, with reminders consented
    and one due in two days."""
    with session_scope() as session:
        course_id = session.execute(select(Course.id).where(Course.code == code)).scalar_one()
        who = Person(channel=SMS_CHANNEL, address=sender)
        session.add(who)
        session.flush()
        enrollment = Enrollment(person_id=who.id, course_id=course_id, reminders_consent=True)
        session.add(enrollment)
        session.flush()
        session.add(FollowUp(kind="course_reminder", person_id=who.id,
                             enrollment_id=enrollment.id, due_at=utcnow() + timedelta(days=2),
                             idempotency_key=f"r-{sender}"))  # fmt: skip
