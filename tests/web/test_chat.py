"""The website's chat endpoint over real HTTP, relaying to the real Rasa server."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Person
from bot.identity import WEB_CHANNEL, is_web_sender
from tests.support.servers import LiveServer, free_port


def _say(browser: requests.Session, chat_site: LiveServer, text) -> requests.Response:
    return browser.post(f"{chat_site.url}/chat", json={"message": text}, timeout=60)


def test_a_browser_keeps_its_conversation_and_another_browser_has_its_own(chat_site):
    first, second = requests.Session(), requests.Session()
    answer = _say(first, chat_site, "warehouse jobs in Waterbury")
    assert answer.status_code == 200
    assert answer.json()["replies"][0].startswith("Warehouse jobs near Waterbury:")
    assert "Apply: " in _say(first, chat_site, "2").json()["replies"][0]
    # The second browser never searched: its "2" means nothing yet (and its first reply
    # does not say how to switch language: the page has a switch).
    assert _say(second, chat_site, "2").json()["replies"] == [
        "Search first, for example: jobs in Hartford"
    ]


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"message": "   "}, 400, "Type a message first."),
        ({"message": " // "}, 400, "Type a message first."),
        ({"message": "x" * 1001}, 413, "Messages are limited to 1,000 characters."),
        ({"text": "hi"}, 400, 'Send JSON like {"message": "jobs in Hartford"}.'),
        ({"message": 42}, 400, 'Send JSON like {"message": "jobs in Hartford"}.'),
    ],
)
def test_bad_messages_get_a_clear_refusal(chat_site, body, status, error):
    answer = requests.post(f"{chat_site.url}/chat", json=body, timeout=30)
    assert (answer.status_code, answer.json()) == (status, {"error": error})


def test_a_form_post_instead_of_json_is_refused(chat_site):
    answer = requests.post(f"{chat_site.url}/chat", data={"message": "hi"}, timeout=30)
    assert answer.status_code == 400 and "Send JSON" in answer.json()["error"]


def test_emoji_and_accents_reach_the_assistant(chat_site):
    answer = _say(requests.Session(), chat_site, "hola 👋 ¿trabajos en Hartford?")
    assert answer.status_code == 200 and answer.json()["replies"]


def test_a_fast_browser_is_slowed_down_without_slowing_others(conversation_url, rasa_stack):
    server = LiveServer(
        conversation_url, env={"RASA_URL": rasa_stack.url, "CHAT_RATE_LIMIT_PER_MINUTE": "2"}
    )
    try:
        fast, other = requests.Session(), requests.Session()
        assert [_say(fast, server, "hi").status_code for _ in range(2)] == [200, 200]
        refused = _say(fast, server, "hi")
        assert refused.status_code == 429
        assert (
            refused.json()["error"] == "You are sending messages very fast. Please wait a minute."
        )
        assert _say(other, server, "hi").status_code == 200
    finally:
        server.stop()


def test_a_browser_without_cookies_cannot_dodge_the_limit(conversation_url, rasa_stack):
    server = LiveServer(
        conversation_url, env={"RASA_URL": rasa_stack.url, "CHAT_RATE_LIMIT_PER_MINUTE": "1"}
    )
    try:
        # Every request a new browser: the limit per network address (5 people) holds.
        statuses = [_say(requests.Session(), server, "hi").status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
    finally:
        server.stop()


def test_a_dead_assistant_gets_a_plain_503(conversation_url):
    server = LiveServer(conversation_url, env={"RASA_URL": f"http://127.0.0.1:{free_port()}"})
    try:
        answer = _say(requests.Session(), server, "hi")
        assert answer.status_code == 503
        assert answer.json()["error"].startswith("The assistant is not answering right now.")
    finally:
        server.stop()


@pytest.mark.parametrize("secret", ["", "not-the-secret-rasa-has"])
def test_a_web_app_without_the_right_chat_secret_gets_no_answer_from_rasa(
    conversation_url, rasa_stack, secret
):
    server = LiveServer(
        conversation_url, env={"RASA_URL": rasa_stack.url, "WEB_CHAT_SECRET": secret}
    )
    try:
        answer = _say(requests.Session(), server, "jobs in Hartford")
        assert answer.status_code == 503
        assert answer.json()["error"].startswith("The assistant is not answering right now.")
    finally:
        server.stop()


def test_each_browser_gets_a_web_id_that_is_never_a_phone_number(chat_site, conversation_url):
    browser = requests.Session()
    assert _say(browser, chat_site, "jobs in Hartford").status_code == 200
    with session_scope(conversation_url) as session:
        searched = session.scalars(
            select(Person.address).where(Person.channel == WEB_CHANNEL)
        ).all()
    assert searched and all(is_web_sender(address) for address in searched)


def _chat_sender(server: LiveServer, cookie: str) -> str:
    """The conversation id the web app keeps in a browser's signed session cookie."""
    app = server.server.app
    return app.session_interface.get_signing_serializer(app).loads(cookie)["chat_sender"]


def _languages_rasa_was_given(rasa_stack, sender: str) -> list[str | None]:
    """The language in the metadata of each message Rasa holds for ``sender``."""
    return [
        (event.get("metadata") or {}).get("language")
        for event in rasa_stack.events(sender)
        if event["event"] == "user"
    ]


def test_the_pages_language_reaches_the_assistant_with_each_message(chat_site, rasa_stack):
    browser = requests.Session()
    browser.headers["Accept-Language"] = "es-US,es;q=0.9"
    for body in (
        {"message": "busco trabajo en Hartford", "language": "es"},
        # The page's language wins over the browser's.
        {"message": "jobs in Hartford", "language": "en"},
        # Without a language it speaks, the browser's language is the page's.
        {"message": "hola", "language": "fr"},
        {"message": "hola", "language": {"es": True}},
        {"message": "hola"},
    ):
        assert browser.post(f"{chat_site.url}/chat", json=body, timeout=60).status_code == 200
    sender = _chat_sender(chat_site, browser.cookies["session"])
    assert _languages_rasa_was_given(rasa_stack, sender) == ["es", "en", "es", "es", "es"]
