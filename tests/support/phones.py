"""A simulated phone that texts the running assistant through the signed SMS webhook."""

from __future__ import annotations

import itertools
import time
import uuid

import requests
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import InboundMessage
from bot.messaging.routes import WEBHOOK_PATH
from bot.messaging.signing import sign
from tests.conftest import (
    SMS_PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM_NUMBER,
)

_numbers = itertools.count(100)


class Phone:
    """One simulated phone texting the state number."""

    def __init__(self, stack, twilio, url: str) -> None:
        self.stack = stack
        self.twilio = twilio
        self.db_url = url
        self.number = f"+1203555{next(_numbers):04d}"

    def post(self, path: str, params: dict[str, str], signature: str | None = "sign"):
        if signature == "sign":
            signature = sign(TWILIO_AUTH_TOKEN, SMS_PUBLIC_BASE_URL + path, params)
        headers = {"X-Twilio-Signature": signature} if signature else {}
        return requests.post(self.stack.url + path, data=params, headers=headers, timeout=30)

    def text(self, body: str, sid: str | None = None, media: int = 0, **kwargs):
        params = {
            "MessageSid": sid or f"SM{uuid.uuid4().hex}",
            "AccountSid": TWILIO_ACCOUNT_SID,
            "From": self.number,
            "To": TWILIO_FROM_NUMBER,
            "Body": body,
            "NumMedia": str(media),
        }
        if media:
            params["MediaUrl0"] = "https://api.twilio.example/media/1.jpg"
        response = self.post(WEBHOOK_PATH, params, **kwargs)
        response.sid = params["MessageSid"]
        return response

    def received(self) -> list[str]:
        return [message.body for message in self.twilio.to(self.number)]

    def say(self, body: str) -> list[str]:
        """Text ``body``; return every text sent back once the channel has handled it."""
        before = len(self.received())
        response = self.text(body)
        assert response.status_code == 200, response.text
        self.handled(response.sid)
        return self.received()[before:]

    def _column(self, sid: str, column, timeout: float = 90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with session_scope(self.db_url) as session:
                value = session.execute(
                    select(column).where(InboundMessage.provider_sid == sid)
                ).scalar_one_or_none()
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"text {sid} was never handled")

    def handled(self, sid: str) -> None:
        """Wait until every reply to the text ``sid`` has gone out."""
        self._column(sid, InboundMessage.handled_at)

    def outcome(self, sid: str) -> str:
        """Wait until the channel has handled the text ``sid``; return the outcome."""
        self.handled(sid)
        return self._column(sid, InboundMessage.outcome)
