"""Where outbound texts go: Twilio's REST API, or the local outbox without an account."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from bot.config import Settings
from bot.messaging.routes import STATUS_CALLBACK_PATH

# Twilio error codes with a meaning for us.
CODE_OPTED_OUT = "21610"
UNREACHABLE_CODES = frozenset({"30003", "30005", "30006"})


@dataclass(frozen=True)
class Sent:
    """The provider accepted a text."""

    sid: str
    status: str


class SendError(Exception):
    """The provider refused a text. ``retryable`` errors may succeed later."""

    def __init__(self, message: str, code: str | None, retryable: bool) -> None:
        super().__init__(message)
        self.code = code
        self.retryable = retryable


class Transport(Protocol):
    """Something that hands one text to a carrier."""

    def send(self, to: str, body: str) -> Sent:
        """Send ``body`` to ``to``; raise :class:`SendError` on failure."""
        ...


class OutboxTransport:
    """No Twilio account: texts stay in the outbox table, for the phone simulator."""

    def send(self, to: str, body: str) -> Sent:
        return Sent(sid=f"LO{uuid.uuid4().hex}", status="outbox")


class TwilioTransport:
    """Twilio's Messages API through the official client."""

    def __init__(self, settings: Settings, timeout: float = 10.0) -> None:
        self.client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token,
            http_client=TwilioHttpClient(timeout=timeout),
        )
        if settings.twilio_api_base_url:
            self.client.api.base_url = settings.twilio_api_base_url
        self.sender = (
            {"messaging_service_sid": settings.twilio_messaging_service_sid}
            if settings.twilio_messaging_service_sid
            else {"from_": settings.twilio_from_number}
        )
        self.status_callback = settings.public_base_url + STATUS_CALLBACK_PATH

    def send(self, to: str, body: str) -> Sent:
        try:
            message = self.client.messages.create(
                to=to, body=body, status_callback=self.status_callback, **self.sender
            )
        except TwilioRestException as exc:
            retryable = exc.status == 429 or exc.status >= 500
            code = str(exc.code) if exc.code else None
            raise SendError(f"Twilio {exc.status}: {exc.msg}", code, retryable) from exc
        except requests.RequestException as exc:
            raise SendError(f"network: {type(exc).__name__}", None, retryable=True) from exc
        return Sent(sid=message.sid, status=message.status or "queued")


def transport_for(settings: Settings) -> Transport:
    """Twilio when its credentials are set, else the local outbox."""
    return TwilioTransport(settings) if settings.twilio_enabled else OutboxTransport()
