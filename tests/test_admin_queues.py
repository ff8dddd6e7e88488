"""The staff portal's queues over real HTTP: callbacks, outbox, follow-ups, feed upload.
Phone numbers appear masked everywhere."""

from __future__ import annotations

import re

import pytest
import requests
from click.testing import CliRunner

from bot.cli import cli
from bot.db import session_scope
from bot.db.models import HandoffRequest, OutboundMessage, Person
from bot.staff.accounts import create_staff
from tests.follow_up_factory import due_reminders
from tests.servers import LiveServer, post_form
from tests.test_cli import FEED

STAFF = ("queues@backtowork.example.org", "staff password 123")
NUMBER = "+18605551234"
MASKED = "+*******1234"


@pytest.fixture
def staff(db_url, monkeypatch) -> tuple[requests.Session, LiveServer]:
    with session_scope(db_url) as session:
        create_staff(session, *STAFF)
    server = LiveServer(db_url)
    browser = requests.Session()
    post_form(
        browser, server, "/admin/login", "/admin/login", dict(zip(("email", "password"), STAFF))
    )
    yield browser, server
    server.stop()


def test_queue_pages_need_a_sign_in(db_url):
    server = LiveServer(db_url)
    try:
        for path in ("/admin/callbacks", "/admin/outbox", "/admin/follow-ups", "/admin/feeds"):
            assert server.get(path, allow_redirects=False).status_code == 302, path
    finally:
        server.stop()


def test_callbacks_are_claimed_then_resolved(staff, db_url):
    browser, server = staff
    with session_scope(db_url) as session:
        person = Person(channel="twilio_sms", address=NUMBER)
        session.add(person)
        session.flush()
        session.add(HandoffRequest(person_id=person.id, reason="question about my claim"))
    page = browser.get(f"{server.url}/admin/callbacks", timeout=30).text
    assert MASKED in page and NUMBER not in page
    assert "question about my claim" in page
    action = re.search(r'action="(/admin/callbacks/\d+)"', page).group(1)
    claimed = post_form(browser, server, "/admin/callbacks", action, {"status": "claimed"})
    assert "Request claimed." in claimed.text and ">claimed<" in claimed.text
    resolved = post_form(browser, server, "/admin/callbacks", action, {"status": "resolved"})
    assert "Request resolved." in resolved.text
    assert "No callback requests waiting." in resolved.text


def test_the_outbox_shows_delivery_status_with_masked_numbers(staff, db_url):
    browser, server = staff
    with session_scope(db_url) as session:
        session.add(
            OutboundMessage(
                idempotency_key="k1", to_address=NUMBER, body="Jobs near Hartford:",
                status="failed", error_code="30003", attempts=3,
            )
        )  # fmt: skip
    page = browser.get(f"{server.url}/admin/outbox", timeout=30).text
    assert MASKED in page and NUMBER not in page
    assert "30003" in page and "Jobs near Hartford:" in page


def test_upcoming_follow_ups_show_masked_numbers(staff, db_url, monkeypatch):
    browser, server = staff
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert CliRunner().invoke(cli, ["import-courses"]).exit_code == 0
    due_reminders(db_url, [NUMBER])
    page = browser.get(f"{server.url}/admin/follow-ups", timeout=30).text
    assert MASKED in page and NUMBER not in page
    due_next = page.split("Recently done")[0]
    assert re.search(r"<td>\+\*{7}1234</td><td>\w+: [^<]+</td>", due_next)


def test_a_feed_upload_reports_every_record_left_out(staff, db_url):
    browser, server = staff
    answer = post_form(
        browser, server, "/admin/feeds", "/admin/feeds", {},
        files={"feed": ("acme.xml", FEED.encode(), "text/xml")},
    )  # fmt: skip
    assert answer.status_code == 200
    assert "missing title" in answer.text and "not Connecticut" in answer.text
    assert "1 created, 0 updated, 0 unchanged, 3 rejected" in answer.text
    again = post_form(
        browser, server, "/admin/feeds", "/admin/feeds", {},
        files={"feed": ("acme.xml", FEED.encode(), "text/xml")},
    )  # fmt: skip
    assert "0 created, 0 updated, 1 unchanged, 3 rejected" in again.text


def test_an_unsupported_feed_file_gets_a_clear_refusal(staff):
    browser, server = staff
    answer = post_form(
        browser, server, "/admin/feeds", "/admin/feeds", {},
        files={"feed": ("jobs.txt", b"hello", "text/plain")},
    )  # fmt: skip
    assert answer.status_code == 400 and "unsupported feed type .txt" in answer.text
