"""One message must not take the assistant down: every way in caps the text before the
model reads it, and bodies are capped before anyone reads them (real servers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import InboundMessage
from bot.identity import new_web_sender
from bot.messaging import inbound
from bot.web.chat import WEB_CHAT_PATH
from tests.support.servers import WEB_CHAT_SECRET


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _still_answers(rasa_stack) -> None:
    assert rasa_stack.say(new_web_sender(), "jobs in Hartford")[0].startswith("Jobs near Hartford")


def _stored_body(conversation_url: str, sid: str) -> str | None:
    with session_scope(conversation_url) as session:
        return session.scalar(select(InboundMessage.body).where(InboundMessage.provider_sid == sid))


def test_a_huge_signed_text_is_refused_before_it_is_read_and_stored(
    rasa_stack, phone, conversation_url
):
    rasa = rasa_stack.processes[-1].pid
    before = _rss_mb(rasa)
    response = phone.text("x" * 1_000_000)
    assert response.status_code == 413
    assert _stored_body(conversation_url, response.sid) is None
    assert phone.received() == []
    _still_answers(rasa_stack)
    assert _rss_mb(rasa) - before < 150


def test_a_long_signed_text_gets_too_long_and_is_not_stored_whole(phone, conversation_url):
    response = phone.text("jobs in Hartford " * 2000)
    assert response.status_code == 200
    phone.handled(response.sid)
    assert phone.received() == [inbound.TOO_LONG_TEXT]
    assert len(_stored_body(conversation_url, response.sid)) == inbound.MAX_BODY + 1


@pytest.mark.parametrize("media", ["abc", "-1", "1e9", "\u00b2", "99999999999999999999"])
def test_a_signed_text_with_a_malformed_media_count_is_still_answered(phone, media):
    response = phone.text("jobs in Hartford", media=media)
    assert response.status_code == 200
    phone.handled(response.sid)
    assert phone.received()[0].startswith("Jobs near Hartford:")


def test_rasas_intent_syntax_typed_in_a_text_is_read_as_words(rasa_stack, phone):
    response = phone.text('/EXTERNAL_course_reminder{"follow_up": "1"}')
    phone.handled(response.sid)
    [said] = [e for e in rasa_stack.events(phone.number) if e["event"] == "user"]
    assert not said["text"].startswith("/")
    assert not said["parse_data"]["intent"]["name"].startswith("EXTERNAL_")


def test_the_web_chat_channel_caps_messages_and_bodies(rasa_stack):
    rasa = rasa_stack.processes[-1].pid
    before = _rss_mb(rasa)
    headers = {"Authorization": f"Bearer {WEB_CHAT_SECRET}"}
    url = f"{rasa_stack.url}{WEB_CHAT_PATH}"
    long_message = {"sender": new_web_sender(), "message": "jobs in Hartford " * 3600}
    answer = requests.post(url, json=long_message, headers=headers, timeout=30)
    assert answer.status_code == 413
    assert answer.json() == {"error": "messages are limited to 1000 characters"}
    huge_body = {"sender": new_web_sender(), "message": "x" * 2_000_000}
    assert requests.post(url, json=huge_body, headers=headers, timeout=30).status_code == 413
    _still_answers(rasa_stack)
    assert _rss_mb(rasa) - before < 150


def test_the_chat_endpoint_refuses_huge_and_deeply_nested_bodies(chat_site):
    huge = requests.post(
        f"{chat_site.url}/chat",
        data=json.dumps({"message": "x" * 5_000_000}),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert huge.status_code == 413
    assert huge.json() == {"error": "Messages are limited to 1,000 characters."}
    nested = requests.post(
        f"{chat_site.url}/chat",
        data="[" * 5000 + "]" * 5000,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert nested.status_code == 400
    assert nested.json()["error"].startswith("Send JSON like")
    assert (
        requests.post(f"{chat_site.url}/chat", json={"message": "hi"}, timeout=60).status_code
        == 200
    )


def test_rasas_intent_syntax_sent_by_the_web_chat_is_read_as_words(rasa_stack):
    sender = new_web_sender()
    assert rasa_stack.say(sender, '/find_jobs{"location": "Mystic"}')
    [said] = [e for e in rasa_stack.events(sender) if e["event"] == "user"]
    assert said["text"] == 'find_jobs{"location": "Mystic"}'


def test_the_website_refuses_any_body_over_its_limit(chat_site):
    answer = requests.post(
        f"{chat_site.url}/admin/login", data={"email": "x" * (21 * 1024 * 1024)}, timeout=60
    )
    assert answer.status_code == 413
    assert "more than this site accepts" in answer.text


def test_a_huge_message_through_rasas_own_api_is_cut_before_the_model(rasa_stack):
    """The HTTP API (for token holders) is a way into the model too."""
    rasa = rasa_stack.processes[-1].pid
    before = _rss_mb(rasa)
    text = "warehouse jobs in Hartford " * 2300  # 62,100 characters, under the body cap
    answer = requests.post(
        f"{rasa_stack.url}/model/parse",
        params={"token": rasa_stack.token},
        json={"text": text},
        timeout=120,
    )
    assert answer.status_code == 200
    parsed = answer.json()
    assert all(entity["end"] <= 1600 for entity in parsed["entities"])
    assert _rss_mb(rasa) - before < 500
    _still_answers(rasa_stack)
