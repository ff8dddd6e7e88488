"""Writing a row unless its unique key exists already, in one statement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

# The project runs on these two databases; both say INSERT ... ON CONFLICT DO NOTHING.
_DIALECTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert_new(
    executor: Connection | Session, table: Table, values: Mapping[str, Any], key: str
) -> int | None:
    """Insert ``values`` into ``table`` unless a row with the same unique ``key`` column
    exists; returns the new row's id, or None when the key was taken.

    One round trip, no savepoint and no ORM flush: used on the paths where latency
    counts (storing a webhook before answering it, writing an outbound text)."""
    connection = executor.connection() if isinstance(executor, Session) else executor
    statement = (
        _DIALECTS[connection.dialect.name](table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[key])
    )
    if connection.dialect.name == "postgresql":
        return connection.execute(statement.returning(table.c.id)).scalar_one_or_none()
    result = connection.execute(statement)
    # SQLAlchemy 1.4 has no RETURNING for SQLite; its rowid is the id when a row went in.
    return result.lastrowid if result.rowcount == 1 else None
