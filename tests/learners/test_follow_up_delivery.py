"""Follow-ups delivered for real: the worker claims due rows, triggers the real Rasa
server over the SMS channel, and the texts reach the local Twilio-compatible server.
Time is injected into the worker; nobody waits for days."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.clock import utcnow
from bot.config import PROJECT_ROOT, load_settings
from bot.db import session_scope
from bot.db.models import Course, Enrollment, FollowUp, Person
from bot.learners.dispatch import Dispatcher
from tests.support.follow_up_factory import due_reminders
from tests.support.phones import Phone

ON_POSTGRESQL = bool(os.environ.get("TEST_DATABASE_URL"))


def _dispatcher(stack, url: str) -> Dispatcher:
    settings = load_settings(
        {"DATABASE_URL": url, "RASA_URL": stack.url, "RASA_TOKEN": stack.token}
    )
    return Dispatcher(settings)


def test_enroll_consent_reminder_by_text_then_done(rasa_stack, twilio_server, conversation_url):
    phone = Phone(rasa_stack, twilio_server, conversation_url)
    assert phone.say("excel classes")[0].startswith("Free courses for excel:")
    phone.say("enroll 1")
    phone.say("yes")
    enrolled = phone.say("yes")
    assert enrolled[-1] == "Can we text you reminders until you finish? Reply YES or NO"
    assert phone.say("yes")[0].startswith("Great, I'll text you reminders")
    with session_scope(conversation_url) as session:
        row = session.execute(
            select(FollowUp)
            .join(Person, Person.id == FollowUp.person_id)
            .where(Person.address == phone.number)
        ).scalar_one()
        due, key = row.due_at, row.idempotency_key
        course = session.execute(
            select(Course.title)
            .join(Enrollment, Enrollment.course_id == Course.id)
            .where(Enrollment.id == row.enrollment_id)
        ).scalar_one()
    assert due - utcnow() > timedelta(days=1)  # day 2 of the schedule

    dispatcher = _dispatcher(rasa_stack, conversation_url)
    assert dispatcher.tick(now=due - timedelta(minutes=1)) == 0  # not due yet
    before = len(phone.received())
    assert dispatcher.tick(now=due) == 1
    reminder = twilio_server.wait_for(phone.number, before + 1)[-1].body
    assert reminder.startswith(f"Reminder: how is {course} going?")
    assert "Reply DONE" in reminder
    assert dispatcher.tick(now=due) == 0  # delivered once

    finished = phone.say("done")
    assert finished[0].startswith(f"Congratulations on finishing {course}")
    with session_scope(conversation_url) as session:
        statuses = dict(
            session.execute(
                select(FollowUp.idempotency_key, FollowUp.status)
                .join(Person, Person.id == FollowUp.person_id)
                .where(Person.address == phone.number)
            ).all()
        )
    # The second reminder was lined up after the first, then cancelled by "done".
    assert statuses[key] == "sent"
    assert sorted(statuses.values()) == ["sent", "skipped"]


def test_stop_reminders_by_text_ends_the_schedule(rasa_stack, twilio_server, conversation_url):
    phone = Phone(rasa_stack, twilio_server, conversation_url)
    phone.say("excel classes")
    phone.say("enroll 1")
    phone.say("yes")
    phone.say("yes")
    phone.say("yes")
    phone.say("stop reminders")
    with session_scope(conversation_url) as session:
        [(status, reason)] = session.execute(
            select(FollowUp.status, FollowUp.skip_reason)
            .join(Person, Person.id == FollowUp.person_id)
            .where(Person.address == phone.number)
        ).all()
    assert (status, reason) == ("skipped", "stopped by learner")


def _due_reminders(url: str, count: int, prefix: str) -> list[str]:
    """``count`` learners, each enrolled with consent and one reminder due now."""
    numbers = [f"+1{prefix}{n:06d}" for n in range(count)]
    due_reminders(url, numbers)
    return numbers


def _worker(stack, url: str, lease_seconds: float = 300) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RASA_URL": stack.url,
        "RASA_TOKEN": stack.token,
        "WORKER_TICK_SECONDS": "0.2",
        "FOLLOW_UP_LEASE_SECONDS": str(lease_seconds),
        "SMS_SEND_WINDOW": "00:00-24:00",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "worker"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _sent(url: str, numbers: list[str]) -> int:
    with session_scope(url) as session:
        return session.execute(
            select(func.count())
            .select_from(FollowUp)
            .join(Person, Person.id == FollowUp.person_id)
            .where(Person.address.in_(numbers), FollowUp.status == "sent", FollowUp.sequence == 1)
        ).scalar_one()


def _wait_all_sent(url: str, numbers: list[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _sent(url, numbers) < len(numbers):
        assert time.monotonic() < deadline, f"only {_sent(url, numbers)} of {len(numbers)} sent"
        time.sleep(0.5)


def _texts_per_number(twilio_server, numbers: list[str]) -> Counter:
    wanted = set(numbers)
    return Counter(m.to for m in list(twilio_server.sent) if m.to in wanted)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="runs in the PostgreSQL pass of .ci/run")
def test_two_workers_deliver_a_thousand_reminders_exactly_once(
    rasa_stack, twilio_server, conversation_url
):
    numbers = _due_reminders(conversation_url, 1000, "2035")
    workers = [_worker(rasa_stack, conversation_url) for _ in range(2)]
    try:
        _wait_all_sent(conversation_url, numbers, timeout=600)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
    counts = _texts_per_number(twilio_server, numbers)
    assert len(counts) == 1000 and set(counts.values()) == {1}


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(
    rasa_stack, twilio_server, conversation_url
):
    numbers = _due_reminders(conversation_url, 150, "2036")
    first = _worker(rasa_stack, conversation_url, lease_seconds=3)
    deadline = time.monotonic() + 300
    while _sent(conversation_url, numbers) < 20:
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert _sent(conversation_url, numbers) < len(numbers), "the kill came too late to test"
    second = _worker(rasa_stack, conversation_url, lease_seconds=3)
    try:
        _wait_all_sent(conversation_url, numbers, timeout=300)
    finally:
        second.terminate()
        second.wait(timeout=30)
    counts = _texts_per_number(twilio_server, numbers)
    assert len(counts) == 150 and set(counts.values()) == {1}
