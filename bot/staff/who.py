"""How staff pages name a person: never in full.

A texter is their masked number (``+*******1234``). Someone in the website's chat has
no number, only a random ``web-`` id (bot.identity), which masking would turn into
digits that look like a phone number; they are "Web chat" and the first characters of
that id, enough to tell two chatters apart.
"""

from __future__ import annotations

from bot.identity import WEB_SENDER_PREFIX, is_web_sender
from bot.messaging.phone import mask

WEB_CHAT = "Web chat"
SHORT_ID = 6


def person_label(address: str | None) -> str:
    """``+*******1234`` for a phone number, ``Web chat 0a1b2c`` for a web chat id."""
    if address and is_web_sender(address):
        return f"{WEB_CHAT} {address.removeprefix(WEB_SENDER_PREFIX)[:SHORT_ID]}"
    return mask(address)
