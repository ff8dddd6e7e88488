"""Per-request database session for views."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy.orm import Session

from bot.db import session_scope


@contextmanager
def request_session() -> Iterator[Session]:
    """A session bound to the app's DATABASE_URL, closed when the block ends."""
    with session_scope(current_app.config["SETTINGS"].database_url) as db:
        yield db
