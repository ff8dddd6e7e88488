"""Data retention: old conversations deleted, ended enrollments anonymized."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from bot import worker
from bot.cli import cli
from bot.clock import utcnow
from bot.db import get_engine, session_scope
from bot.db.models import Course, Enrollment, FollowUp, Person, Program
from bot.db.rasa_events import events
from bot.identity import SMS_CHANNEL
from bot.learners.enrollments import EnrollmentStatus
from bot.privacy.retention import RetentionPolicy, apply_retention

NOW = utcnow().replace(microsecond=0)
POLICY = RetentionPolicy(conversation_days=30, enrollment_days=90)


def _event(url: str, sender: str, days_ago: float) -> None:
    moment = (NOW - timedelta(days=days_ago)).replace(tzinfo=timezone.utc).timestamp()
    with get_engine(url).begin() as connection:
        connection.execute(
            events.insert().values(sender_id=sender, type_name="user", intent_name="greet",
                                   action_name=None, timestamp=moment, data="{}")
        )  # fmt: skip


def _senders(url: str) -> list[str]:
    with get_engine(url).connect() as connection:
        return sorted(connection.execute(select(events.c.sender_id)).scalars())


def _enrollment(session, address: str, status: str, ended_days_ago: int) -> int:
    program = session.scalars(select(Program)).first()
    if program is None:
        program = Program(code="p", name="Program")
        session.add(program)
        session.flush()
    course = Course(code=f"c-{address}", program_id=program.id, title="Excel", topic="excel")
    person = Person(channel=SMS_CHANNEL, address=address)
    session.add_all([course, person])
    session.flush()
    ended = NOW - timedelta(days=ended_days_ago)
    enrollment = Enrollment(person_id=person.id, course_id=course.id, status=status,
                            enrolled_at=ended, updated_at=ended)  # fmt: skip
    session.add(enrollment)
    session.flush()
    session.add(
        FollowUp(kind="course_reminder", person_id=person.id, enrollment_id=enrollment.id,
                 due_at=ended, status="skipped", idempotency_key=f"k-{address}")
    )  # fmt: skip
    return enrollment.id


def test_conversations_older_than_the_policy_are_deleted_and_newer_ones_kept(tracker):
    _event(tracker, "+18605550001", 45)
    _event(tracker, "+18605550002", 29)
    _event(tracker, "web-abc", 1)
    with session_scope(tracker) as session:
        report = apply_retention(session, tracker, NOW, POLICY)
    assert report.conversation_events == 1
    assert _senders(tracker) == ["+18605550002", "web-abc"]


def test_ended_enrollments_lose_their_person_and_open_or_recent_ones_are_kept(db_url):
    with session_scope(db_url) as session:
        old = _enrollment(session, "+18605550011", EnrollmentStatus.COMPLETED, 120)
        recent = _enrollment(session, "+18605550012", EnrollmentStatus.COMPLETED, 10)
        still_open = _enrollment(session, "+18605550013", EnrollmentStatus.ENROLLED, 400)
    with session_scope(db_url) as session:
        report = apply_retention(session, db_url, NOW, POLICY)
    assert report.enrollments == 1
    with session_scope(db_url) as session:
        owners = dict(session.execute(select(Enrollment.id, Enrollment.person_id)).all())
        assert owners[old] is None
        assert owners[recent] is not None and owners[still_open] is not None
        # The completion still counts in the reports; nothing ties it to the number.
        assert session.get(Enrollment, old).status == EnrollmentStatus.COMPLETED
        assert session.scalars(select(FollowUp.enrollment_id)).all() != []
        assert old not in session.scalars(select(FollowUp.enrollment_id)).all()
        # The person stays (they may still use the service).
        assert session.scalars(select(Person).where(Person.address == "+18605550011")).one()
    with session_scope(db_url) as session:
        assert apply_retention(session, db_url, NOW, POLICY).enrollments == 0


def test_the_command_line_says_what_it_removed(tracker, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", tracker)
    monkeypatch.setenv("TRACKER_STORE_URL", tracker)
    monkeypatch.setenv("CONVERSATION_RETENTION_DAYS", "7")
    _event(tracker, "+18605550021", 8)
    result = CliRunner().invoke(cli, ["retention"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Kept 7 days of conversations and 365 days of ended enrollments" in result.output
    assert "deleted 1 conversation events, anonymized 0 ended enrollments" in result.output
    assert _senders(tracker) == []


def test_a_retention_period_below_one_day_is_refused():
    with pytest.raises(ValueError, match="at least 1 day"):
        RetentionPolicy.from_env({"CONVERSATION_RETENTION_DAYS": "0"})


def test_the_worker_applies_retention_once_an_hour(tracker, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", tracker)
    monkeypatch.setenv("TRACKER_STORE_URL", tracker)
    monkeypatch.setattr(worker, "_last_retention", [])
    monkeypatch.setattr(worker, "HANDLERS", [worker.apply_retention])
    _event(tracker, "+18605550031", 200)
    worker.tick(NOW)
    assert _senders(tracker) == []
    _event(tracker, "+18605550032", 200)
    worker.tick(NOW + timedelta(minutes=30))
    assert _senders(tracker) == ["+18605550032"]
    worker.tick(NOW + timedelta(minutes=61))
    assert _senders(tracker) == []


def test_an_unreachable_tracker_store_does_not_stop_the_worker(db_url, monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://postgres@127.0.0.1:1/none")
    monkeypatch.setattr(worker, "_last_retention", [])
    monkeypatch.setattr(worker, "HANDLERS", [worker.apply_retention])
    assert worker.tick(NOW) == 0
    assert "retention failed, trying again in an hour" in caplog.text
    with session_scope(db_url) as session:
        assert session.scalar(select(func.count()).select_from(Enrollment)) == 0
