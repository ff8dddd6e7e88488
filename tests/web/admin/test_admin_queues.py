"""The staff portal's queues over real HTTP: callbacks, outbox, follow-ups, feed upload.
Phone numbers appear masked everywhere."""

from __future__ import annotations

import html
import logging
import re

import pytest
import requests
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import cli
from bot.db import session_scope
from bot.db.models import HandoffRequest, OutboundMessage, Person, StaffAudit
from bot.identity import SMS_CHANNEL
from bot.staff import queues
from bot.staff.accounts import create_staff
from tests.support.follow_up_factory import due_reminders
from tests.support.servers import LiveServer, form_token, post_form
from tests.test_cli import FEED

STAFF = ("queues@backtowork.example.org", "staff password 123")
OTHER_STAFF = ("colleague@backtowork.example.org", "staff password 456")
NUMBER = "+18605551234"
MASKED = "+*******1234"


@pytest.fixture
def staff(db_url, monkeypatch) -> tuple[requests.Session, LiveServer]:
    with session_scope(db_url) as session:
        create_staff(session, *STAFF)
    server = LiveServer(db_url)
    yield _sign_in(server, STAFF), server
    server.stop()


def test_queue_pages_need_a_sign_in(db_url):
    server = LiveServer(db_url)
    try:
        for path in ("/admin/callbacks", "/admin/outbox", "/admin/follow-ups", "/admin/feeds"):
            assert server.get(path, allow_redirects=False).status_code == 302, path
    finally:
        server.stop()


def _sign_in(server: LiveServer, account: tuple[str, str]) -> requests.Session:
    browser = requests.Session()
    post_form(
        browser, server, "/admin/login", "/admin/login", dict(zip(("email", "password"), account))
    )
    return browser


def _callback(
    db_url, channel: str, address: str, contact: str | None = None, language: str = "en"
) -> int:
    with session_scope(db_url) as session:
        person = Person(channel=channel, address=address, language=language)
        session.add(person)
        session.flush()
        request = HandoffRequest(person_id=person.id, reason="question about my claim",
                                 contact=contact)  # fmt: skip
        session.add(request)
        session.flush()
        return request.id


def _reveals(db_url) -> list[StaffAudit]:
    with session_scope(db_url) as session:
        rows = session.scalars(
            select(StaffAudit).where(StaffAudit.action == queues.CONTACT_SHOWN)
        ).all()
        session.expunge_all()
    return rows


def test_a_claimed_callback_shows_its_claimer_the_full_number_and_audits_it(staff, db_url, caplog):
    caplog.set_level(logging.DEBUG)
    browser, server = staff
    request_id = _callback(db_url, SMS_CHANNEL, NUMBER)
    listed = browser.get(f"{server.url}/admin/callbacks", timeout=30).text
    assert MASKED in listed and NUMBER not in listed
    assert "question about my claim" in listed
    assert _reveals(db_url) == []

    opened = post_form(
        browser, server, "/admin/callbacks", f"/admin/callbacks/{request_id}/claim", {}
    )
    assert opened.url.endswith(f"/admin/callbacks/{request_id}")
    assert f'href="tel:{NUMBER}">{NUMBER}</a>' in opened.text
    assert opened.headers["Cache-Control"] == "no-store"
    [entry] = _reveals(db_url)
    assert entry.subject == f"callback {request_id}" and entry.staff_id is not None
    assert STAFF[0] in entry.detail and MASKED in entry.detail and NUMBER not in entry.detail

    # Every showing is a reveal of its own; the list stays masked, and says who saw what.
    browser.get(f"{server.url}/admin/callbacks/{request_id}", timeout=30)
    assert len(_reveals(db_url)) == 2
    listed = browser.get(f"{server.url}/admin/callbacks", timeout=30).text
    assert NUMBER not in listed and "claimed by you" in listed
    assert f"{STAFF[0]} was shown the contact {MASKED}" in listed
    # The request log has these pages (and would show a number put in a URL): none is.
    assert f"/admin/callbacks/{request_id}" in caplog.text and NUMBER not in caplog.text


def test_the_callbacks_say_each_persons_language(staff, db_url):
    browser, server = staff
    spanish = _callback(db_url, SMS_CHANNEL, NUMBER, language="es")
    _callback(db_url, SMS_CHANNEL, "+18605559876")
    listed = browser.get(f"{server.url}/admin/callbacks", timeout=30).text
    rows = re.findall(r"<td>\+\*{7}(\d{4})</td>\s*<td>[^<]*</td>\s*<td>(\w+)</td>", listed)
    assert sorted(rows) == [("1234", "Spanish"), ("9876", "English")]
    opened = post_form(browser, server, "/admin/callbacks", f"/admin/callbacks/{spanish}/claim", {})
    assert '<dd id="language">Spanish</dd>' in opened.text


def test_only_the_claimer_sees_the_contact(staff, db_url):
    browser, server = staff
    request_id = _callback(db_url, SMS_CHANNEL, NUMBER)
    post_form(browser, server, "/admin/callbacks", f"/admin/callbacks/{request_id}/claim", {})
    with session_scope(db_url) as session:
        create_staff(session, *OTHER_STAFF)
    other = _sign_in(server, OTHER_STAFF)
    listed = other.get(f"{server.url}/admin/callbacks", timeout=30).text
    assert f"claimed by {STAFF[0]}" in listed and NUMBER not in listed
    assert f"/admin/callbacks/{request_id}/claim" not in listed
    refused = other.get(f"{server.url}/admin/callbacks/{request_id}", timeout=30)
    assert "That request is not claimed by you, or it is closed." in refused.text
    assert NUMBER not in refused.text
    taken = post_form(other, server, "/admin/callbacks", f"/admin/callbacks/{request_id}/claim", {})
    assert "Another staff member has claimed that request." in taken.text
    assert len(_reveals(db_url)) == 1


