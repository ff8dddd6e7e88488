"""Database access: one engine per URL per process, short-lived sessions.

Use ``with session_scope() as session:`` around one request, action or job; it
commits on success and rolls back on error. Never keep a session at module level.
"""

from __future__ import annotations

from bot.db.engine import autocommit_connection, get_engine, session_scope

__all__ = ["autocommit_connection", "get_engine", "session_scope"]
