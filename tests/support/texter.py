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
from bot.messaging.text import GSM_CHARACTERS
from bot.messaging.text import sms_safe as as_sent

DOMAIN = yaml.safe_load(Path("domain.yml").read_text(encoding="utf-8"))
SLOT_NAMES = list(DOMAIN["slots"])


class Texter:
    """One texter: keeps the slots the actions set, like Rasa's tracker would.
    ``channel`` is the channel the messages come in on (a signed text by default).
    The conversation is under way (the assistant has spoken) unless ``new``: only a new
    conversation's first reply says how to switch language."""

    def __init__(
        self,
        channel: str = SMS_CHANNEL,
        sender: str | None = None,
        new: bool = False,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        self.channel = channel
        self.sender = sender or f"+1860{uuid.uuid4().int % 10**7:07d}"
        self.slots: dict[str, Any] = {name: None for name in SLOT_NAMES}
        self.events: list[dict[str, Any]] = [] if new else [{"event": "bot", "text": "Hi!"}]
        # What the channel sends along with each message (the web page's language).
        self.metadata = metadata or {}

    def tracker(self, text: str, intent: str, entities: dict[str, str] | None = None) -> Tracker:
        entity_list = [
            {"entity": name, "value": value, "start": 0, "end": 0}
            for name, value in (entities or {}).items()
        ]
        message = {
            "text": text,
            "intent": {"name": intent},
            "entities": entity_list,
            "metadata": dict(self.metadata),
        }
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
        self.events += [{"event": "bot", "text": text} for text in texts]
        return texts, set_slots


def sms_safe(texts: list[str]) -> None:
    """Each text goes out as at most two GSM-7 segments (320 characters), with no
    character that would turn it into UCS-2."""
    for text in texts:
        sent = as_sent(text)
        assert len(sent) <= 320, sent
        assert all(char in GSM_CHARACTERS for char in sent), sent