def test_call_outcomes_keep_or_close_the_request(staff, db_url):
    browser, server = staff
    request_id = _callback(db_url, SMS_CHANNEL, NUMBER)
    page = f"/admin/callbacks/{request_id}"
    post_form(browser, server, "/admin/callbacks", f"{page}/claim", {})

    kept = post_form(
        browser, server, page, f"{page}/outcome", {"outcome": "no_answer", "note": "rang 10am"}
    )
    assert "No answer: request kept for another try." in kept.text
    assert re.search(r"<td>claimed by you</td>\s*<td>No answer</td>", kept.text)
    again = browser.get(server.url + page, timeout=30).text
    assert "No answer: rang 10am" in again

    closed = post_form(browser, server, page, f"{page}/outcome", {"outcome": "reached"})
    assert "Reached them: request closed." in closed.text
    assert "No callback requests waiting." in closed.text
    with session_scope(db_url) as session:
        request = session.get(HandoffRequest, request_id)
        assert (request.status, request.outcome) == ("resolved", "reached")
        assert request.closed_at is not None and request.outcome_note is None
        outcomes = session.scalars(
            select(StaffAudit.detail).where(StaffAudit.action == queues.OUTCOME_RECORDED)
        ).all()
    assert sorted(outcomes) == ["No answer", "Reached them"]
    # A closed request shows its contact to nobody any more.
    gone = browser.get(server.url + page, timeout=30)
    assert NUMBER not in gone.text and "or it is closed" in gone.text


def test_a_bad_outcome_is_explained_and_the_note_kept(staff, db_url):
    browser, server = staff
    request_id = _callback(db_url, SMS_CHANNEL, NUMBER)
    page = f"/admin/callbacks/{request_id}"
    post_form(browser, server, "/admin/callbacks", f"{page}/claim", {})
    token = form_token(browser.get(server.url + page, timeout=30).text)
    missing = browser.post(
        f"{server.url}{page}/outcome", data={"csrf_token": token, "note": "call after 5"},
        timeout=30,
    )  # fmt: skip
    assert missing.status_code == 400
    assert (
        "Choose what the call gave." in missing.text and "call after 5</textarea>" in missing.text
    )
    long_note = "x" * (queues.MAX_NOTE + 1)
    too_long = browser.post(
        f"{server.url}{page}/outcome",
        data={"csrf_token": token, "outcome": "left_message", "note": long_note},
        timeout=30,
    )
    assert too_long.status_code == 400 and "within 500 characters" in too_long.text
    assert long_note in too_long.text
    with session_scope(db_url) as session:
        assert session.get(HandoffRequest, request_id).outcome is None


def test_a_claim_needs_the_form_token(staff, db_url):
    browser, server = staff
    request_id = _callback(db_url, SMS_CHANNEL, NUMBER)
    forged = browser.post(f"{server.url}/admin/callbacks/{request_id}/claim", timeout=30)
    assert forged.status_code == 400
    with session_scope(db_url) as session:
        assert session.get(HandoffRequest, request_id).status == "open"
    assert _reveals(db_url) == []


def _cells(page: str, request_id: int) -> list[str]:
    """The callbacks table's row of request ``request_id``: its cells' text."""
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        if f"/admin/callbacks/{request_id}/" in row:
            return [
                re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)
            ]
    raise AssertionError(f"request {request_id} is not listed")


def test_web_chat_requests_show_the_contact_given_or_say_there_is_none(staff, db_url):
    browser, server = staff
    by_email = _callback(db_url, "web_chat", "web-0a1b2c3d4e", contact="jordan@example.org")
    by_phone = _callback(db_url, "web_chat", "web-5f6a7b8c9d", contact="+18605559876")
    silent = _callback(db_url, "web_chat", "web-1111aaaa22")
    texter = _callback(db_url, SMS_CHANNEL, NUMBER)
    listed = browser.get(f"{server.url}/admin/callbacks", timeout=30).text
    # A chatter is "Web chat" and the start of their chat id (never a number made of
    # the id's digits); a texter is their masked number. Then how to reach them.
    assert _cells(listed, by_email)[:2] == ["Web chat 0a1b2c", "j***@example.org"]
    assert _cells(listed, by_phone)[:2] == ["Web chat 5f6a7b", "+*******9876"]
    assert _cells(listed, silent)[:2] == ["Web chat 1111aa", "no contact given"]
    assert _cells(listed, texter)[:2] == [MASKED, MASKED]
    assert "jordan@" not in listed and "+18605559876" not in listed

    shown = post_form(browser, server, "/admin/callbacks", f"/admin/callbacks/{by_email}/claim", {})
    assert 'href="mailto:jordan@example.org">jordan@example.org</a>' in shown.text
    shown = post_form(browser, server, "/admin/callbacks", f"/admin/callbacks/{by_phone}/claim", {})
    assert 'href="tel:+18605559876">+18605559876</a>' in shown.text
    nothing = post_form(browser, server, "/admin/callbacks", f"/admin/callbacks/{silent}/claim", {})
    assert '<dd id="contact">no contact given</dd>' in nothing.text
    # Nothing was revealed for the request without a contact.
    assert sorted(entry.subject for entry in _reveals(db_url)) == sorted(
        [f"callback {by_email}", f"callback {by_phone}"]
    )


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
    assert re.search(r'<td>\+\*{7}1234</td><td class="long">\w+: [^<]+</td>', due_next)


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
