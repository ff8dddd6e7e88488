"""A database with the real OEWS release loaded, and the matcher over its occupations.

The release itself (``oews_release``) is read once per test run by tests/conftest.py,
which also loads it with the demo data; loading it into a database takes about half a
second.
"""

from __future__ import annotations

import pytest

from bot.db import session_scope
from bot.wages.load import load_release
from bot.wages.occupations import DETAILED_LEVEL, OccupationMatcher


@pytest.fixture(scope="session")
def wages_url(databases, oews_release) -> str:
    """A database with the release loaded. Tests must not change it."""
    url = databases.create("wages")
    with session_scope(url) as session:
        load_release(session, oews_release)
    return url


@pytest.fixture(scope="session")
def matcher(oews_release) -> OccupationMatcher:
    return OccupationMatcher(
        (o.soc_code, o.title) for o in oews_release.occupations if o.level == DETAILED_LEVEL
    )
