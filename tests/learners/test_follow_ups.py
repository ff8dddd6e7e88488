"""Follow-up schedules and claims, with time injected (no waiting for days)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.config import load_settings
from bot.db import session_scope
from bot.db.models import Course, Enrollment, FollowUp, JobAlertSubscription, Person, Place
from bot.identity import SMS_CHANNEL, WEB_CHANNEL
from bot.jobs.store import ensure_places
from bot.learners import follow_ups
from bot.learners.claims import LEASE, claim_due
from bot.learners.dispatch import Delivery, Dispatcher
from bot.learners.enrollments import EnrollmentStatus
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


def _learner(session, address="+18605550300", channel=SMS_CHANNEL) -> tuple[Person, Enrollment]:
    person = Person(channel=channel, address=address)
    course = session.execute(select(Course)).scalars().first()
    if course is None:
        from bot.courses.catalog import import_shipped_catalog

        import_shipped_catalog(session)
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


class _Recording(Dispatcher):
    """The worker's dispatcher with the assistant replaced by a list of what it was sent."""

    def __init__(self, url: str):
        super().__init__(load_settings({"DATABASE_URL": url}), concurrency=1)
        self.sent: list[str] = []

    def trigger(self, delivery: Delivery) -> None:
        self.sent.append(delivery.key)


def _outcomes(db_url: str, when: datetime) -> tuple[list[str], dict[str, tuple[str, str | None]]]:
    """Run the dispatcher at ``when``: what went to the assistant, and each follow-up's
    status and skip reason by its person's address."""
    dispatcher = _Recording(db_url)
    dispatcher.tick(when)
    with session_scope(db_url) as session:
        rows = session.execute(
            select(Person.address, FollowUp.status, FollowUp.skip_reason)
            .join(Person, Person.id == FollowUp.person_id)
            .where(FollowUp.due_at <= when)
        ).all()
    return dispatcher.sent, {address: (status, reason) for address, status, reason in rows}


def test_skip_reasons_are_recorded(db_url):
    with session_scope(db_url) as session:
        learners = {
            address: _learner(session, address=address)
            for address in ("+18605550301", "+18605550302", "+18605550303")
        }
        learners["web-0123abcd"] = _learner(session, address="web-0123abcd", channel=WEB_CHANNEL)
        for _, enrollment in learners.values():
            follow_ups.start_reminders(session, enrollment, now=CONSENT)
        optouts.opt_out(session, "+18605550302", "STOP")
        learners["+18605550303"][1].status = EnrollmentStatus.COMPLETED
    due = reminder_due(CONSENT, 1)
    sent, outcomes = _outcomes(db_url, due)
    assert sent == [f"reminder:{learners['+18605550301'][1].id}:1"]
    assert outcomes["+18605550301"] == ("sent", None)
    assert outcomes["+18605550302"] == ("skipped", "number opted out")
    assert outcomes["+18605550303"] == ("skipped", "enrollment completed")
    status, reason = outcomes["web-0123abcd"]
    assert status == "skipped" and reason.startswith("no phone")


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
        due = row.due_at
    sent, outcomes = _outcomes(db_url, due)
    assert sent == [] and outcomes[person.address] == ("skipped", "no new jobs")


def _due_rows(db_url: str, count: int) -> None:
    with session_scope(db_url) as session:
        person = Person(channel=SMS_CHANNEL, address="+18605550399")
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


def test_the_lease_is_the_one_follow_up_lease_seconds_sets(db_url):
    lease = Dispatcher(load_settings({"FOLLOW_UP_LEASE_SECONDS": "30"})).lease
    _due_rows(db_url, 2)
    with session_scope(db_url) as session:
        first = claim_due(session, CONSENT, 10, lease)
    with session_scope(db_url) as session:
        assert claim_due(session, CONSENT + timedelta(seconds=29), 10, lease) == []
        later = claim_due(session, CONSENT + timedelta(seconds=31), 10, lease)
        assert sorted(later) == sorted(first)
