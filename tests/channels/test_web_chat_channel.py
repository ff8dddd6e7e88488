"""Nobody can speak as someone else's phone: the real Rasa server has no open REST
channel, its web chat channel takes only the web app (by its secret) speaking as a
web id, and the action server listens on loopback only."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import requests
from sqlalchemy import delete, select

from bot.db import session_scope
from bot.db.models import ErasureRequest, Person
from bot.identity import SMS_CHANNEL, new_web_sender
from bot.web.chat import WEB_CHAT_PATH
from tests.support.phones import Phone
from tests.support.servers import ACTION_SERVER_SECRET, WEB_CHAT_SECRET


@pytest.fixture
def phone(rasa_stack, twilio_server, conversation_url) -> Phone:
    """A real texter who has already talked to the assistant."""
    texter = Phone(rasa_stack, twilio_server, conversation_url)
    assert texter.say("jobs in Hartford")[0].startswith("Jobs near Hartford:")
    return texter


def _conversation(rasa_stack, sender: str) -> list[tuple[str, str | None]]:
    """``sender``'s conversation as Rasa holds it: (event, text) of each user or bot event."""
    return [
        (event["event"], event.get("text"))
        for event in rasa_stack.events(sender)
        if event["event"] in ("user", "bot")
    ]


def _post(rasa_stack, path: str, body, secret: str | None = WEB_CHAT_SECRET, **kwargs):
    headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
    return requests.post(
        f"{rasa_stack.url}{path}", json=body, headers=headers, timeout=60, **kwargs
    )


def _nothing_changed_for(phone: Phone, conversation_url: str, before: list, rasa_stack) -> None:
    assert _conversation(rasa_stack, phone.number) == before
    with session_scope(conversation_url) as session:
        assert not session.scalars(
            select(ErasureRequest).where(ErasureRequest.address == phone.number)
        ).all()
        channels = session.scalars(
            select(Person.channel).where(Person.address == phone.number)
        ).all()
    assert channels == [SMS_CHANNEL]


def test_the_open_rest_channel_is_gone_so_a_phone_number_cannot_be_used_there(
    rasa_stack, phone, conversation_url
):
    before = _conversation(rasa_stack, phone.number)
    texts_before = phone.received()
    for text in ("forget me", "yes"):
        answer = requests.post(
            f"{rasa_stack.url}/webhooks/rest/webhook",
            json={"sender": phone.number, "message": text},
            timeout=30,
        )
        assert answer.status_code == 404
        assert phone.number not in answer.text and "Hartford" not in answer.text
    _nothing_changed_for(phone, conversation_url, before, rasa_stack)
    assert phone.received() == texts_before


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", WEB_CHAT_SECRET + "x"])
def test_the_web_chat_channel_refuses_anyone_without_the_web_apps_secret(rasa_stack, secret):
    sender = new_web_sender()
    answer = _post(
        rasa_stack, WEB_CHAT_PATH, {"sender": sender, "message": "jobs in Hartford"}, secret
    )
    assert answer.status_code == 401
    assert answer.json() == {"error": "only the web app may use this channel"}
    assert _conversation(rasa_stack, sender) == []


@pytest.mark.parametrize(
    "sender_of", [lambda n: n, lambda n: n[1:], lambda n: f"web-{n}", lambda n: "web-"]
)
def test_even_the_web_app_cannot_speak_as_a_phone_number(
    rasa_stack, phone, conversation_url, sender_of
):
    before = _conversation(rasa_stack, phone.number)
    sender = sender_of(phone.number)
    for text in ("forget me", "yes"):
        answer = _post(rasa_stack, WEB_CHAT_PATH, {"sender": sender, "message": text})
        assert answer.status_code == 400
        assert answer.json() == {"error": "sender must be a web chat id (web-<hex>)"}
    _nothing_changed_for(phone, conversation_url, before, rasa_stack)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ([], 400),
        ("x", 400),
        (None, 400),
        ({"sender": "web-0a1b2c3d"}, 400),
        ({"sender": "web-0a1b2c3d", "message": "   "}, 400),
        ({"sender": "web-0a1b2c3d", "message": 42}, 400),
        ({"sender": "web-0a1b2c3d", "message": "x" * 1001}, 413),
    ],
)
def test_bad_web_chat_bodies_get_a_clear_refusal_and_the_server_keeps_answering(
    rasa_stack, body, status
):
    answer = _post(rasa_stack, WEB_CHAT_PATH, body)
    assert answer.status_code == status
    assert answer.json()["error"]
    sender = new_web_sender()
    replies = rasa_stack.say(sender, "jobs in Hartford")
    assert replies[0].startswith("Jobs near Hartford:")


