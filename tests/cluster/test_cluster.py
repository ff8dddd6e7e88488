"""The production profile on one machine: 2 rasa + 2 actions + 2 web + 2 workers behind
nginx, sharing PostgreSQL (job store and Rasa's tracker store) and Redis (Rasa's lock
store). Runs in the PostgreSQL pass of .ci/run; Redis must be up."""

from __future__ import annotations

import json
import os
import re
import threading
import time
import types
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest
import redis
import requests
from sqlalchemy import select

from bot.cluster import Cluster
from bot.db import get_engine
from bot.db.rasa_events import events
from bot.messaging import inbound
from bot.web.chat import ask_assistant
from tests.conftest import (
    SMS_PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM_NUMBER,
    load_demo,
)
from tests.support.follow_up_factory import due_reminders
from tests.support.phones import Phone
from tests.support.servers import full_numbers_in_logs

REDIS_URL = "redis://127.0.0.1:6379/1"
ON_POSTGRESQL = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
pytestmark = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="the cluster runs on PostgreSQL: the PostgreSQL pass of .ci/run"
)
LINE = re.compile(r"^(\d)\) (?P<title>.+) - ")


@pytest.fixture(scope="module")
def cluster(databases, twilio_server, tmp_path_factory) -> Iterator[Cluster]:
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis at {REDIS_URL} is needed for the cluster: {exc}")
    url = load_demo(databases, "cluster")
    env = {
        "DATABASE_URL": url,
        "TRACKER_STORE_URL": url,
        "REDIS_URL": REDIS_URL,
        "TWILIO_ACCOUNT_SID": TWILIO_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": TWILIO_FROM_NUMBER,
        "TWILIO_API_BASE_URL": twilio_server.base_url,
        "PUBLIC_BASE_URL": SMS_PUBLIC_BASE_URL,
        "SMS_RATE_LIMIT_PER_MINUTE": "1000",
        "SMS_SEND_WINDOW": "00:00-24:00",
        "WORKER_TICK_SECONDS": "0.5",
    }
    running = Cluster(tmp_path_factory.mktemp("cluster"), env).start()
    yield running
    running.stop()


def _sender() -> str:
    return f"web-{uuid.uuid4().hex[:10]}"


def _say(cluster: Cluster, replica: str, sender: str, text: str) -> list[str]:
    return ask_assistant(cluster.url_of(replica), cluster.web_chat_secret, sender, text)


def _events(cluster: Cluster, sender: str) -> list[tuple[str, str | None, dict]]:
    """``sender``'s conversation in the tracker store: kind, action name and data."""
    with get_engine(cluster.env["TRACKER_STORE_URL"]).connect() as connection:
        rows = connection.execute(
            select(events.c.type_name, events.c.action_name, events.c.data)
            .where(events.c.sender_id == sender)
            .order_by(events.c.id)
        ).all()
    return [(kind, action, json.loads(data)) for kind, action, data in rows]


def test_every_process_answers_its_health_check_and_nginx_serves_the_site(cluster):
    for replica in cluster.replicas:
        assert requests.get(replica.health_url, timeout=10).status_code == 200, replica.name
    assert requests.get(f"{cluster.web_url}/healthz", timeout=10).status_code == 200
    assert requests.get(f"{cluster.rasa_url}/", timeout=10).text.startswith("Hello from Rasa")


def test_a_conversation_alternating_between_rasa_replicas_keeps_its_state(cluster):
    sender = _sender()
    listing = _say(cluster, "rasa-1", sender, "jobs in Hartford")[0].splitlines()
    assert listing[0] == "Jobs near Hartford:"
    second = LINE.match(listing[2])["title"]
    # The last result list, kept by the tracker store, is read by the other replica.
    assert second in _say(cluster, "rasa-2", sender, "2")[0]
    assert _say(cluster, "rasa-1", sender, "more")[0].startswith("More jobs near Hartford:")
    # A form started on one replica goes on on the other.
    assert _say(cluster, "rasa-2", sender, "excel classes")[0].startswith("Free courses for excel:")
    asked = _say(cluster, "rasa-1", sender, "enroll 1")
    assert asked[1] == "Do you live in Connecticut? Reply YES or NO"
    assert _say(cluster, "rasa-2", sender, "yes") == [
        "Have you filed an unemployment claim with Connecticut? Reply YES or NO"
    ]
    assert _say(cluster, "rasa-1", sender, "yes")[0].startswith("Good news: you qualify")


def test_a_restarted_rasa_replica_continues_the_conversation(cluster):
    sender = _sender()
    listing = _say(cluster, "rasa-1", sender, "warehouse jobs in Waterbury")[0].splitlines()
    first = LINE.match(listing[1])["title"]
    cluster.stop_replica("rasa-1")
    cluster.start_replica("rasa-1")
    assert first in _say(cluster, "rasa-1", sender, "1")[0]


