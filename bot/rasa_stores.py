"""Rasa's tracker store and lock store, configured from the environment alone.

``endpoints.yml`` names these two classes, so the same file serves `make run` (a
SQLite tracker file, locks in memory) and a cluster (TRACKER_STORE_URL pointing at
PostgreSQL, REDIS_URL at Redis): Rasa's own stores take host, port and database as
separate settings, not the single URLs the other processes use.

Only the Rasa server imports this module.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore

from bot.config import load_settings

DEFAULT_REDIS_DB = 1


class TrackerStoreFromEnv(SQLTrackerStore):
    """Rasa's SQL tracker store on TRACKER_STORE_URL (SQLite or PostgreSQL)."""

    def __init__(self, domain: Any = None, event_broker: Any = None, **kwargs: Any) -> None:
        kwargs.pop("host", None)
        super().__init__(
            domain=domain,
            host=load_settings().tracker_store_url,
            event_broker=event_broker,
            **kwargs,
        )


def redis_lock_settings(url: str) -> dict[str, Any]:
    """RedisLockStore's settings from a ``redis://`` or ``rediss://`` URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError(f"REDIS_URL must start with redis:// or rediss://, not {parts.scheme}:")
    database = parts.path.strip("/")
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or 6379,
        "db": int(database) if database else DEFAULT_REDIS_DB,
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "rediss",
    }


class LockStoreFromEnv:
    """Rasa's RedisLockStore on REDIS_URL, or its in-memory lock store without one.

    Rasa builds a custom lock store by calling its class with ``endpoint_config``;
    this class answers with one of Rasa's own stores instead of an instance of itself.
    """

    def __new__(cls, endpoint_config: Any = None) -> LockStore:  # noqa: D102
        url = load_settings().redis_url
        if not url:
            return InMemoryLockStore()
        return RedisLockStore(**redis_lock_settings(url))