def test_a_web_conversation_is_recorded_under_its_web_id_on_the_web_chat_channel(rasa_stack):
    sender = new_web_sender()
    assert rasa_stack.say(sender, "warehouse jobs in Waterbury")[0].startswith("Warehouse jobs")
    events = rasa_stack.events(sender)
    channels = {e.get("input_channel") for e in events if e["event"] == "user"}
    assert channels == {"web_chat"}


def _listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (from /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) != port or fields[3] != "0A":  # 0A: LISTEN
                continue
            if len(address) == 8:
                found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
            else:
                words = [bytes.fromhex(address[i : i + 8])[::-1] for i in range(0, 32, 8)]
                found.add(socket.inet_ntop(socket.AF_INET6, b"".join(words)))
    return found


def test_the_action_server_and_rasa_listen_on_loopback_only(rasa_stack):
    assert _listening_addresses(rasa_stack.action_port) == {"127.0.0.1"}
    assert _listening_addresses(rasa_stack.rasa_port) == {"127.0.0.1"}


def _erasure_requests(conversation_url: str, address: str) -> list[ErasureRequest]:
    with session_scope(conversation_url) as session:
        rows = session.scalars(
            select(ErasureRequest).where(ErasureRequest.address == address)
        ).all()
        session.expunge_all()
        return rows


def test_the_action_server_runs_nothing_for_a_caller_without_rasas_secret(
    rasa_stack, phone, conversation_url
):
    """The call an attacker would make: confirm "forget me" for someone else's number."""
    url = f"http://127.0.0.1:{rasa_stack.action_port}"
    call = {
        "next_action": "action_answer_yes_no",
        "sender_id": phone.number,
        "version": "3.6.2",
        "domain": {},
        "tracker": {
            "sender_id": phone.number,
            "slots": {"pending": "forget_me"},
            "latest_message": {"text": "yes", "intent": {"name": "affirm"}, "entities": []},
            "events": [{"event": "user", "text": "yes", "input_channel": SMS_CHANNEL}],
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }
    for headers in ({}, {"X-Action-Secret": "guess"}, {"X-Action-Secret": ""}):
        answer = requests.post(f"{url}/webhook", json=call, headers=headers, timeout=30)
        assert answer.status_code == 401
        assert answer.json() == {"error": "only the Rasa server may call this"}
        listing = requests.get(f"{url}/actions", headers=headers, timeout=30)
        assert listing.status_code == 401
    assert _erasure_requests(conversation_url, phone.number) == []
    assert requests.get(f"{url}/health", timeout=30).status_code == 200

    # The same call with the secret Rasa holds is potent: that is what the check stops.
    answer = requests.post(
        f"{url}/webhook", json=call, headers={"X-Action-Secret": ACTION_SERVER_SECRET}, timeout=30
    )
    assert answer.status_code == 200
    assert len(_erasure_requests(conversation_url, phone.number)) == 1
    with session_scope(conversation_url) as session:
        session.execute(delete(ErasureRequest).where(ErasureRequest.address == phone.number))


def test_no_secret_is_on_a_command_line(rasa_stack):
    for process in rasa_stack.processes:
        command_line = Path(f"/proc/{process.pid}/cmdline").read_bytes().decode()
        for secret in (rasa_stack.token, WEB_CHAT_SECRET, ACTION_SERVER_SECRET):
            assert secret not in command_line


@pytest.mark.parametrize(
    ("metadata", "given"),
    [
        ({"language": "es"}, {"language": "es"}),
        ({"language": "en", "phone": "+18605550123"}, {"language": "en"}),
        ({"language": "xx"}, {}),
        ("es", {}),
    ],
)
def test_the_web_chat_channel_passes_on_only_the_pages_language(rasa_stack, metadata, given):
    sender = new_web_sender()
    body = {"sender": sender, "message": "jobs in Hartford", "metadata": metadata}
    assert _post(rasa_stack, WEB_CHAT_PATH, body).status_code == 200
    [said] = [event for event in rasa_stack.events(sender) if event["event"] == "user"]
    kept = {key: said["metadata"][key] for key in ("language", "phone") if key in said["metadata"]}
    assert kept == given
