"""Texting the assistant: webhooks signed exactly as Twilio signs them, sent to the real
Rasa server (trained model, real action server); replies captured by the local
Twilio-compatible server that the real twilio client sends to."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import InboundMessage, OptOut, OutboundMessage
from bot.dialogue.language import HOW_TO_SWITCH
from bot.messaging import inbound, keywords
from bot.messaging.routes import STATUS_CALLBACK_PATH, WEBHOOK_PATH
from bot.messaging.signing import sign
from bot.messaging.text import sms_safe, split_parts
from tests.conftest import (
    SMS_PUBLIC_BASE_URL,
    SMS_RATE_LIMIT,
    TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM_NUMBER,
)
from tests.support.phones import Phone
from tests.support.servers import full_numbers_in_logs
from tests.support.twilio_server import Failure


def test_a_job_search_by_text(phone):
    *results, switch = phone.say("jobs in Hartford")
    lines = "\n".join(results).splitlines()
    assert lines[0] == "Jobs near Hartford:"
    assert lines[-1] == "Reply 1-3 for details, MORE for more."
    # A new conversation's first reply ends by saying how to switch to Spanish.
    assert switch == HOW_TO_SWITCH
    details = phone.say("2")
    assert re.search(rf"Apply: {SMS_PUBLIC_BASE_URL}/j/\w+$", details[0])
    assert phone.say("MORE")[0].startswith("More jobs near Hartford:")
    assert phone.say("actually new britain")[0].startswith("Jobs near New Britain:")
    assert all(len(text) <= 320 and text == sms_safe(text) for text in phone.received())


def test_webhook_answers_at_once_with_empty_twiml(phone):
    response = phone.text("hi")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/xml")
    assert response.text.endswith("<Response></Response>")
    phone.handled(response.sid)


def test_forged_and_unsigned_webhooks_are_refused_and_never_reach_the_bot(phone):
    forged = phone.text(
        "jobs in Hartford", signature=sign("wrong-token", SMS_PUBLIC_BASE_URL + WEBHOOK_PATH, {})
    )
    unsigned = phone.text("jobs in Hartford", signature=None)
    # Signed for the server's own address instead of the public one Twilio called.
    local_url = sign(TWILIO_AUTH_TOKEN, phone.stack.url + WEBHOOK_PATH, {"Body": "x"})
    wrong_url = phone.text("x", signature=local_url)
    assert [forged.status_code, unsigned.status_code, wrong_url.status_code] == [403, 403, 403]
    [reply] = phone.say("hello")  # handled after anything the forged texts could have caused
    assert phone.received() == [reply]
    with session_scope(phone.db_url) as session:
        stored = session.execute(
            select(InboundMessage.provider_sid).where(InboundMessage.from_address == phone.number)
        ).scalars()
        assert forged.sid not in set(stored)


def test_a_replayed_message_sid_gets_no_second_reply(phone):
    first = phone.text("jobs in Hartford")
    phone.handled(first.sid)
    replay = phone.text("jobs in Hartford", sid=first.sid)
    assert replay.status_code == 200
    phone.say("thanks")
    # The results, the how-to-switch line of the first reply, and the thanks.
    assert len(phone.received()) == 3


def test_stop_then_silence_then_start(phone):
    [confirmation] = phone.say("STOP")
    assert confirmation == keywords.opt_out_confirmation()
    ignored = phone.text("jobs in Hartford")
    assert phone.outcome(ignored.sid) == inbound.Outcome.IGNORED_OPTED_OUT
    again = phone.text("stop")
    assert phone.outcome(again.sid) == inbound.Outcome.OPTED_OUT
    assert phone.received() == [confirmation]
    [welcome] = phone.say("START")
    assert welcome == keywords.opt_in_confirmation()
    results = phone.say("jobs in Hartford")
    assert results[0].startswith("Jobs near Hartford:")


def test_plain_language_and_spanish_opt_outs(rasa_stack, twilio_server, conversation_url):
    for words, language in (("please stop texting me", "en"), ("no m\u00e1s mensajes", "es"),
                            ("Cancelar", "es")):  # fmt: skip
        phone = Phone(rasa_stack, twilio_server, conversation_url)
        assert phone.say(words) == [sms_safe(keywords.opt_out_confirmation(language))]
    with session_scope(conversation_url) as session:
        assert (
            session.execute(select(OptOut.status).where(OptOut.address == phone.number)).scalar()
            == "opted_out"
        )


def test_stop_reminders_is_not_an_opt_out(phone):
    [reply] = phone.say("stop reminders")
    assert reply != keywords.opt_out_confirmation()
    with session_scope(phone.db_url) as session:
        assert session.execute(select(OptOut).where(OptOut.address == phone.number)).first() is None


def test_help_says_who_we_are_and_how_to_stop(phone):
    [reply] = phone.say("HELP")
    assert reply == keywords.help_text()
    assert "CT Back to Work" in reply and "STOP" in reply


@pytest.mark.parametrize(
    ("body", "media", "expected"),
    [("", 0, inbound.EMPTY_TEXT), ("", 1, inbound.MEDIA_ONLY_TEXT),
     ("\U0001f600\U0001f600", 0, inbound.EMOJI_TEXT), ("a" * 1700, 0, inbound.TOO_LONG_TEXT)],
)  # fmt: skip
def test_unreadable_texts_get_a_clear_reply(phone, body, media, expected):
    response = phone.text(body, media=media)
    assert response.status_code == 200
    phone.handled(response.sid)
    assert phone.received() == [expected]


def test_emoji_and_control_characters_around_words_still_work(phone):
    reply = phone.say("jobs in Hartford \U0001f64f\x07")
    assert reply[0].startswith("Jobs near Hartford:")


def test_a_request_without_message_sid_is_refused_not_crashed(phone):
    params = {"From": phone.number, "Body": "hi"}
    assert phone.post(WEBHOOK_PATH, params).status_code == 400


def test_multi_part_replies_arrive_in_the_order_the_assistant_said_them(rasa_stack, phone):
    script = ["hi", "am i eligible for free training", "yes", "no", "what is this program", "menu"]
    rest_sender = f"web-{uuid.uuid4().hex[:10]}"
    multi_part_turns = 0
    for body in script:
        expected = [
            part
            for text in rasa_stack.say(rest_sender, body)
            for part in split_parts(sms_safe(text))
        ]
        multi_part_turns += len(expected) > 1
        got = phone.say(body)
        if body == script[0]:
            # By text (not in the web chat) the first reply says how to switch language.
            switch = " " + sms_safe(HOW_TO_SWITCH)
            assert got[-1].endswith(switch)
            got[-1] = got[-1].removesuffix(switch)
        assert got == expected
    assert multi_part_turns >= 1


def test_a_server_error_then_success_delivers_exactly_one_text(phone):
    phone.twilio.fail_next(phone.number, Failure(500))
    rejected_before = len(phone.twilio.rejected)
    [reply] = phone.say("hello")
    phone.say("thanks")
    assert len(phone.twilio.rejected) == rejected_before + 1
    assert phone.received()[0] == reply and len(phone.received()) == 2


def test_carrier_opt_out_21610_stops_all_texts(phone):
    phone.twilio.fail_next(phone.number, Failure(400, 21610))
    assert phone.say("hello") == []
    with session_scope(phone.db_url) as session:
        status = session.execute(
            select(OptOut.status).where(OptOut.address == phone.number)
        ).scalar()
    assert status == "opted_out"
    later = phone.text("jobs in Hartford")
    assert phone.outcome(later.sid) == inbound.Outcome.IGNORED_OPTED_OUT
    assert phone.received() == []


def test_status_callbacks_update_the_outbox(phone):
    phone.say("hello")
    sid = phone.twilio.to(phone.number)[0].sid
    params = {"MessageSid": sid, "MessageStatus": "delivered", "AccountSid": TWILIO_ACCOUNT_SID}
    assert phone.post(STATUS_CALLBACK_PATH, params, signature="forged").status_code == 403
    assert phone.post(STATUS_CALLBACK_PATH, params).status_code == 204
    with session_scope(phone.db_url) as session:
        status = session.execute(
            select(OutboundMessage.status).where(OutboundMessage.provider_sid == sid)
        ).scalar()
    assert status == "delivered"


def test_a_flood_from_one_phone_is_limited_and_does_not_hold_up_others(
    rasa_stack, twilio_server, conversation_url
):
    flood = Phone(rasa_stack, twilio_server, conversation_url)
    other = Phone(rasa_stack, twilio_server, conversation_url)
    sids = [flood.text(f"jobs in Hartford {n}").sid for n in range(SMS_RATE_LIMIT + 10)]
    [other_reply] = other.say("hello")
    outcomes = [flood.outcome(sid) for sid in sids]
    assert outcomes.count(inbound.Outcome.RATE_LIMITED) == 10
    answered = outcomes.count(inbound.Outcome.ASSISTANT)
    texts = twilio_server.wait_for(flood.number, answered + 1, timeout=180)
    assert [t.body for t in texts].count(inbound.RATE_LIMIT_TEXT) == 1
    other_at = twilio_server.to(other.number)[0].at
    assert other_at < texts[-1].at, "the other phone waited for the whole flood"
    assert other_reply


def test_a_text_acknowledged_but_never_handled_is_still_answered(phone):
    """As after a restart right behind the acknowledgement: the row is there, nothing
    was done with it. The channel's sweep picks it up."""
    sid = f"SM{uuid.uuid4().hex}"
    with session_scope(phone.db_url) as session:
        session.add(
            InboundMessage(
                provider_sid=sid,
                from_address=phone.number,
                to_address=TWILIO_FROM_NUMBER,
                body="jobs in Hartford",
                received_at=utcnow() - timedelta(minutes=2),
            )
        )
    assert phone.outcome(sid) == inbound.Outcome.ASSISTANT
    assert phone.received()[0].startswith("Jobs near Hartford:")


def test_no_log_of_the_assistant_shows_a_full_phone_number(phone):
    # A failed delivery: Twilio's error text and ours both name the number.
    phone.twilio.fail_next(phone.number, Failure(400, 21211))
    phone.say("hello")
    phone.say("jobs in Hartford")
    assert full_numbers_in_logs(phone.stack.workdir) == {}
