"""What people say to the assistant, counted from Rasa's tracker store.

Conversations per day, messages per day, messages answered with the fallback, and
the most frequent intents. Triggered reminders (``EXTERNAL_`` intents, sent by the
worker) are not people talking and are left out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import distinct, func, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

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


def epoch_seconds(day: date) -> float:
    """The first second of ``day`` (UTC) as Rasa stores event times."""
    return datetime.combine(day, time(), tzinfo=timezone.utc).timestamp()


def _day(engine: Engine):
    moment = events.c.timestamp
    if engine.dialect.name == "sqlite":
        return func.date(moment, "unixepoch")
    return func.date(func.timezone("UTC", func.to_timestamp(moment)))


def _per_day(connection, day, counted, *conditions) -> dict[str, int]:
    query = select(day, counted).where(*conditions).group_by(day)
    return {str(when)[:10]: count for when, count in connection.execute(query)}


def conversation_stats(tracker_store_url: str, first: date) -> ConversationStats | None:
    """Counts from ``first`` on; None when the tracker store cannot be read."""
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
        day = _day(engine)
        with engine.connect() as connection:
            intents = connection.execute(
                select(events.c.intent_name, func.count())
                .where(*said)
                .group_by(events.c.intent_name)
                .order_by(func.count().desc(), events.c.intent_name)
                .limit(TOP_INTENTS)
            ).all()
            return ConversationStats(
                conversations=_per_day(
                    connection, day, func.count(distinct(events.c.sender_id)), *said
                ),
                messages=_per_day(connection, day, func.count(), *said),
                fallbacks=_per_day(
                    connection,
                    day,
                    func.count(),
                    since,
                    events.c.type_name == "action",
                    events.c.action_name.in_(FALLBACK_ACTIONS),
                ),
                top_intents=[(name or "(none)", count) for name, count in intents],
            )
    except SQLAlchemyError as exc:
        log.warning("The tracker store could not be read for the dashboard: %s", exc)
        return None
