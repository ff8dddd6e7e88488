"""Learner lookup and erasure on request, against the real Rasa server: the person's
rows, texts and conversation go; the opt-out and an audit entry stay."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import InboundMessage, OptOut, Person, StaffAudit, StaffUser
from bot.staff.accounts import create_staff
from tests.support.phones import Phone
from tests.support.servers import LiveServer, post_form

STAFF = ("privacy@backtowork.example.org", "staff password 123")


@pytest.fixture
def number(phone: Phone) -> str:
    return phone.number


@pytest.fixture
def portal(conversation_url, rasa_stack):
    with session_scope(conversation_url) as session:
        if session.scalars(select(StaffUser).where(StaffUser.email == STAFF[0])).first() is None:
            create_staff(session, *STAFF)
    server = LiveServer(
        conversation_url,
        env={
            "RASA_URL": rasa_stack.url,
            "RASA_TOKEN": rasa_stack.token,
            "TRACKER_STORE_URL": rasa_stack.tracker_store_url,
        },
    )
    browser = requests.Session()
    post_form(
        browser, server, "/admin/login", "/admin/login", dict(zip(("email", "password"), STAFF))
    )
    yield browser, server
    server.stop()


def _said(rasa_stack, number: str) -> list[str]:
    """What the person said, as the assistant's conversation holds it."""
    return [event["text"] for event in rasa_stack.events(number) if event["event"] == "user"]


def test_a_learner_is_found_by_number_and_shown_masked(portal, phone, number):
    browser, server = portal
    phone.say("jobs in Hartford")
    typed = f"({number[2:5]}) {number[5:8]}-{number[8:]}"
    page = post_form(browser, server, "/admin/learners", "/admin/learners", {"number": typed})
    assert page.status_code == 200
    assert f"+*******{number[-4:]}" in page.text and number not in page.text
    assert "In the service since" in page.text
    assert "<dt>Language</dt><dd>English</dd>" in page.text
    bad = post_form(browser, server, "/admin/learners", "/admin/learners", {"number": "12"})
    assert bad.status_code == 400 and "10-digit US phone number" in bad.text


def test_erasing_removes_the_person_texts_and_conversation_but_keeps_the_opt_out(
    portal, rasa_stack, conversation_url, phone, number
):
    browser, server = portal
    phone.say("jobs in Hartford")
    post_form(browser, server, "/admin/learners", "/admin/learners", {"number": number})
    with session_scope(conversation_url) as session:
        session.add(InboundMessage(provider_sid=f"SM{number}", from_address=number, body="hi"))
        session.add(OptOut(address=number, status="opted_out", reason="STOP"))
    assert _said(rasa_stack, number) == ["jobs in Hartford"]

    unconfirmed = post_form(browser, server, "/admin/learners", "/admin/learners/erase", {})
    assert "Nothing was erased" in unconfirmed.text
    erased = post_form(
        browser, server, "/admin/learners", "/admin/learners/erase",
        {"confirm": "yes"},
    )  # fmt: skip
    assert f"Erased +*******{number[-4:]}" in erased.text
    assert "the conversation in the assistant" in erased.text

    assert _said(rasa_stack, number) == []
    with session_scope(conversation_url) as session:
        assert session.scalars(select(Person).where(Person.address == number)).all() == []
        assert not session.scalars(
            select(InboundMessage).where(InboundMessage.from_address == number)
        ).all()
        assert session.scalars(select(OptOut).where(OptOut.address == number)).one()
        entry = session.scalars(
            select(StaffAudit).where(StaffAudit.subject == f"+*******{number[-4:]}")
        ).one()
        assert entry.action == "erase" and entry.staff_id is not None
        assert entry.actor == STAFF[0]
    log = browser.get(f"{server.url}/admin/learners", timeout=30).text
    assert f"+*******{number[-4:]}" in log and number not in log
    # The erasure log says which staff member erased it.
    assert f"<td>{STAFF[0]}</td><td>+*******{number[-4:]}</td>" in log