def test_concurrent_messages_to_both_replicas_are_handled_one_at_a_time_in_order(cluster):
    sender = _sender()
    texts = [f"jobs in {town}" for town in ("Hartford", "Bristol", "Meriden", "Milford")] * 2
    replies: dict[int, list[str]] = {}

    def send(index: int) -> None:
        replica = f"rasa-{index % 2 + 1}"
        replies[index] = _say(cluster, replica, sender, texts[index])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
        time.sleep(0.05)  # sent in this order, before the first is answered
    for thread in threads:
        thread.join()
    # None lost: every message was answered, about its own town.
    for index, text in enumerate(texts):
        assert replies[index][0].startswith(f"Jobs near {text[8:]}:"), (text, replies[index])
    held = _events(cluster, sender)
    assert Counter(data.get("text") for kind, _, data in held if kind == "user") == Counter(texts)
    # The lock store let one message in at a time: each one's turn ends before the next
    # starts, so every user event is followed by the assistant's answer.
    turns = [kind for kind, action, _ in held if kind == "user" or action == "action_listen"]
    assert turns[-2 * len(texts) :] == ["user", "action"] * len(texts)


def _phone(cluster: Cluster, twilio_server, replica: str) -> Phone:
    """A phone texting one Rasa replica's SMS webhook (``phone.stack.url`` switches it)."""
    stack = types.SimpleNamespace(url=cluster.url_of(replica))
    return Phone(stack, twilio_server, cluster.env["DATABASE_URL"])


def test_an_opt_out_through_one_replica_is_honored_by_the_other_at_once(cluster, twilio_server):
    phone = _phone(cluster, twilio_server, "rasa-1")
    assert phone.say("jobs in Hartford")[0].startswith("Jobs near Hartford:")
    phone.say("STOP")
    received = len(phone.received())
    phone.stack.url = cluster.url_of("rasa-2")
    sent = phone.text("jobs in Bristol")
    assert sent.status_code == 200
    assert phone.outcome(sent.sid) == inbound.Outcome.IGNORED_OPTED_OUT
    time.sleep(2)
    assert len(phone.received()) == received, "an opted-out number was texted"


def test_the_public_entry_routes_only_the_sms_webhooks_to_rasa(cluster, twilio_server):
    phone = Phone(
        types.SimpleNamespace(url=cluster.web_url), twilio_server, cluster.env["DATABASE_URL"]
    )
    assert phone.say("jobs in Hartford")[0].startswith("Jobs near Hartford:")
    before = _events(cluster, phone.number)
    secret = {"Authorization": f"Bearer {cluster.web_chat_secret}"}
    for path in ("/webhooks/rest/webhook", "/webhooks/web_chat/webhook"):
        for text in ("forget me", "yes"):
            answer = requests.post(
                f"{cluster.web_url}{path}",
                json={"sender": phone.number, "message": text},
                headers=secret,
                timeout=30,
            )
            assert answer.status_code == 404, path
    for path in (f"/conversations/{phone.number}/tracker", "/status"):
        answer = requests.get(
            f"{cluster.web_url}{path}", params={"token": cluster.token}, timeout=30
        )
        assert answer.status_code == 404, path
    assert _events(cluster, phone.number) == before


def test_two_workers_send_each_due_reminder_exactly_once(cluster, twilio_server):
    numbers = [f"+1207{n:07d}" for n in range(40)]
    due_reminders(cluster.env["DATABASE_URL"], numbers)
    deadline = time.monotonic() + 180
    wanted = set(numbers)
    while time.monotonic() < deadline:
        per_number = Counter(m.to for m in list(twilio_server.sent) if m.to in wanted)
        if len(per_number) == len(numbers):
            break
        time.sleep(0.5)
    time.sleep(3)  # a duplicate would come now
    per_number = Counter(m.to for m in list(twilio_server.sent) if m.to in wanted)
    assert len(per_number) == len(numbers)
    assert set(per_number.values()) == {1}


def test_a_staff_session_signed_by_one_web_replica_is_good_on_the_other(cluster):
    first = requests.get(f"{cluster.url_of('web-1')}/admin/login", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', first.text).group(1)
    # PUBLIC_BASE_URL is https here, so the cookie is Secure: hand it over explicitly.
    cookie = f"session={first.cookies['session']}"
    form = {"csrf_token": token, "email": "nobody@example.org", "password": "x" * 12}
    answer = requests.post(
        f"{cluster.url_of('web-2')}/admin/login", data=form, headers={"Cookie": cookie}, timeout=10
    )
    # web-2 accepts the form web-1 signed (same SECRET_KEY) and checks the password.
    assert "Wrong email or password." in answer.text
    forged = requests.post(
        f"{cluster.url_of('web-2')}/admin/login",
        data=form,
        headers={"Cookie": "session=x"},
        timeout=10,
    )
    assert forged.status_code == 400


def test_no_log_of_any_process_shows_a_full_phone_number(cluster):
    # Runs last: the tests above texted, failed, restarted and erased through every process.
    assert full_numbers_in_logs(cluster.workdir) == {}
