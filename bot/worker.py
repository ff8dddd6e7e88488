"""The worker process: the service's work that is due at a time rather than asked for.

It runs a loop of ticks (WORKER_TICK_SECONDS apart when idle). Each tick runs every
handler in ``HANDLERS``: texts waiting in the outbox, due course reminders and job
alerts (through the assistant), erasures people asked for by text, and the hourly
retention run. SIGTERM and Ctrl-C finish the current tick and exit cleanly.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import utcnow
from bot.config import load_settings
from bot.db import session_scope
from bot.db.models import FollowUp
from bot.logmask import install as install_log_masking
from bot.worker_health import Heartbeat, serve

log = logging.getLogger("bot.worker")

Handler = Callable[[datetime], int]


def send_waiting_texts(now: datetime) -> int:
    """Hand the outbox's due texts to the provider: retries after an outage, and
    proactive texts held overnight by the quiet hours."""
    from bot.messaging.gate import OutboundGate

    return OutboundGate().retry_due(now)


def deliver_follow_ups(now: datetime) -> int:
    """Due course reminders and job alerts, through the assistant (bot/learners)."""
    return _dispatcher().tick(now)


_DISPATCHERS: dict[str, object] = {}


def _dispatcher():
    from bot.learners.dispatch import Dispatcher

    settings = load_settings()
    if settings.database_url not in _DISPATCHERS:
        _DISPATCHERS[settings.database_url] = Dispatcher(settings)
    return _DISPATCHERS[settings.database_url]


RETENTION_EVERY = timedelta(hours=1)
_last_retention: list[datetime] = []


def apply_retention(now: datetime) -> int:
    """Once an hour, delete or anonymize what the retention policy no longer allows
    (bot/privacy/retention.py). Returns 0: it is housekeeping, not a backlog."""
    from bot.privacy.retention import RetentionPolicy
    from bot.privacy.retention import apply_retention as apply

    if _last_retention and now - _last_retention[0] < RETENTION_EVERY:
        return 0
    _last_retention[:] = [now]
    try:
        with session_scope() as session:
            tracker_store_url = load_settings().tracker_store_url
            report = apply(session, tracker_store_url, now, RetentionPolicy.from_env())
    except SQLAlchemyError as exc:
        # Not a reason to slow the follow-ups down: the next hour tries again.
        log.warning("retention failed, trying again in an hour: %s", type(exc).__name__)
        return 0
    log.info("retention: %s", report.line())
    return 0


def carry_out_erasures(now: datetime) -> int:
    """Erasures people asked for by text, once their turn has ended (bot/privacy/forget.py)."""
    from bot.privacy.forget import carry_out_due

    with session_scope() as session:
        return carry_out_due(session, load_settings().tracker_store_url, now)


HANDLERS: list[Handler] = [
    send_waiting_texts,
    deliver_follow_ups,
    carry_out_erasures,
    apply_retention,
]
MAX_BACKOFF_SECONDS = 300.0


def pending_follow_ups(now: datetime) -> int:
    """How many follow-ups are due at ``now`` and not yet delivered."""
    with session_scope() as session:
        return session.execute(
            select(func.count())
            .select_from(FollowUp)
            .where(FollowUp.status == "pending", FollowUp.due_at <= now)
        ).scalar_one()


def tick(now: datetime | None = None) -> int:
    """Run every handler once; return how many items they processed."""
    now = now or utcnow()
    return sum(handler(now) for handler in HANDLERS)


def run(once: bool = False, stop: threading.Event | None = None) -> None:
    """Tick until stopped (or once). Errors are logged and retried on the next tick."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    install_log_masking()
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    log.info("worker started")
    settings = load_settings()
    backoff = settings.worker_tick_seconds
    heartbeat = Heartbeat(backoff)
    port = settings.worker_health_port
    health = serve(heartbeat, port) if port else None
    while not stop.is_set():
        try:
            if log.isEnabledFor(logging.DEBUG):
                log.debug("%d follow-ups due", pending_follow_ups(utcnow()))
            processed = tick()
            heartbeat.ok()
            backoff = settings.worker_tick_seconds
            # Something was done, so more may be due already: a backlog goes out at
            # full speed; otherwise wait for the next tick.
            wait = 0.0 if processed else backoff
            if processed:
                log.info("processed %d follow-ups", processed)
        except Exception as exc:  # a dead database or assistant must not kill the worker
            heartbeat.failed(exc)
            backoff = wait = min(backoff * 2, MAX_BACKOFF_SECONDS)
            log.exception("tick failed; retrying in %.0f s", wait)
        if once:
            break
        stop.wait(wait)
    if health is not None:
        health.shutdown()
    log.info("worker stopped")
