"""The worker process: delivers due follow-ups.

It runs a loop of ticks. Each tick hands due work to the registered handlers: the
outbox's waiting texts now; course reminders and job alerts register here as they
are built. SIGTERM and
Ctrl-C finish the current tick and exit cleanly.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select

from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import FollowUp

log = logging.getLogger("bot.worker")

TICK_SECONDS = 15.0


def tick_seconds() -> float:
    """Seconds between ticks (WORKER_TICK_SECONDS; tests use a short one)."""
    return float(os.environ.get("WORKER_TICK_SECONDS", TICK_SECONDS))


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
    from bot.config import load_settings
    from bot.learners.dispatch import Dispatcher

    settings = load_settings()
    if settings.database_url not in _DISPATCHERS:
        _DISPATCHERS[settings.database_url] = Dispatcher(settings)
    return _DISPATCHERS[settings.database_url]


HANDLERS: list[Handler] = [send_waiting_texts, deliver_follow_ups]
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
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    log.info("worker started")
    backoff = tick_seconds()
    while not stop.is_set():
        try:
            if log.isEnabledFor(logging.DEBUG):
                log.debug("%d follow-ups due", pending_follow_ups(utcnow()))
            processed = tick()
            backoff = tick_seconds()
            # Something was done, so more may be due already: a backlog goes out at
            # full speed; otherwise wait for the next tick.
            wait = 0.0 if processed else backoff
            if processed:
                log.info("processed %d follow-ups", processed)
        except Exception:  # a dead database or assistant must not kill the worker
            backoff = wait = min(backoff * 2, MAX_BACKOFF_SECONDS)
            log.exception("tick failed; retrying in %.0f s", wait)
        if once:
            break
        stop.wait(wait)
    log.info("worker stopped")
