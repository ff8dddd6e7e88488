"""No input gives a server error: random signed webhooks (hypothesis), random /chat
bodies, and the JSON API explored from its own OpenAPI document (schemathesis).
The number of examples is bounded so the suite's time stays predictable."""

from __future__ import annotations

import json

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import InboundMessage
from bot.messaging.routes import STATUS_CALLBACK_PATH, WEBHOOK_PATH
from bot.messaging.signing import sign
from tests.conftest import SMS_PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN
from tests.support.servers import LiveServer

EXAMPLES = 40
FIXTURES_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

NAMES = [
    "MessageSid", "SmsSid", "AccountSid", "From", "To", "Body", "NumMedia", "NumSegments",
    "MediaUrl0", "MediaContentType0", "SmsStatus", "MessageStatus", "ErrorCode", "ApiVersion",
]  # fmt: skip
ODD = [
    "", "abc", "-1", "1e9", "\uff11", "99999999999999999999", "+18605550123", "8605550123",
    "SM" + "a" * 32, "SM" + "a" * 31, "delivered", "failed", "21610", "null", "\x00", "%00",
    "\U0001f6d1", "x" * 300, "whatsapp:+18605550123",
]  # fmt: skip
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
PARAMS = st.dictionaries(st.sampled_from(NAMES), st.one_of(st.sampled_from(ODD), TEXT), max_size=8)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=FIXTURES_OK)
@given(params=PARAMS, path=st.sampled_from([WEBHOOK_PATH, STATUS_CALLBACK_PATH]))
def test_no_signed_webhook_is_a_server_error_or_half_stored(
    rasa_stack, conversation_url, params, path
):
    signature = sign(TWILIO_AUTH_TOKEN, SMS_PUBLIC_BASE_URL + path, params)
    answer = requests.post(
        rasa_stack.url + path, data=params, headers={"X-Twilio-Signature": signature}, timeout=30
    )
    assert answer.status_code < 500, (params, answer.text)
    sid = params.get("MessageSid") or params.get("SmsSid")
    if path == WEBHOOK_PATH and sid:
        with session_scope(conversation_url) as session:
            stored = session.scalar(
                select(InboundMessage.id).where(InboundMessage.provider_sid == sid)
            )
        # Refused: nothing kept. Taken: kept whole, to be handled.
        assert (stored is not None) == (answer.status_code == 200), (params, answer.status_code)


@pytest.fixture(scope="module")
def web(conversation_url, rasa_stack):
    server = LiveServer(
        conversation_url, env={"RASA_URL": rasa_stack.url, "CHAT_RATE_LIMIT_PER_MINUTE": "1000"}
    )
    yield server
    server.stop()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["message", "text", "sender"]) | TEXT, children, max_size=4
        )
    ),
    max_leaves=12,
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=FIXTURES_OK)
@given(body=st.one_of(JSON, st.fixed_dictionaries({"message": TEXT}), st.binary(max_size=80)))
def test_no_chat_body_is_a_server_error(web, body):
    data = body if isinstance(body, bytes) else json.dumps(body)
    answer = requests.post(
        f"{web.url}/chat", data=data, headers={"Content-Type": "application/json"}, timeout=60
    )
    assert answer.status_code < 500, (body, answer.text)
    assert "error" in answer.json() or "replies" in answer.json()


@pytest.fixture(scope="module")
def api_web(demo_url):
    server = LiveServer(demo_url)
    yield server
    server.stop()


@pytest.fixture
def api_schema(api_web):
    return schemathesis.openapi.from_url(f"{api_web.url}/api/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=FIXTURES_OK)
def test_the_json_api_keeps_its_document_for_any_request(case):
    # Every check but one: an empty parameter ("page=") counts as not given, as the
    # document says, which schemathesis's negative-data check would call a violation.
    case.call_and_validate(excluded_checks=[schemathesis.checks.negative_data_rejection])
