"""Rasa's conversation events, as its SQL tracker store keeps them (TRACKER_STORE_URL).

Rasa creates and owns the ``events`` table; the service reads it for the staff
dashboard and deletes from it for data retention and erasure. Only the columns
read here are declared, in their own metadata, so our migrations never touch it.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

RASA_METADATA = MetaData()

events = Table(
    "events",
    RASA_METADATA,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    # Seconds since the epoch (UTC), as Rasa writes them.
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)

RASA_TABLES = frozenset(RASA_METADATA.tables)


def is_ours(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's ``include_object`` filter: leave Rasa's tables out of our migrations."""
    if type_ == "table":
        return name not in RASA_TABLES
    table = getattr(obj, "table", None)
    return table is None or table.name not in RASA_TABLES
