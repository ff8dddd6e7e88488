"""The audit log over real HTTP: every entry says which staff account (or employer,
or person) did what, and portal times are Connecticut time with the zone named."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import requests
from sqlalchemy import select

from bot.clock import connecticut_time
from bot.db import session_scope
from bot.db.models import FollowUp, HandoffRequest, Person, StaffAudit
from bot.identity import SMS_CHANNEL, WEB_CHANNEL
from bot.privacy.audit import record_audit
from bot.staff.accounts import create_staff
from tests.support.servers import LiveServer, post_form

STAFF = ("auditor@backtowork.example.org", "staff password 123")
NUMBER = "+18605554321"
# 15:30 UTC: 10:30 in Connecticut in winter (EST), 11:30 in summer (EDT).
WINTER = datetime(2026, 12, 1, 15, 30)
SUMMER = datetime(2026, 7, 1, 15, 30)


@pytest.fixture
def staff(db_url):
    with session_scope(db_url) as session:
        create_staff(session, *STAFF)
    server = LiveServer(db_url)
    browser = requests.Session()
    post_form(
        browser, server, "/admin/login", "/admin/login", dict(zip(("email", "password"), STAFF))
    )
    yield browser, server
    server.stop()


def _rows(page: str, heading: str) -> list[list[str]]:
    """The cells of the first table after ``heading`` on ``page``."""
    table = page.split(heading, 1)[1].split("</table>", 1)[0]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)]
    return [cells for cells in rows if cells]


def test_times_are_shown_in_connecticut_time_with_the_zone():
    assert connecticut_time(WINTER) == "2026-12-01 10:30 EST"
    assert connecticut_time(SUMMER) == "2026-07-01 11:30 EDT"
    assert connecticut_time(None) == ""


def test_each_entry_says_which_staff_account_did_what(staff, db_url):
    browser, server = staff
    with session_scope(db_url) as session:
        person = Person(channel=SMS_CHANNEL, address=NUMBER)
        session.add(person)
        session.flush()
        request = HandoffRequest(person_id=person.id, reason="my claim", created_at=WINTER)
        session.add(request)
        session.flush()
        request_id = request.id
    listed = browser.get(f"{server.url}/admin/callbacks", timeout=30).text
    assert '<td class="when">2026-12-01 10:30 EST</td>' in listed and "UTC" not in listed

    page = f"/admin/callbacks/{request_id}"
    opened = post_form(browser, server, "/admin/callbacks", f"{page}/claim", {})
    assert "2026-12-01 10:30 EST" in opened.text
    # Opening the page again to record the call shows the contact a second time.
    post_form(browser, server, page, f"{page}/outcome", {"outcome": "reached"})
    with session_scope(db_url) as session:
        entries = session.scalars(select(StaffAudit).order_by(StaffAudit.id)).all()
        when = [connecticut_time(entry.at) for entry in entries]
        assert [entry.actor for entry in entries] == [STAFF[0]] * 3

    shown, _ = _rows(
        browser.get(f"{server.url}/admin/callbacks", timeout=30).text, "Contacts shown"
    )
    assert shown[:3] == [when[1], STAFF[0], f"callback {request_id}"]

    log = _rows(browser.get(f"{server.url}/admin/audit", timeout=30).text, "<h1>Audit log</h1>")
    assert [row[1:4] for row in log] == [
        [STAFF[0], "Recorded a call&#39;s outcome", f"callback {request_id}"],
        [STAFF[0], "Was shown a caller&#39;s contact", f"callback {request_id}"],
        [STAFF[0], "Was shown a caller&#39;s contact", f"callback {request_id}"],
    ]
    assert log[0][0].endswith((" EST", " EDT"))


def test_entries_by_an_employer_or_the_person_name_them_and_old_ones_say_not_recorded(
    staff, db_url
):
    browser, server = staff
    with session_scope(db_url) as session:
        record_audit(
            session, "apply_link_changed", "job 3", "a change", actor="x@acme.example (employer)"
        )
        record_audit(
            session, "erase", "+*******4321", "what was erased", actor="the person, by text"
        )
        record_audit(session, "erase", "+*******9999", "from before names were kept")
    log = _rows(browser.get(f"{server.url}/admin/audit", timeout=30).text, "<h1>Audit log</h1>")
    assert [row[1:3] for row in log] == [
        ["not recorded", "Erased a person&#39;s data"],
        ["the person, by text", "Erased a person&#39;s data"],
        ["x@acme.example (employer)", "Changed a job&#39;s apply link"],
    ]
    erasures = _rows(
        browser.get(f"{server.url}/admin/learners", timeout=30).text, "<h2>Audit log</h2>"
    )
    assert [row[1:3] for row in erasures] == [
        ["not recorded", "+*******9999"],
        ["the person, by text", "+*******4321"],
    ]


def test_the_audit_log_needs_a_sign_in(db_url):
    server = LiveServer(db_url)
    try:
        assert server.get("/admin/audit", allow_redirects=False).status_code == 302
    finally:
        server.stop()


def test_follow_ups_name_a_web_chatter_as_web_chat_not_a_number(staff, db_url):
    browser, server = staff
    with session_scope(db_url) as session:
        chatter = Person(channel=WEB_CHANNEL, address="web-5f6a7b8c9d0e1f2a")
        session.add(chatter)
        session.flush()
        session.add(
            FollowUp(person_id=chatter.id, kind="job_alert", due_at=SUMMER, idempotency_key="k")
        )
    page = browser.get(f"{server.url}/admin/follow-ups", timeout=30).text
    assert "<td>Web chat 5f6a7b</td>" in page
    assert "2026-07-01 11:30 EDT" in page
