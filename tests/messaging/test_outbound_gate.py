"""The outbound gate: every text goes out once, in order, within quiet hours and
consent, through the real twilio client talking to a local Twilio-compatible server."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from bot.config import load_settings
from bot.db import session_scope
from bot.db.models import OptOut
from bot.messaging import optouts
from bot.messaging.gate import COMPLIANCE, PROACTIVE, OutboundGate
from bot.messaging.routes import STATUS_CALLBACK_PATH
from bot.messaging.transport import OutboxTransport
from tests.support.outbox import outbox_rows
from tests.support.twilio_server import Failure, FakeTwilio

ACCOUNT = "AC" + "1" * 32
TOKEN = "test-auth-token"
AFTERNOON = datetime(2026, 11, 25, 17, 0)  # 12:00 in Connecticut
NIGHT = datetime(2026, 11, 26, 3, 0)  # 22:00 in Connecticut


@pytest.fixture(scope="module")
def twilio_server():
    server = FakeTwilio(ACCOUNT, TOKEN).start()
    yield server
    server.stop()


def gate_for(db_url: str, twilio_server: FakeTwilio | None = None, **env: str) -> OutboundGate:
    settings = load_settings(
        {
            "DATABASE_URL": db_url,
            "PUBLIC_BASE_URL": "https://sms.example.test",
            **(
                {
                    "TWILIO_ACCOUNT_SID": ACCOUNT,
                    "TWILIO_AUTH_TOKEN": TOKEN,
                    "TWILIO_FROM_NUMBER": "+18605550000",
                    "TWILIO_API_BASE_URL": twilio_server.base_url,
                }
                if twilio_server
                else {}
            ),
            **env,
        }
    )
    return OutboundGate(settings, sleep=lambda _: None)


def test_reply_goes_to_twilio_once_per_key(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550201"
    first = gate.send(to, "Hello \u2014 here are jobs", key="k1", now=AFTERNOON)
    again = gate.send(to, "Hello \u2014 here are jobs", key="k1", now=AFTERNOON)
    assert (first.sent, again.sent) == (1, 0)
    sent = twilio_server.to(to)
    assert [m.body for m in sent] == ["Hello - here are jobs"]
    assert sent[0].status_callback == "https://sms.example.test" + STATUS_CALLBACK_PATH
    [row] = outbox_rows(db_url, to)
    assert (row.status, row.provider_sid) == ("queued", sent[0].sid)


def test_long_replies_go_out_as_ordered_parts(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550202"
    lines = [f"{n}. Line number {n} of a long answer, padded to be long enough." for n in range(20)]
    gate.send(to, "\n".join(lines), key="long", now=AFTERNOON)
    bodies = [m.body for m in twilio_server.to(to)]
    assert len(bodies) > 1 and all(len(b) <= 320 for b in bodies)
    assert "\n".join(bodies).split("\n") == lines


def test_server_error_then_success_delivers_one_text(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550203"
    twilio_server.fail_next(to, Failure(500), Failure(429))
    result = gate.send(to, "hello", key="retry-me", now=AFTERNOON)
    assert result.sent == 1
    assert [m.body for m in twilio_server.to(to)] == ["hello"]
    [row] = outbox_rows(db_url, to)
    assert row.attempts == 1 and row.status == "queued"


def test_lasting_outage_leaves_parts_for_the_worker_in_order(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550204"
    twilio_server.fail_next(to, *[Failure(503)] * 4)
    result = gate.send(to, "first part\nsecond part", key="outage", now=AFTERNOON)
    assert result.sent == 0 and result.waiting == 1
    assert twilio_server.to(to) == []
    assert gate.retry_due(now=datetime(2100, 1, 1, 17, 0)) == 1
    assert [m.body for m in twilio_server.to(to)] == ["first part\nsecond part"]
    assert gate.retry_due(now=datetime(2100, 1, 1, 17, 0)) == 0


def test_parts_after_a_failed_part_wait_behind_it_and_go_out_in_order(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550299"
    lines = [f"Part {n}: " + "word " * 60 for n in (1, 2, 3)]
    twilio_server.fail_next(to, *[Failure(503)] * 4)
    result = gate.send(to, "\n".join(lines), key="outage-parts", now=AFTERNOON)
    assert result.parts == 3 and result.sent == 0 and result.waiting == 3
    assert twilio_server.to(to) == []
    assert gate.retry_due(now=datetime(2100, 1, 1, 17, 0)) == 3
    assert [m.body.split(":")[0] for m in twilio_server.to(to)] == ["Part 1", "Part 2", "Part 3"]
    assert gate.retry_due(now=datetime(2100, 1, 1, 17, 0)) == 0


def test_error_21610_marks_the_number_opted_out(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550205"
    twilio_server.fail_next(to, Failure(400, 21610))
    result = gate.send(to, "hello", key="carrier-stop", now=AFTERNOON)
    assert result.failed == 1
    later = gate.send(to, "hello again", key="after-stop", now=AFTERNOON)
    assert later.dropped == optouts.OPTED_OUT
    assert twilio_server.to(to) == []
    with session_scope(db_url) as session:
        assert session.execute(select(OptOut.status).where(OptOut.address == to)).scalar() == (
            "opted_out"
        )


def test_opted_out_numbers_get_only_the_compliance_text(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550206"
    with session_scope(db_url) as session:
        optouts.opt_out(session, to, "texted STOP")
    assert gate.send(to, "a reminder", key="r", kind=PROACTIVE, now=AFTERNOON).dropped
    assert gate.send(to, "a reply", key="q", now=AFTERNOON).dropped
    assert gate.send(to, "You are unsubscribed", key="c", kind=COMPLIANCE, now=AFTERNOON).sent
    assert [m.body for m in twilio_server.to(to)] == ["You are unsubscribed"]


def test_proactive_texts_wait_for_the_morning_but_replies_do_not(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550207"
    assert gate.send(to, "reminder", key="night-r", kind=PROACTIVE, now=NIGHT).deferred == 1
    assert gate.send(to, "reply", key="night-q", now=NIGHT).sent == 1
    assert [m.body for m in twilio_server.to(to)] == ["reply"]
    assert gate.retry_due(now=datetime(2026, 11, 26, 13, 59)) == 0
    assert gate.retry_due(now=datetime(2026, 11, 26, 14, 0)) == 1
    assert [m.body for m in twilio_server.to(to)] == ["reply", "reminder"]


def test_status_callbacks_are_recorded_and_never_step_back(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550208"
    gate.send(to, "hi", key="status", now=AFTERNOON)
    sid = twilio_server.to(to)[0].sid
    assert gate.record_status(sid, "delivered", None)
    assert gate.record_status(sid, "sent", None)
    assert outbox_rows(db_url, to)[0].status == "delivered"
    assert not gate.record_status("SMunknown", "delivered", None)


def test_undelivered_30006_marks_the_number_unreachable(db_url, twilio_server):
    gate = gate_for(db_url, twilio_server)
    to = "+18605550209"
    gate.send(to, "hi", key="landline", now=AFTERNOON)
    gate.record_status(twilio_server.to(to)[0].sid, "undelivered", "30006")
    assert gate.send(to, "hi again", key="landline-2", now=AFTERNOON).dropped == "unreachable"


def test_without_twilio_texts_land_in_the_outbox(db_url):
    gate = gate_for(db_url)
    assert isinstance(gate.transport, OutboxTransport)
    gate.send("+18605550210", "hello", key="local", now=AFTERNOON)
    [row] = outbox_rows(db_url, "+18605550210")
    assert row.status == "outbox" and row.body == "hello"


def test_a_messaging_service_is_used_when_configured(db_url, twilio_server):
    service = "MG" + "3" * 32
    gate = gate_for(db_url, twilio_server, TWILIO_MESSAGING_SERVICE_SID=service)
    gate.send("+18605550211", "hello", key="service", now=AFTERNOON)
    [message] = twilio_server.to("+18605550211")
    assert message.sender == service
