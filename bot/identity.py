"""Whose conversation this is, and which channels prove it.

A conversation's id is the person's address on its channel: a phone number for
texts, a random ``web-`` id for the website's chat. Only two channels can reach a
conversation, and each proves its address in its own way: Twilio signs the number a
text came from, and the web app keeps the chat id in its signed session and
authenticates itself to Rasa with a shared secret. A web id can never look like a
phone number, so no browser can speak in a phone's conversation.
"""

from __future__ import annotations

import re
import secrets

SMS_CHANNEL = "twilio_sms"
WEB_CHANNEL = "web_chat"

WEB_SENDER_PREFIX = "web-"
# The longest chat message the assistant takes (the web app and the channel both check).
MAX_WEB_MESSAGE = 1000
_WEB_SENDER = re.compile(r"^web-[0-9a-f]{8,64}$")
_PHONE_SENDER = re.compile(r"^\+[1-9]\d{7,14}$")


def plain_words(text: str) -> str:
    """What a person typed, to hand to the assistant as words only. Rasa reads a message
    that starts with ``/`` as an intent name with entities (``/forget_me``,
    ``/find_jobs{"location": "x"}``, ``/EXTERNAL_course_reminder``), which would let
    anyone pick the assistant's understanding; leading slashes are dropped."""
    return text.strip().lstrip("/").strip()


def new_web_sender() -> str:
    """A fresh, unguessable id for one browser's conversation."""
    return f"{WEB_SENDER_PREFIX}{secrets.token_hex(12)}"


def is_web_sender(sender: str | None) -> bool:
    """True for an id made by :func:`new_web_sender` (never a phone number)."""
    return bool(sender and _WEB_SENDER.match(sender))


def proves_identity(channel: str | None, sender: str | None) -> bool:
    """True when ``channel`` is one that proved ``sender`` is the person speaking:
    a signed text from that phone number, or the website's chat for that web id."""
    if channel == SMS_CHANNEL:
        return bool(sender and _PHONE_SENDER.match(sender))
    if channel == WEB_CHANNEL:
        return is_web_sender(sender)
    return False
