"""The phone simulator: with no Twilio account, a browser texts the real assistant and
the replies come back from the local outbox."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from bot.config import load_settings
from bot.web import create_app
from tests.servers import LiveServer, RasaStack, free_port

NO_TWILIO = {
    "TWILIO_ACCOUNT_SID": "",
    "TWILIO_AUTH_TOKEN": "",
    "TWILIO_FROM_NUMBER": "",
    "TWILIO_MESSAGING_SERVICE_SID": "",
}


@pytest.fixture(scope="module")
def local_service(conversation_url, tmp_path_factory) -> Iterator[LiveServer]:
    """Rasa, actions and the website as `make run` starts them: no Twilio account."""
    rasa_port = free_port()
    web = LiveServer(conversation_url, {**NO_TWILIO, "RASA_URL": f"http://127.0.0.1:{rasa_port}"})
    stack = RasaStack(
        conversation_url,
        tmp_path_factory.mktemp("rasa-local"),
        env={**NO_TWILIO, "PUBLIC_BASE_URL": web.url},
    )
    stack.rasa_port = rasa_port
    stack.start()
    yield web
    stack.stop()
    web.stop()


def _thread_until(web: LiveServer, phone: str, expected: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        html = web.get("/simulator/thread", phone=phone).text
        if expected in html:
            return html
        time.sleep(0.3)
    raise AssertionError(f"{expected!r} never appeared in the thread:\n{html}")


def test_texting_from_the_simulator_shows_the_assistants_reply(local_service):
    page = local_service.get("/simulator")
    assert page.status_code == 200 and 'name="body"' in page.text
    sent = local_service.post("/simulator", {"phone": "(860) 555-0199", "body": "jobs in Hartford"})
    assert sent.status_code == 303
    phone = parse_qs(urlparse(sent.headers["Location"]).query)["phone"][0]
    assert phone == "+18605550199"
    html = _thread_until(local_service, phone, "Jobs near Hartford:")
    assert html.index("jobs in Hartford") < html.index("Jobs near Hartford:")
    local_service.post("/simulator", {"phone": phone, "body": "STOP"})
    _thread_until(local_service, phone, "You are unsubscribed")


def test_a_bad_number_is_explained(local_service):
    response = local_service.post("/simulator", {"phone": "12", "body": "hi"})
    follow = requests.get(local_service.url + response.headers["Location"], timeout=30)
    assert "Enter a 10-digit US phone number" in follow.text


def test_the_simulator_says_when_the_assistant_is_not_running(conversation_url):
    web = LiveServer(conversation_url, {**NO_TWILIO, "RASA_URL": f"http://127.0.0.1:{free_port()}"})
    try:
        response = web.post("/simulator", {"phone": "8605550123", "body": "hi"})
        follow = requests.get(web.url + response.headers["Location"], timeout=30)
        assert "The assistant is not running" in follow.text
    finally:
        web.stop()


def test_the_simulator_is_off_when_a_twilio_account_is_set(conversation_url):
    settings = load_settings(
        {
            "DATABASE_URL": conversation_url,
            "TWILIO_ACCOUNT_SID": "AC" + "2" * 32,
            "TWILIO_AUTH_TOKEN": "secret",
            "TWILIO_FROM_NUMBER": "+18605550000",
        }
    )
    client = create_app(settings).test_client()
    assert client.get("/simulator").status_code == 404
    assert client.post("/simulator", data={"phone": "8605550123", "body": "hi"}).status_code == 404
