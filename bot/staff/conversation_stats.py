"""What people say to the assistant, counted from Rasa's tracker store.

Conversations per day, messages per day, messages answered with the fallback, and
the most frequent intents. Days are Connecticut's. Triggered reminders
(``EXTERNAL_`` intents, sent by the worker) are not people talking and are left out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import and_, case, distinct, func, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import connecticut_today, day_bounds, day_start
from bot.db import get_engine
from bot.db.rasa_events import events

log = logging.getLogger(__name__)

# The assistant's answers when it did not understand (data/rules.yml, RulePolicy).
FALLBACK_ACTIONS = ("action_handle_fallback", "action_default_fallback")
TOP_INTENTS = 8


@dataclass(frozen=True)
class ConversationStats:
    """Per-day counts keyed by ISO day, and the top intents over the whole window."""

    conversations: dict[str, int] = field(default_factory=dict)
    messages: dict[str, int] = field(default_factory=dict)
    fallbacks: dict[str, int] = field(default_factory=dict)
    top_intents: list[tuple[str, int]] = field(default_factory=list)


def _epoch(moment: datetime) -> float:
    return moment.replace(tzinfo=timezone.utc).timestamp()


def epoch_seconds(day: date) -> float:
    """The first second of Connecticut's ``day`` as Rasa stores event times."""
    return _epoch(day_start(day))


def _messages(in_day):
    """How many events ``in_day`` picks."""
    return func.count(case((in_day, 1)))


def _people(in_day):
    """How many different conversations the events ``in_day`` picks belong to."""
    return func.count(distinct(case((in_day, events.c.sender_id))))


def _per_day(connection, days: list[date], counted, *conditions) -> dict[str, int]:
    """``counted(in_day)`` for each of ``days``: ``in_day`` picks that day's events."""
    moment = events.c.timestamp
    columns = [
        counted(and_(moment >= _epoch(start), moment < _epoch(end)))
        for start, end in day_bounds(days)
    ]
    row = connection.execute(select(*columns).where(*conditions)).one()
    return {day.isoformat(): count for day, count in zip(days, row) if count}


def conversation_stats(tracker_store_url: str, first: date) -> ConversationStats | None:
    """Counts for each day from ``first`` to today (Connecticut's days); None when the
    tracker store cannot be read."""
    try:
        engine = get_engine(tracker_store_url)
        if not inspect(engine).has_table(events.name):
            return ConversationStats()  # Rasa has not written a conversation yet
        since = events.c.timestamp >= epoch_seconds(first)
        said = (
            since,
            events.c.type_name == "user",
            ~events.c.intent_name.like("EXTERNAL%"),
        )
        today = connecticut_today()
        days = [first + timedelta(days=n) for n in range((today - first).days + 1)]
        if not days:
            return ConversationStats()
        with engine.connect() as connection:
            intents = connection.execute(
                select(events.c.intent_name, func.count())
                .where(*said)
                .group_by(events.c.intent_name)
                .order_by(func.count().desc(), events.c.intent_name)
                .limit(TOP_INTENTS)
            ).all()
            return ConversationStats(
                conversations=_per_day(connection, days, _people, *said),
                messages=_per_day(connection, days, _messages, *said),
                fallbacks=_per_day(
                    connection,
                    days,
                    _messages,
                    since,
                    events.c.type_name == "action",
                    events.c.action_name.in_(FALLBACK_ACTIONS),
                ),
                top_intents=[(name or "(none)", count) for name, count in intents],
            )
    except SQLAlchemyError as exc:
        log.warning("The tracker store could not be read for the dashboard: %s", exc)
        return None
