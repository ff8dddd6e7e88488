"""The staff portal's queues over real HTTP: callbacks, outbox, follow-ups, feed upload.
Phone numbers appear masked everywhere."""

from __future__ import annotations

import html
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


SCAM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<source>
  <job><title>Mystery Shopper</title><date>2026-11-20</date>
    <referencenumber>S-1</referencenumber><company>Quick Cash Partners</company>
    <city>Hartford</city><state>CT</state><postalcode>06106</postalcode>
    <description>Buy a gift card to cover the $75 starter fee and text us your SSN to get
    paid.</description><salary>$400 per hour</salary>
    <url>https://quickcash.example.com/apply</url></job>
  <job><title>Forklift Operator</title><date>2026-11-20</date>
    <referencenumber>S-2</referencenumber><company>Nutmeg Logistics</company>
    <city>Hartford</city><state>CT</state><postalcode>06106</postalcode>
    <description>Drive a forklift.</description><salary>$19 - $23 per hour</salary></job>
</source>
"""


def _upload(browser: requests.Session, server: LiveServer, feed: str) -> str:
    answer = post_form(
        browser, server, "/admin/feeds", "/admin/feeds", {},
        files={"feed": ("quickcash.xml", feed.encode(), "text/xml")},
    )  # fmt: skip
    assert answer.status_code == 200
    return html.unescape(answer.text)


def _found(server: LiveServer, keyword: str) -> list[str]:
    answer = server.get("/api/jobs", q=keyword, place="Hartford").json()
    return [hit["title"] for hit in answer["jobs"]]


def test_a_feed_job_with_scam_signals_waits_in_the_moderation_queue(staff):
    browser, server = staff
    report = _upload(browser, server, SCAM_FEED)
    assert "2 created, 0 updated, 0 unchanged, 0 rejected, 1 held for staff review" in report
    assert "held for staff review S-1 (Mystery Shopper): asks applicants to pay" in report
    assert _found(server, "mystery shopper") == []
    assert _found(server, "forklift") == ["Forklift Operator"]

    queue = html.unescape(browser.get(f"{server.url}/admin/moderation", timeout=30).text)
    assert "Mystery Shopper, Quick Cash Partners, Hartford" in queue
    assert "From the job feed upload:quickcash." in queue
    for signal in (
        "asks applicants to pay (a fee, deposit, kit or gift cards)",
        "asks for bank, card or Social Security details",
        "pays $400 an hour",
    ):
        assert f"<li>{signal}</li>" in queue
    assert "Forklift Operator" not in queue

    action = re.search(r'action="(/admin/moderation/jobs/\d+)"', queue).group(1)
    decided = post_form(browser, server, "/admin/moderation", action, {"decision": "approve"})
    assert "Mystery Shopper: approved." in decided.text
    assert _found(server, "mystery shopper") == ["Mystery Shopper"]
    # The same feed again leaves the approved job live rather than holding it again.
    again = _upload(browser, server, SCAM_FEED)
    assert "0 created, 0 updated, 2 unchanged, 0 rejected" in again
    assert "held for staff review" not in again
    assert _found(server, "mystery shopper") == ["Mystery Shopper"]
