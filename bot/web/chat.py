"""``POST /chat``: the website's chat widget talks to the assistant through here.

The browser never reaches Rasa: this relays one message at a time to Rasa's web chat
channel (``channels/web_chat.py``, authenticated by ``WEB_CHAT_SECRET``), under a
``web-`` id kept in the browser's signed session cookie (never a phone number), with
a size limit and a per-browser rate limit. Every refusal is JSON with a plain ``error``.

Each message says the language of the page it was typed on (``{"message": ...,
"language": "es"}``); the relay hands it to Rasa as the message's metadata, and the
refusals are in that language too.
"""

from __future__ import annotations

import logging

import requests
from flask import Blueprint, current_app, jsonify, request, session

from bot.i18n import LANGUAGES, N_, translator
from bot.identity import MAX_WEB_MESSAGE, is_web_sender, new_web_sender, plain_words
from bot.messaging.shared_rate_limit import rate_limiter
from bot.web.language import page_language

log = logging.getLogger(__name__)

bp = Blueprint("chat", __name__)

MAX_MESSAGE = MAX_WEB_MESSAGE
WEB_CHAT_PATH = "/webhooks/web_chat/webhook"
# The longest message, every character escaped as \uXXXX twice over, with room to spare.
MAX_BODY_BYTES = 16 * 1024
RASA_TIMEOUT_SECONDS = 30
NOT_ANSWERING = N_(
    "The assistant is not answering right now. Please try again in a minute, "
    "or search for jobs on this site."
)
TOO_LONG = N_("Messages are limited to %(limit)s characters.")


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
    if not is_web_sender(session.get("chat_sender")):
        session["chat_sender"] = new_web_sender()
    return session["chat_sender"]


def _refuse(message: str, status: int):
    return jsonify(error=message), status


def ask_assistant(
    rasa_url: str, secret: str, sender: str, text: str, language: str | None = None
) -> list[str]:
    """The assistant's replies to ``text`` from the web conversation ``sender``, typed
    on a page in ``language`` (when given)."""
    body: dict[str, object] = {"sender": sender, "message": text}
    if language is not None:
        body["metadata"] = {"language": language}
    response = requests.post(
        f"{rasa_url}{WEB_CHAT_PATH}",
        json=body,
        headers={"Authorization": f"Bearer {secret}"},
        timeout=RASA_TIMEOUT_SECONDS,
    )
    response.raise_for_status()
    return [answer["text"] for answer in response.json() if answer.get("text")]


@bp.post("/chat")
def chat():
    """Relay ``{"message": "...", "language": "es"}`` (language optional: the page's
    language by cookie or browser otherwise); answers ``{"replies": ["...", ...]}``."""
    _ = translator(page_language())
    too_long = _(TOO_LONG, limit=f"{MAX_MESSAGE:,}")
    if (request.content_length or 0) > MAX_BODY_BYTES:
        return _refuse(too_long, 413)
    try:
        payload = request.get_json(silent=True)
    except RecursionError:  # JSON nested thousands deep
        payload = None
    if not isinstance(payload, dict) or not isinstance(payload.get("message"), str):
        return _refuse(_('Send JSON like {"message": "jobs in Hartford"}.'), 400)
    language = payload.get("language")
    if language not in LANGUAGES:
        language = page_language()
    _ = translator(language)
    text = payload["message"].strip()
    # "/" alone is no words either: the channel drops leading slashes (plain_words).
    if not plain_words(text):
        return _refuse(_("Type a message first."), 400)
    if len(text) > MAX_MESSAGE:
        return _refuse(_(TOO_LONG, limit=f"{MAX_MESSAGE:,}"), 413)
    sender = _sender()
    if not _within_limits(sender):
        return _refuse(_("You are sending messages very fast. Please wait a minute."), 429)
    settings = current_app.config["SETTINGS"]
    if not settings.web_chat_secret:
        log.error("WEB_CHAT_SECRET is not set: the chat cannot reach the assistant")
        return _refuse(_(NOT_ANSWERING), 503)
    try:
        replies = ask_assistant(settings.rasa_url, settings.web_chat_secret, sender, text, language)
    except (requests.RequestException, ValueError) as exc:
        log.error("the assistant did not answer the chat: %s", type(exc).__name__)
        return _refuse(_(NOT_ANSWERING), 503)
    return jsonify(replies=replies)
