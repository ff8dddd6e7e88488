"""Engine and session factory keyed by DATABASE_URL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import load_settings

_engines: dict[str, Engine] = {}
_factories: dict[str, sessionmaker] = {}
_lock = threading.Lock()


def _configure_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web, actions and worker processes read while one writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _create(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    if parsed.get_backend_name() == "postgresql":
        pool_size = load_settings().db_pool_size
        return create_engine(
            url,
            pool_pre_ping=True,
            # Enough kept-open connections for the threads one process runs at once (the
            # worker's deliveries, Sanic's executor): a connection opened and closed per
            # unit of work costs PostgreSQL a new backend process each time.
            pool_size=pool_size,
            max_overflow=pool_size,
            executemany_mode="values_plus_batch",
            connect_args={"connect_timeout": 5},
        )
    return create_engine(url, pool_pre_ping=True)


def get_engine(url: str | None = None) -> Engine:
    """Return this process's engine for ``url`` (DATABASE_URL by default)."""
    url = url or load_settings().database_url
    with _lock:
        if url not in _engines:
            _engines[url] = _create(url)
            _factories[url] = sessionmaker(bind=_engines[url], future=True, expire_on_commit=False)
        return _engines[url]


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session for one unit of work: committed on success, rolled back on error."""
    url = url or load_settings().database_url
    get_engine(url)
    session = _factories[url]()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def autocommit_connection(url: str | None = None) -> Iterator[Connection]:
    """A connection on which every statement commits by itself: a one-statement write
    takes one round trip instead of begin, write and commit (used where latency counts,
    such as storing a webhook before answering it)."""
    with get_engine(url).connect() as connection:
        yield connection.execution_options(isolation_level="AUTOCOMMIT")


def dispose_all() -> None:
    """Close every pooled connection (tests and forked workers call this)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _factories.clear()
