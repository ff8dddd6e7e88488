"""The worker loop keeps going when the database or a handler fails."""

from __future__ import annotations

import logging
from datetime import timedelta

import requests
from sqlalchemy import select

from bot import worker
from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import FollowUp, OutboundMessage, Person
from bot.worker_health import Heartbeat, serve
from tests.support.servers import free_port


def test_pending_follow_ups_counts_only_what_is_due(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    now = utcnow()
    with session_scope(db_url) as session:
        person = Person(channel="sms", address="+18605550100")
        session.add(person)
        session.flush()
        for key, due, status in (
            ("due", now - timedelta(minutes=5), "pending"),
            ("later", now + timedelta(hours=1), "pending"),
            ("done", now - timedelta(hours=1), "sent"),
        ):
            session.add(
                FollowUp(kind="course_reminder", person_id=person.id, due_at=due,
                         status=status, idempotency_key=key)
            )  # fmt: skip
    assert worker.pending_follow_ups(now) == 1


def test_a_failing_tick_is_logged_and_the_worker_carries_on(db_url, monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", db_url)
    calls = []

    def flaky(now):
        calls.append(now)
        raise RuntimeError("boom")

    monkeypatch.setattr(worker, "HANDLERS", [flaky])
    with caplog.at_level(logging.ERROR, logger="bot.worker"):
        worker.run(once=True)
    assert len(calls) == 1
    assert "tick failed" in caplog.text


def test_a_dead_database_does_not_stop_the_worker(monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    with caplog.at_level(logging.ERROR, logger="bot.worker"):
        worker.run(once=True)
    assert "tick failed" in caplog.text


def test_a_tick_sends_texts_left_waiting_in_the_outbox(db_url, monkeypatch):
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", db_url)
    now = utcnow()
    with session_scope(db_url) as session:
        session.add_all(
            [
                OutboundMessage(idempotency_key="a#1", to_address="+18605550111", body="due",
                                status="retry", not_before=now - timedelta(minutes=1)),
                OutboundMessage(idempotency_key="b#1", to_address="+18605550111", body="later",
                                status="retry", not_before=now + timedelta(hours=1)),
            ]
        )  # fmt: skip
    assert worker.tick(now) == 1
    with session_scope(db_url) as session:
        statuses = dict(session.execute(select(OutboundMessage.body, OutboundMessage.status)).all())
    assert statuses == {"due": "outbox", "later": "retry"}


def test_the_health_endpoint_turns_503_when_ticks_stop_finishing():
    heartbeat = Heartbeat(tick_seconds=15)
    server = serve(heartbeat, free_port())
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        ok = requests.get(f"{url}/health", timeout=5)
        assert ok.status_code == 200 and ok.json()["status"] == "ok"
        heartbeat.failed(ConnectionError("database down"))
        heartbeat.last_ok -= 61  # four 15 s ticks and more without one finishing
        stale = requests.get(f"{url}/health", timeout=5)
        assert stale.status_code == 503
        assert stale.json()["status"] == "stale" and stale.json()["last_error"] == "ConnectionError"
        assert requests.get(f"{url}/other", timeout=5).status_code == 404
        heartbeat.ok()
        assert requests.get(f"{url}/health", timeout=5).status_code == 200
    finally:
        server.shutdown()
