"""Follow-up schedules and claims, with time injected (no waiting for days)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.db import session_scope
from bot.db.models import Course, Enrollment, FollowUp, JobAlertSubscription, Person, Place
from bot.identity import WEB_CHANNEL
from bot.jobs.store import ensure_places
from bot.learners import follow_ups
from bot.learners.claims import LEASE, claim_due
from bot.learners.dispatch import _skip_reason
from bot.learners.schedule import next_alert_due, reminder_due, schedule
from bot.messaging import optouts

CONSENT = datetime(2026, 11, 25, 15, 0)  # 10:00 in Connecticut


def test_reminders_follow_the_configured_days_at_ten_local_time():
    assert schedule().reminder_days == (2, 7, 14, 21, 28, 35, 42, 49, 56)
    assert reminder_due(CONSENT, 1) == datetime(2026, 11, 27, 15, 0)  # 10:00 EST
    assert reminder_due(CONSENT, 2) == datetime(2026, 12, 2, 15, 0)
    assert reminder_due(CONSENT, 9) == datetime(2027, 1, 20, 15, 0)
    assert reminder_due(CONSENT, 10) is None
    summer = datetime(2026, 7, 1, 14, 0)
    assert reminder_due(summer, 1) == datetime(2026, 7, 3, 14, 0)  # 10:00 EDT


def test_alerts_come_daily_or_weekly():
    assert next_alert_due(CONSENT, "daily") == datetime(2026, 11, 26, 15, 0)
    assert next_alert_due(CONSENT, "weekly") == datetime(2026, 12, 2, 15, 0)


def _learner(session, address="+18605550300", channel="twilio_sms") -> tuple[Person, Enrollment]:
    person = Person(channel=channel, address=address)
    course = session.execute(select(Course)).scalars().first()
    if course is None:
        from bot.courses.catalog import (
            import_catalog,
            load_programs,
            read_catalog_csv,
            shipped_catalog_path,
        )

        load_programs(session)
        import_catalog(session, read_catalog_csv(shipped_catalog_path()).records)
        course = session.execute(select(Course)).scalars().first()
    session.add(person)
    session.flush()
    enrollment = Enrollment(person_id=person.id, course_id=course.id)
    session.add(enrollment)
    session.flush()
    return person, enrollment


def test_consent_starts_one_reminder_and_stopping_cancels_it(db_url):
    with session_scope(db_url) as session:
        _, enrollment = _learner(session)
        follow_ups.start_reminders(session, enrollment, now=CONSENT)
        follow_ups.start_reminders(session, enrollment, now=CONSENT)  # said yes twice
        rows = session.execute(select(FollowUp)).scalars().all()
        assert [(r.sequence, r.due_at, r.status) for r in rows] == [
            (1, datetime(2026, 11, 27, 15, 0), "pending")
        ]
        [soon] = follow_ups.upcoming(session)
        assert (soon.address, soon.due_at, soon.status) == (
            "+18605550300",
            datetime(2026, 11, 27, 15, 0),
            "pending",
        )
        assert soon.what == enrollment.course.title and follow_ups.recent(session) == []
        assert follow_ups.cancel(session, "stopped by learner", enrollment_id=enrollment.id) == 1
        session.expire_all()
        assert session.get(FollowUp, rows[0].id).status == "skipped"
        [view] = follow_ups.recent(session)
        assert view.skip_reason == "stopped by learner" and view.address == "+18605550300"
        assert follow_ups.upcoming(session) == []


def _reason(session, row: FollowUp, person: Person) -> str | None:
    """Why the dispatcher would skip ``row`` at CONSENT, with the number's opt-out status."""
    blocked = optouts.block_status(session, person.address)
    return _skip_reason(session, row, person, blocked, CONSENT)


def test_skip_reasons_are_recorded(db_url):
    with session_scope(db_url) as session:
        person, enrollment = _learner(session)
        follow_ups.start_reminders(session, enrollment, now=CONSENT)
        row = session.execute(select(FollowUp)).scalar_one()
        assert _reason(session, row, person) is None
        optouts.opt_out(session, person.address, "STOP")
        assert _reason(session, row, person) == "number opted out"
        optouts.opt_in(session, person.address)
        enrollment.status = "completed"
        assert _reason(session, row, person) == "enrollment completed"
        web_person, web_enrollment = _learner(session, address="web-0123abcd", channel=WEB_CHANNEL)
        follow_ups.start_reminders(session, web_enrollment, now=CONSENT)
        web_row = session.execute(
            select(FollowUp).where(FollowUp.enrollment_id == web_enrollment.id)
        ).scalar_one()
        assert _reason(session, web_row, web_person).startswith("no phone")


def test_an_alert_with_nothing_new_is_skipped(db_url):
    with session_scope(db_url) as session:
        person, _ = _learner(session)
        ensure_places(session)
        place = session.execute(select(Place).where(Place.name == "Hartford")).scalar_one()
        subscription = JobAlertSubscription(
            person_id=person.id, keyword="warehouse", place_id=place.id, frequency="daily"
        )
        session.add(subscription)
        session.flush()
        follow_ups.restart_alerts(session, subscription)
        row = session.execute(select(FollowUp)).scalar_one()
        assert row.kind == "job_alert"
        assert _reason(session, row, person) == "no new jobs"


def _due_rows(db_url: str, count: int) -> None:
    with session_scope(db_url) as session:
        person = Person(channel="twilio_sms", address="+18605550399")
        session.add(person)
        session.flush()
        session.add_all(
            FollowUp(
                kind="course_reminder",
                person_id=person.id,
                due_at=CONSENT - timedelta(minutes=n % 7),
                idempotency_key=f"claim-test:{n}",
            )
            for n in range(count)
        )


def test_parallel_claims_never_take_the_same_row(db_url):
    _due_rows(db_url, 300)
    taken: list[list[int]] = [[], [], []]

    def worker(index: int) -> None:
        while True:
            with session_scope(db_url) as session:
                ids = claim_due(session, CONSENT, 7)
            if not ids:
                return
            taken[index].extend(ids)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [row for ids in taken for row in ids]
    assert len(everything) == 300 and len(set(everything)) == 300


def test_a_claim_left_by_a_dead_worker_is_taken_again_after_the_lease(db_url):
    _due_rows(db_url, 3)
    with session_scope(db_url) as session:
        first = claim_due(session, CONSENT, 10)
    with session_scope(db_url) as session:
        assert claim_due(session, CONSENT + timedelta(seconds=1), 10) == []
        again = claim_due(session, CONSENT + LEASE + timedelta(seconds=1), 10)
        attempts = session.execute(select(func.max(FollowUp.attempts))).scalar()
    assert sorted(again) == sorted(first) and attempts == 2
