"""/alerts over real HTTP, with codes texted by the real twilio client to the local
Twilio server: a texter opens and cancels their job alerts; wrong, expired and locked
codes, throttling, opted-out and unknown numbers, and the short verified session."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
import requests
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import FollowUp, JobAlertSubscription, OptOut, PhoneCode, PortalSession
from bot.messaging import one_time_codes as codes
from bot.web.alerts import THROTTLED, VERIFIED_MINUTES
from tests.conftest import TWILIO_FROM_NUMBER
from tests.support.alert_factory import texter_with_alerts
from tests.support.servers import LiveServer, form_token, twilio_env

ALERTS = [("warehouse", "Hartford", "weekly"), ("", "New Haven", "daily")]
CODE = re.compile(r"your code is (\d{6})")


@pytest.fixture
def site(db_url, twilio_server):
    server = LiveServer(db_url, env=twilio_env(twilio_server))
    yield server
    server.stop()


class Visitor:
    """One browser on the alerts page."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.browser = requests.Session()

    def open(self) -> requests.Response:
        return self.browser.get(f"{self.server.url}/alerts", timeout=30)

    def post(self, action: str, data: dict) -> requests.Response:
        token = form_token(self.open().text)
        return self.browser.post(
            f"{self.server.url}/alerts/{action}", data={"csrf_token": token, **data}, timeout=30
        )

    def ask_code(self, typed: str) -> requests.Response:
        return self.post("code", {"number": typed})

    def type_code(self, code: str) -> requests.Response:
        return self.post("check", {"code": code})


def _code_sent_to(twilio_server, number: str, count: int = 1) -> str:
    body = twilio_server.wait_for(number, count)[-1].body
    return CODE.search(body).group(1)


def _visible(page: str) -> str:
    """The page's main text, without tags and with the one number masked."""
    main = page.split('<main id="main">')[1].split("</main>")[0]
    text = re.sub(r"<[^>]+>", " ", main)
    text = re.sub(r'value="[^"]*"', "", text)
    return re.sub(r"\+\*{7}\d{4}", "NUMBER", " ".join(text.split()))


def test_a_texter_opens_their_alerts_with_a_texted_code_and_cancels_them(
    site, twilio_server, db_url, caplog
):
    caplog.set_level(logging.DEBUG)
    number = "+18605550111"
    _, ids = texter_with_alerts(db_url, number, ALERTS)
    visitor = Visitor(site)
    asked = visitor.ask_code("(860) 555-0111")
    assert asked.status_code == 200
    assert "If +*******0111 has texted us before, we just texted it a 6-digit code." in asked.text
    code = _code_sent_to(twilio_server, number)
    text = twilio_server.to(number)[-1]
    assert text.sender == TWILIO_FROM_NUMBER and "It works for 10 minutes." in text.body

    opened = visitor.type_code(code)
    assert "Job alerts for +*******0111" in opened.text
    assert "warehouse jobs" in opened.text and "Hartford (within 25 miles)" in opened.text
    assert "any jobs" in opened.text and "New Haven" in opened.text

    one = visitor.post("cancel", {"alert": str(ids[0])})
    assert "Cancelled 1 job alert." in one.text
    assert "warehouse jobs" not in one.text and "any jobs" in one.text
    everything = visitor.post("cancel", {"all": "yes"})
    assert "Cancelled 1 job alert." in everything.text
    assert "There are no job alerts for this number." in everything.text
    with session_scope(db_url) as session:
        active = session.scalars(select(JobAlertSubscription.active)).all()
        digests = session.scalars(select(FollowUp.status)).all()
    assert active == [False, False] and digests == ["skipped", "skipped"]

    done = visitor.post("done", {})
    assert "Your mobile number" in done.text and "Job alerts for" not in done.text
    # Neither the number nor the code reached a log line.
    assert "/alerts/check" in caplog.text
    assert number not in caplog.text and code not in caplog.text


def test_an_unknown_number_gets_the_same_answers_and_no_text(site, twilio_server, db_url):
    known, unknown = "+18605550121", "+18605550122"
    texter_with_alerts(db_url, known, ALERTS)
    pages = {}
    for number in (known, unknown):
        visitor = Visitor(site)
        asked = visitor.ask_code(number)
        wrong = visitor.type_code("000000")
        pages[number] = (asked.status_code, _visible(asked.text), _visible(wrong.text))
    assert pages[known] == pages[unknown]
    assert "If NUMBER has texted us before" in pages[known][1]
    assert "That code is not right. You have 4 more tries." in pages[known][2]
    assert len(twilio_server.to(known)) == 1 and twilio_server.to(unknown) == []
    # Throttled alike too.
    for number in (known, unknown):
        for _ in range(codes.CODES_PER_NUMBER - 1):
            Visitor(site).ask_code(number)
        refused = Visitor(site).ask_code(number)
        assert (
            refused.status_code == 429
            and THROTTLED % {"minutes": codes.THROTTLE_MINUTES} in refused.text
        )


