"""A texter for running custom actions on trackers built by hand: keeps the slots the
actions set, as Rasa's tracker would."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.identity import SMS_CHANNEL

DOMAIN = yaml.safe_load(Path("domain.yml").read_text(encoding="utf-8"))
SLOT_NAMES = list(DOMAIN["slots"])


class Texter:
    """One texter: keeps the slots the actions set, like Rasa's tracker would.
    ``channel`` is the channel the messages come in on (a signed text by default)."""

    def __init__(self, channel: str = SMS_CHANNEL, sender: str | None = None) -> None:
        self.channel = channel
        self.sender = sender or f"+1860{uuid.uuid4().int % 10**7:07d}"
        self.slots: dict[str, Any] = {name: None for name in SLOT_NAMES}
        self.events: list[dict[str, Any]] = []

    def tracker(self, text: str, intent: str, entities: dict[str, str] | None = None) -> Tracker:
        entity_list = [
            {"entity": name, "value": value, "start": 0, "end": 0}
            for name, value in (entities or {}).items()
        ]
        message = {"text": text, "intent": {"name": intent}, "entities": entity_list}
        self.events.append(
            {"event": "user", "text": text, "parse_data": message, "input_channel": self.channel}
        )
        return Tracker(
            self.sender,
            dict(self.slots),
            message,
            list(self.events),
            False,
            None,
            {},
            "action_listen",
        )

    def run(self, action, text: str, intent: str, **entities: str) -> tuple[list[str], dict]:
        """Run ``action`` on this message; apply its slot events; return texts and slots set."""
        dispatcher = CollectingDispatcher()
        result = action.run(dispatcher, self.tracker(text, intent, entities), DOMAIN)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
        set_slots = {e["name"]: e["value"] for e in result if e["event"] == "slot"}
        self.slots.update(set_slots)
        texts = [m["text"] for m in dispatcher.messages]
        return texts, set_slots


def sms_safe(texts: list[str]) -> None:
    for text in texts:
        assert len(text) <= 320, text
        assert text.isascii(), text
