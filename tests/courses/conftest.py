"""Fixtures of the course tests."""

from __future__ import annotations

import pytest

from bot.courses import import_shipped_catalog
from bot.db.engine import session_scope


@pytest.fixture
def catalog_url(db_url: str) -> str:
    """The database with the programs and the shipped catalog imported."""
    with session_scope(db_url) as session:
        import_shipped_catalog(session)
    return db_url


@pytest.fixture(scope="session")
def pathways_url(databases, oews_release) -> str:
    """A database with the shipped catalog and the real OEWS release. Tests must not
    change it."""
    from bot.wages.load import load_release

    url = databases.create("pathways")
    with session_scope(url) as session:
        import_shipped_catalog(session)
        load_release(session, oews_release)
    return url