def test_an_opted_out_number_gets_no_code_and_is_told_how_to_text_start(
    site, twilio_server, db_url
):
    number = "+18605550131"
    texter_with_alerts(db_url, number, ALERTS)
    with session_scope(db_url) as session:
        session.add(OptOut(address=number, status="opted_out", reason="STOP"))
    asked = Visitor(site).ask_code(number)
    assert asked.status_code == 200
    assert (
        f"If you ever texted STOP to us, text START to {TWILIO_FROM_NUMBER}, then ask for a new "
        "code." in asked.text
    )
    assert twilio_server.to(number) == []
    with session_scope(db_url) as session:
        assert session.scalars(select(PhoneCode.address)).all() == [number]


def test_wrong_codes_count_down_then_lock(site, twilio_server, db_url):
    number = "+18605550141"
    texter_with_alerts(db_url, number, ALERTS)
    visitor = Visitor(site)
    visitor.ask_code(number)
    code = _code_sent_to(twilio_server, number)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    first = visitor.type_code(wrong)
    assert first.status_code == 400
    assert "That code is not right. You have 4 more tries." in first.text
    # A slip of the keyboard is explained and costs no try.
    slip = visitor.type_code("12 34")
    assert slip.status_code == 400 and "Enter the 6 digits from the text." in slip.text
    for _ in range(3):
        last = visitor.type_code(wrong)
    assert "You have 1 more try." in last.text
    locked = visitor.type_code(wrong)
    assert "Too many wrong tries: that code no longer works. Ask for a new one." in locked.text
    assert "Too many wrong tries" in visitor.type_code(code).text
    # A new code works.
    visitor.ask_code(number)
    opened = visitor.type_code(_code_sent_to(twilio_server, number, 2))
    assert "Job alerts for +*******0141" in opened.text


def test_an_expired_code_is_refused(site, twilio_server, db_url):
    number = "+18605550151"
    texter_with_alerts(db_url, number, ALERTS)
    visitor = Visitor(site)
    visitor.ask_code(number)
    code = _code_sent_to(twilio_server, number)
    with session_scope(db_url) as session:
        row = session.scalars(select(PhoneCode)).one()
        row.created_at -= timedelta(minutes=codes.CODE_MINUTES)
        row.expires_at -= timedelta(minutes=codes.CODE_MINUTES)
    expired = visitor.type_code(code)
    assert expired.status_code == 400
    assert "That code has expired. Ask for a new one." in expired.text
    assert "Job alerts for" not in expired.text


def test_codes_are_throttled_per_number(site, twilio_server, db_url):
    number = "+18605550161"
    texter_with_alerts(db_url, number, ALERTS)
    for _ in range(codes.CODES_PER_NUMBER):
        assert Visitor(site).ask_code(number).status_code == 200
    refused = Visitor(site).ask_code("860-555-0161")
    assert (
        refused.status_code == 429
        and THROTTLED % {"minutes": codes.THROTTLE_MINUTES} in refused.text
    )
    assert len(twilio_server.to(number)) == codes.CODES_PER_NUMBER
    assert Visitor(site).ask_code("+18605550162").status_code == 200


def test_the_alerts_close_after_a_short_while(site, twilio_server, db_url):
    number = "+18605550171"
    texter_with_alerts(db_url, number, ALERTS)
    visitor = Visitor(site)
    visitor.ask_code(number)
    assert "Job alerts for" in visitor.type_code(_code_sent_to(twilio_server, number)).text
    with session_scope(db_url) as session:
        verified = session.scalars(select(PortalSession)).one()
        verified.created_at -= timedelta(minutes=VERIFIED_MINUTES)
    page = visitor.open().text
    assert "Job alerts for" not in page and "Your mobile number" in page
    refused = visitor.post("cancel", {"all": "yes"})
    assert "Your time to see alerts ran out. Ask for a new code." in refused.text
    with session_scope(db_url) as session:
        assert all(session.scalars(select(JobAlertSubscription.active)).all())


def test_bad_input_is_explained_and_kept(site, twilio_server):
    visitor = Visitor(site)
    bad = visitor.ask_code("860 555")
    assert bad.status_code == 400
    assert "Enter a 10-digit US mobile number, for example 860 555 0123." in bad.text
    assert 'value="860 555"' in bad.text
    early = visitor.type_code("123456")
    assert early.status_code == 400 and "Ask for a code first." in early.text


def test_posts_need_the_form_token(site, twilio_server, db_url):
    number = "+18605550181"
    texter_with_alerts(db_url, number, ALERTS)
    forged = requests.post(f"{site.url}/alerts/code", data={"number": number}, timeout=30)
    assert forged.status_code == 400
    assert twilio_server.to(number) == []
