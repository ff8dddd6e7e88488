"""Rasa channel for the website's chat: only the web app may speak, only as a web id.

Registered in credentials.yml as ``channels.web_chat.WebChatInput``, in place of
Rasa's open REST channel (which let anyone post as any sender, a phone number
included). Routes under /webhooks/web_chat/:
- ``POST webhook``: ``{"sender": "web-...", "message": "...", "metadata": {"language":
  "es"}}`` (metadata optional) with the header ``Authorization: Bearer
  <WEB_CHAT_SECRET>``; answers the replies as a JSON list of ``{"recipient_id",
  "text"}``, as the REST channel did. The page's language reaches the actions as
  ``tracker.latest_message["metadata"]["language"]``; nothing else of the metadata is
  passed on.
- ``GET /``: health.

The rules (what a web id looks like, which channel proves whom) live in
``bot.identity``; the public proxy never routes this path (see docs/deployment.md).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import load_settings
from bot.i18n import LANGUAGES
from bot.identity import MAX_WEB_MESSAGE, WEB_CHANNEL, is_web_sender, plain_words

log = logging.getLogger("channels.web_chat")


def _refuse(message: str, status: int) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def message_metadata(payload: dict[str, Any]) -> dict[str, str]:
    """The metadata the assistant is given with a message: the page's language, when
    the web app sent a language the assistant speaks."""
    metadata = payload.get("metadata")
    language = metadata.get("language") if isinstance(metadata, dict) else None
    return {"language": language} if language in LANGUAGES else {}


def authorized(secret: str | None, header: str | None) -> bool:
    """True when ``header`` is ``Bearer <secret>`` and a secret is configured."""
    if not secret or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer ") :].encode(), secret.encode())


class WebChatInput(InputChannel):
    """The web app's way into the assistant (see the module docstring)."""

    @classmethod
    def name(cls) -> str:
        return WEB_CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(load_settings().web_chat_secret)

    def __init__(self, secret: str | None) -> None:
        self.secret = secret
        if not secret:
            log.warning("WEB_CHAT_SECRET is not set: the website's chat is refused")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        chat = Blueprint("web_chat_webhook", __name__)

        @chat.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @chat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not authorized(self.secret, request.headers.get("Authorization")):
                log.warning("refused a web chat message without the web app's secret")
                return _refuse("only the web app may use this channel", 401)
            try:
                payload = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                payload = None
            if not isinstance(payload, dict):
                return _refuse('send JSON like {"sender": "web-...", "message": "hi"}', 400)
            sender, text = payload.get("sender"), payload.get("message")
            if not is_web_sender(sender):
                return _refuse("sender must be a web chat id (web-<hex>)", 400)
            if not isinstance(text, str):
                return _refuse("message must be non-empty text", 400)
            if len(text) > MAX_WEB_MESSAGE:
                return _refuse(f"messages are limited to {MAX_WEB_MESSAGE} characters", 413)
            words = plain_words(text)
            if not words:
                return _refuse("message must be non-empty text", 400)
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(
                    words,
                    collector,
                    sender,
                    input_channel=self.name(),
                    metadata=message_metadata(payload),
                )
            )
            return response.json(collector.messages)

        return chat
