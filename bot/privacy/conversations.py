"""Deleting conversations from Rasa's tracker store (TRACKER_STORE_URL).

Rasa keeps no copy elsewhere: once the events are gone the assistant starts the
person's next conversation afresh. Rasa writes a conversation back whole if it was
in the middle of answering that person, so erasures triggered from inside a
conversation are carried out by the worker a little later (bot/privacy/forget.py).
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, inspect

from bot.db import get_engine
from bot.db.rasa_events import events


def _delete(tracker_store_url: str, condition) -> int:
    engine = get_engine(tracker_store_url)
    if not inspect(engine).has_table(events.name):
        return 0
    with engine.begin() as connection:
        return connection.execute(delete(events).where(condition)).rowcount


def delete_conversation(tracker_store_url: str, sender_id: str) -> int:
    """Delete every event of ``sender_id``; returns how many. Raises SQLAlchemyError
    when the tracker store cannot be reached."""
    return _delete(tracker_store_url, events.c.sender_id == sender_id)


def delete_events_before(tracker_store_url: str, cutoff: datetime) -> int:
    """Delete every event older than ``cutoff`` (naive UTC); returns how many."""
    moment = cutoff.replace(tzinfo=timezone.utc).timestamp()
    return _delete(tracker_store_url, events.c.timestamp < moment)
