"""``POST /chat``: the website's chat widget talks to the assistant through here.

The browser never reaches Rasa: this relays one message at a time to Rasa's REST
channel, under a sender id kept in the browser's signed session cookie, with a size
limit and a per-browser rate limit. Every refusal is JSON with a plain ``error``.
"""

from __future__ import annotations

import logging
import secrets

import requests
from flask import Blueprint, current_app, jsonify, request, session

from bot.messaging.shared_rate_limit import rate_limiter

log = logging.getLogger(__name__)

bp = Blueprint("chat", __name__)

MAX_MESSAGE = 1000
RASA_TIMEOUT_SECONDS = 30
NOT_ANSWERING = (
    "The assistant is not answering right now. Please try again in a minute, "
    "or search for jobs on this site."
)


# A browser that drops its cookie starts a new conversation each time; the limit per
# network address (several people may share one) stops that from evading the limit.
PEOPLE_PER_ADDRESS = 5


@bp.record_once
def _create_limiters(state) -> None:
    settings = state.app.config["SETTINGS"]
    per_minute = settings.chat_rate_limit_per_minute
    state.app.extensions["chat_limiters"] = (
        rate_limiter(settings.redis_url, "chat-browser", per_minute),
        rate_limiter(settings.redis_url, "chat-address", per_minute * PEOPLE_PER_ADDRESS),
    )


def _within_limits(sender: str) -> bool:
    per_browser, per_address = current_app.extensions["chat_limiters"]
    return per_address.allow(request.remote_addr or "?") and per_browser.allow(sender)


def _sender() -> str:
    """This browser's conversation id, created on its first message."""
    if "chat_sender" not in session:
        session["chat_sender"] = f"web-{secrets.token_hex(12)}"
    return session["chat_sender"]


def _refuse(message: str, status: int):
    return jsonify(error=message), status


def ask_assistant(rasa_url: str, sender: str, text: str) -> list[str]:
    """The assistant's replies to ``text`` from ``sender`` (Rasa's REST channel)."""
    response = requests.post(
        f"{rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        timeout=RASA_TIMEOUT_SECONDS,
    )
    response.raise_for_status()
    return [answer["text"] for answer in response.json() if answer.get("text")]


@bp.post("/chat")
def chat():
    """Relay ``{"message": "..."}``; answers ``{"replies": ["...", ...]}``."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("message"), str):
        return _refuse('Send JSON like {"message": "jobs in Hartford"}.', 400)
    text = payload["message"].strip()
    if not text:
        return _refuse("Type a message first.", 400)
    if len(text) > MAX_MESSAGE:
        return _refuse(f"Messages are limited to {MAX_MESSAGE:,} characters.", 413)
    sender = _sender()
    if not _within_limits(sender):
        return _refuse("You are sending messages very fast. Please wait a minute.", 429)
    try:
        replies = ask_assistant(current_app.config["SETTINGS"].rasa_url, sender, text)
    except (requests.RequestException, ValueError) as exc:
        log.error("the assistant did not answer the chat: %s", type(exc).__name__)
        return _refuse(NOT_ANSWERING, 503)
    return jsonify(replies=replies)
