"""The phone simulator: try the SMS assistant without a Twilio account.

It sends the Rasa SMS channel the same signed webhook Twilio would, and reads the
replies back from the local outbox. It is only offered when no Twilio account is
configured, so it can never text (or impersonate) a real phone.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.db.models import InboundMessage, OutboundMessage
from bot.messaging.gate import BLOCKED, DEFERRED, FAILED, RETRY
from bot.messaging.routes import WEBHOOK_PATH
from bot.messaging.signing import public_url, sign, signing_key

log = logging.getLogger("bot.messaging")

SIMULATOR_NUMBER = "+18605550100"
# What staff read when the assistant does not take the text (the cause goes to the log).
NOT_ANSWERING = (
    "The assistant is not answering right now. Your message was not sent; try again in a minute."
)
# Outbox statuses that mean the text did not reach the phone.
_NOT_SENT = {
    BLOCKED: "not sent: this number opted out",
    FAILED: "not sent: delivery failed",
    DEFERRED: "waiting for 9am (quiet hours)",
    RETRY: "waiting to retry",
}


class SimulatorError(Exception):
    """The simulated text could not be delivered to the assistant."""


@dataclass(frozen=True)
class Bubble:
    """One text in the simulated phone's thread."""

    mine: bool
    text: str
    at: datetime
    note: str | None = None
    # Tells the texts apart across refreshes of the thread: "in-<id>" or "out-<id>".
    key: str = ""


def send_as_phone(settings: Settings, phone: str, body: str) -> None:
    """Deliver ``body`` from ``phone`` to the SMS channel as a signed Twilio webhook."""
    params = {
        "MessageSid": f"SM{uuid.uuid4().hex}",
        "AccountSid": "AC" + "0" * 32,
        "From": phone,
        "To": settings.twilio_from_number or SIMULATOR_NUMBER,
        "Body": body,
        "NumMedia": "0",
    }
    signature = sign(signing_key(settings), public_url(settings, WEBHOOK_PATH), params)
    try:
        response = requests.post(
            settings.rasa_url + WEBHOOK_PATH,
            data=params,
            headers={"X-Twilio-Signature": signature},
            timeout=10,
        )
    except requests.RequestException as exc:
        log.warning("simulator: no answer from %s (%s)", settings.rasa_url, type(exc).__name__)
        raise SimulatorError(NOT_ANSWERING) from exc
    if response.status_code != 200:
        log.warning("simulator: %s refused the text (%s)", settings.rasa_url, response.status_code)
        raise SimulatorError(NOT_ANSWERING)


def thread(session: Session, phone: str, limit: int = 60) -> list[Bubble]:
    """The latest texts to and from ``phone``, oldest first."""
    sent = session.execute(
        select(InboundMessage.id, InboundMessage.body, InboundMessage.received_at)
        .where(InboundMessage.from_address == phone)
        .order_by(InboundMessage.id.desc())
        .limit(limit)
    ).all()
    received = session.execute(
        select(
            OutboundMessage.id,
            OutboundMessage.body,
            OutboundMessage.created_at,
            OutboundMessage.status,
        )
        .where(OutboundMessage.to_address == phone)
        .order_by(OutboundMessage.id.desc())
        .limit(limit)
    ).all()
    bubbles = [Bubble(True, body or "", at, key=f"in-{id_}") for id_, body, at in sent] + [
        Bubble(False, body, at, _NOT_SENT.get(status), f"out-{id_}")
        for id_, body, at, status in received
    ]
    # Stable sort: the outbox keeps its order for texts written in the same instant.
    return sorted(bubbles, key=lambda bubble: bubble.at)[-limit:]
