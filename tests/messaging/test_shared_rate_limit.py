"""Rate limits shared through Redis hold across replicas (real Redis on 127.0.0.1)."""

from __future__ import annotations

import secrets

import pytest
import redis
import requests

from bot.messaging.shared_rate_limit import SharedRateLimiter
from tests.support.servers import LiveServer

# A Redis database of its own, emptied by each test (Rasa's lock store uses db 1).
REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.fixture
def store() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.RedisError as exc:
        pytest.fail(f"Redis at {REDIS_URL} is needed: {exc}")
    return client


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_two_replicas_share_one_limit_per_number_and_warn_once(store):
    clock = Clock()
    first, second = (SharedRateLimiter(REDIS_URL, "sms", 3, clock=clock) for _ in range(2))
    number = "+18605550501"
    assert [first.allow(number), second.allow(number), first.allow(number)] == [True] * 3
    assert not second.allow(number) and not first.allow(number)
    assert first.allow("+18605550502")  # another phone is not held up
    assert [first.should_warn(number), second.should_warn(number)] == [True, False]
    clock.now += 60
    assert second.allow(number)
    # Redis holds a hash, not the number.
    assert not [key for key in store.scan_iter() if b"8605550501" in key]


def test_the_window_slides(store):
    clock = Clock()
    limiter = SharedRateLimiter(REDIS_URL, "sms", 2, clock=clock)
    assert limiter.allow("a")
    clock.now += 30
    assert limiter.allow("a") and not limiter.allow("a")
    clock.now += 31  # the first message has left the window, the second has not
    assert limiter.allow("a") and not limiter.allow("a")


def test_an_unreachable_redis_lets_messages_through(caplog):
    limiter = SharedRateLimiter("redis://127.0.0.1:1/0", "sms", 1)
    assert limiter.allow("+18605550503") and limiter.allow("+18605550503")
    assert "rate limit not checked, Redis unavailable" in caplog.text


def test_a_browser_alternating_between_web_replicas_meets_one_limit(
    store, conversation_url, rasa_stack
):
    env = {
        "RASA_URL": rasa_stack.url,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_hex(16),
        "CHAT_RATE_LIMIT_PER_MINUTE": "2",
    }
    replicas = [LiveServer(conversation_url, env) for _ in range(2)]
    try:
        browser = requests.Session()
        statuses = [
            browser.post(
                f"{replicas[n % 2].url}/chat", json={"message": "hi"}, timeout=60
            ).status_code
            for n in range(3)
        ]
    finally:
        for replica in replicas:
            replica.stop()
    assert statuses == [200, 200, 429]
