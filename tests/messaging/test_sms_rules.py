"""The SMS rules of bot/messaging: text safety, keywords, quiet hours, rate limits,
signatures, and what the inbox does with each inbound text."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from bot.clock import utcnow
from bot.config import Settings, load_settings
from bot.db import session_scope
from bot.db.models import InboundMessage
from bot.messaging import optouts
from bot.messaging.gate import COMPLIANCE, OutboundGate
from bot.messaging.inbound import (
    EMOJI_TEXT,
    EMPTY_TEXT,
    MEDIA_ONLY_TEXT,
    RATE_LIMIT_TEXT,
    TOO_LONG_TEXT,
    Inbound,
    Outcome,
    readable_text,
    triage,
)
from bot.messaging.inbox import Inbox
from bot.messaging.keywords import Keyword, classify
from bot.messaging.phone import mask
from bot.messaging.quiet_hours import next_allowed
from bot.messaging.rate_limit import RateLimiter
from bot.messaging.routes import WEBHOOK_PATH
from bot.messaging.signing import is_valid, sign
from bot.messaging.text import GSM_CHARACTERS, sms_safe, split_parts
from tests.support.outbox import outbox_rows

TOKEN = "test-auth-token"
PHONE = "+18605550101"
AFTERNOON = datetime(2026, 11, 25, 17, 0)  # 12:00 in Connecticut
NIGHT = datetime(2026, 11, 26, 3, 0)  # 22:00 in Connecticut


def test_sms_safe_replaces_curly_quotes_dashes_and_drops_emoji():
    text = "We\u2019re \u201cready\u201d \u2014 great job \U0001f389\u2026 caf\u00e9 m\u00e1s"
    safe = sms_safe(text)
    assert safe == 'We\'re "ready" - great job ... caf\u00e9 mas'
    assert set(safe) <= GSM_CHARACTERS


def test_split_parts_keeps_lines_whole_and_parts_short():
    lines = [
        f"{n}. Warehouse Associate, Acme Logistics, Hartford 2 mi, $19/hr" for n in range(1, 9)
    ]
    parts = split_parts("\n".join(lines))
    assert all(len(part) <= 320 for part in parts)
    assert len(parts) == 2
    assert "\n".join(parts).split("\n") == lines


def test_split_parts_cuts_long_paragraphs_at_sentences_and_caps_at_1600():
    sentence = "This sentence is about forty characters. "
    parts = split_parts(sentence * 20)
    assert all(len(part) <= 320 for part in parts)
    assert all(part.endswith("characters.") for part in parts)
    huge = split_parts("word " * 1000)
    assert sum(len(part) for part in huge) <= 1600
    assert huge[-1].endswith("...")


@pytest.mark.parametrize(
    "text",
    ["STOP", "stop", "Stop.", "STOPALL", "unsubscribe", "CANCEL", "end", "quit",
     "stop texting me", "Please remove me", "don't text me", "no m\u00e1s mensajes",
     "cancelar", "NO MAS"],
)  # fmt: skip
def test_opt_out_words(text):
    assert classify(text, opted_out=False) is Keyword.OPT_OUT


@pytest.mark.parametrize("text", ["stop reminders", "stop sending me job alerts x", "end of"])
def test_requests_to_the_assistant_are_not_opt_outs(text):
    assert classify(text, opted_out=False) is None


def test_yes_opts_in_only_after_an_opt_out():
    assert classify("START", opted_out=False) is Keyword.OPT_IN
    assert classify("unstop", opted_out=True) is Keyword.OPT_IN
    assert classify("yes", opted_out=False) is None
    assert classify("YES", opted_out=True) is Keyword.OPT_IN
    assert classify("HELP", opted_out=False) is Keyword.HELP
    assert classify("info", opted_out=True) is Keyword.HELP
    assert classify("help me find a job", opted_out=False) is None


def test_quiet_hours_follow_new_york_time_and_daylight_saving():
    window = Settings.sms_send_window  # 9:00-20:00
    assert next_allowed(AFTERNOON, window) is None
    assert next_allowed(NIGHT, window) == datetime(2026, 11, 26, 14, 0)  # 9:00 EST
    assert next_allowed(datetime(2026, 7, 1, 12, 0), window) == datetime(
        2026, 7, 1, 13, 0
    )  # 9:00 EDT
    assert next_allowed(datetime(2026, 7, 2, 0, 30), window) == datetime(
        2026, 7, 2, 13, 0
    )  # 20:30 EDT


def test_rate_limiter_counts_per_number_and_warns_once():
    now = [0.0]
    limiter = RateLimiter(3, window=60, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
    assert limiter.should_warn("a") and not limiter.should_warn("a")
    now[0] = 61
    assert limiter.allow("a") and limiter.should_warn("a")


def test_masked_numbers_keep_only_the_last_four_digits():
    assert mask("+18605551234") == "+*******1234"
    assert "555" not in mask("+18605551234")


def test_signatures_match_twilio_validation():
    params = {"Body": "jobs", "From": PHONE, "MessageSid": "SM1"}
    url = "https://sms.example.test" + WEBHOOK_PATH
    signature = sign(TOKEN, url, params)
    assert is_valid(TOKEN, url, params, signature)
    assert not is_valid(TOKEN, url, {**params, "Body": "jobs!"}, signature)
    assert not is_valid("other-token", url, params, signature)
    assert not is_valid(TOKEN, url, params, None)


def test_readable_text_keeps_words_and_accents_drops_emoji():
    assert readable_text("jobs in hartford \U0001f64f\U0001f64f") == "jobs in hartford"
    assert readable_text("\U0001f44d") == "yes"
    assert readable_text("m\u00e1s trabajo\x00\x07") == "m\u00e1s trabajo"
    assert readable_text("\U0001f600\U0001f600") == ""


def inbound(body: str, sid: str = "SM1", media: int = 0) -> Inbound:
    return Inbound(
        sid=sid, from_address=PHONE, to_address="+18605550000", body=body, num_media=media
    )


def inbox_for(db_url: str, cancelled: list | None = None) -> Inbox:
    settings = load_settings({"DATABASE_URL": db_url})

    def on_opt_out(session, address: str, reason: str) -> None:
        if cancelled is not None:
            cancelled.append((address, reason))

    return Inbox(settings, OutboundGate(settings), on_opt_out, limiter=RateLimiter(10))


def test_a_stored_message_id_is_recognised_as_a_repeat(db_url):
    inbox = inbox_for(db_url)
    assert inbox.record(inbound("hi", sid="SMrepeat"))
    assert not inbox.record(inbound("hi", sid="SMrepeat"))


def test_a_text_is_claimed_once_and_stranded_texts_are_found(db_url):
    inbox = inbox_for(db_url)
    inbox.record(inbound("jobs", sid="SMold"))
    inbox.record(inbound("jobs", sid="SMnew"))
    with session_scope(db_url) as session:
        session.execute(
            update(InboundMessage)
            .where(InboundMessage.provider_sid == "SMold")
            .values(received_at=utcnow() - timedelta(minutes=5))
        )
    [old] = inbox.stranded()
    assert old.sid == "SMold"
    assert inbox.open(old) == "jobs"
    assert inbox.open(old) is None
    assert inbox.stranded() == []


def test_the_inbox_notes_each_state_of_a_text_and_answers_keywords_itself(db_url):
    cancelled: list = []
    inbox = inbox_for(db_url, cancelled)
    stop = inbound("STOP", sid="SMstop")
    inbox.record(stop)
    assert inbox.open(stop) is None
    assert cancelled == [(PHONE, "opted out by text")]
    with session_scope(db_url) as session:
        row = session.execute(
            select(InboundMessage).where(InboundMessage.provider_sid == "SMstop")
        ).scalar_one()
        assert (row.outcome, row.handled_at) == (Outcome.OPTED_OUT, None)
    [confirmation] = outbox_rows(db_url, PHONE)
    assert confirmation.kind == COMPLIANCE and "START" in confirmation.body
    inbox.mark_handled(stop)
    with session_scope(db_url) as session:
        handled = session.execute(
            select(InboundMessage.handled_at).where(InboundMessage.provider_sid == "SMstop")
        ).scalar_one()
    assert handled is not None


@pytest.mark.parametrize(
    ("body", "media", "reply"),
    [("", 0, EMPTY_TEXT), ("   ", 1, MEDIA_ONLY_TEXT), ("\U0001f600", 0, EMOJI_TEXT),
     ("x" * 1601, 0, TOO_LONG_TEXT)],
)  # fmt: skip
def test_unreadable_texts_get_a_clear_reply(db_url, body, media, reply):
    with session_scope(db_url) as session:
        decision = triage(session, inbound(body, media=media), RateLimiter(10))
    assert decision.replies == [reply]
    assert decision.for_assistant is None


def test_stop_opts_out_once_then_silence_until_start(db_url):
    limiter = RateLimiter(10)
    with session_scope(db_url) as session:
        first = triage(session, inbound("STOP"), limiter)
        again = triage(session, inbound("stop"), limiter)
        ignored = triage(session, inbound("jobs in hartford"), limiter)
        assert optouts.block_status(session, PHONE) == optouts.OPTED_OUT
        back = triage(session, inbound("yes"), limiter)
        assert optouts.block_status(session, PHONE) is None
        talk = triage(session, inbound("jobs in hartford"), limiter)
    assert len(first.replies) == 1 and "START" in first.replies[0]
    assert first.reply_kind == COMPLIANCE
    assert again.replies == [] and ignored.replies == [] and ignored.for_assistant is None
    assert "STOP" in back.replies[0]
    assert talk.for_assistant == "jobs in hartford"


def test_a_flood_is_limited_with_one_polite_text(db_url):
    limiter = RateLimiter(2)
    with session_scope(db_url) as session:
        decisions = [triage(session, inbound(f"jobs {n}"), limiter) for n in range(5)]
    assert [d.for_assistant for d in decisions[:2]] == ["jobs 0", "jobs 1"]
    assert decisions[2].replies == [RATE_LIMIT_TEXT]
    assert all(d.replies == [] and d.for_assistant is None for d in decisions[3:])
