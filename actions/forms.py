"""Forms that can always be left, and handing the message that left them on.

A form's validation action decides (bot.dialogue.forms) whether the latest message
answers the question. When it leaves, it sets ``form_left`` and ends the form; the
form's submit action then calls :func:`hand_on`, which says so in one line and runs
what the rules file (data/rules.yml) runs for that message's intent, so a new request
made in the middle of a form is answered exactly as it would be outside one.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import context_from, keep_language
from bot.dialogue import forms, language

RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "rules.yml"


class LeavableFormValidation(FormValidationAction, metaclass=ABCMeta):
    """A form's validation that reads every message sent while it asks (``answer``),
    so that the message can leave the form instead of answering."""

    form = ""

    def name(self) -> str:
        return f"validate_{self.form}"

    @abstractmethod
    def questions(self) -> Collection[str]:
        """The slots this form asks for."""

    @abstractmethod
    async def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, asked: str
    ) -> list[dict[str, Any]]:
        """The events for a message sent while ``asked`` was the question."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        asked = tracker.get_slot("requested_slot")
        if asked not in self.questions() or tracker.active_loop.get("name") != self.form:
            return await self.validate_as_usual(dispatcher, tracker, domain)
        context = context_from(tracker)
        if language.asks_to_switch(context):
            # "ESPAÑOL" mid-form: confirm, then the form asks its question again, in it.
            dispatcher.utter_message(text=language.switched(context).messages[0])
            return [SlotSet(asked, None), SlotSet("requested_slot", asked)] + keep_language(context)
        return await self.answer(dispatcher, tracker, domain, asked)

    async def validate_as_usual(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """rasa-sdk's own extraction and ``validate_<slot>`` methods."""
        return await super().run(dispatcher, tracker, domain)


def leave(form: str) -> list[dict[str, Any]]:
    """Validation events that end ``form`` early and mark it as left."""
    return [
        SlotSet(forms.LEFT_SLOT, form),
        SlotSet(forms.MISSES_SLOT, 0),
        SlotSet("requested_slot", None),
    ]


def unclear(tracker: Tracker, form: str, slot: str) -> list[dict[str, Any]]:
    """Validation events for an unclear answer: ask again once, leave the second time."""
    if forms.after_unclear(tracker.get_slot(forms.MISSES_SLOT)) == forms.LEAVE:
        return leave(form)
    misses = float(tracker.get_slot(forms.MISSES_SLOT) or 0) + 1
    return [
        SlotSet(slot, None),
        SlotSet(forms.MISSES_SLOT, misses),
        SlotSet("requested_slot", slot),
    ]


@cache
def actions_for_intents() -> dict[str, tuple[str, ...]]:
    """Intent -> the actions its unconditional rule runs, up to and including the first
    form (a rule's later steps depend on that form)."""
    rules = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))["rules"]
    found: dict[str, tuple[str, ...]] = {}
    for rule in rules:
        steps = rule.get("steps") or []
        if rule.get("condition") or not steps or "intent" not in steps[0]:
            continue
        names: list[str] = []
        for step in steps[1:]:
            if "action" not in step:
                break
            names.append(step["action"])
            if step["action"].endswith("_form"):
                break
        found.setdefault(steps[0]["intent"], tuple(names))
    return found


@cache
def _all_actions() -> dict[str, type[Action]]:
    pending = list(Action.__subclasses__())
    classes: dict[str, type[Action]] = {}
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        try:
            classes[cls().name()] = cls
        except (TypeError, NotImplementedError):
            continue  # abstract bases
    return classes


def hand_on(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[dict[str, Any]]:
    """Say the form was left and answer the message that left it."""
    form = tracker.get_slot(forms.LEFT_SLOT) or ""
    context = context_from(tracker)
    steps = actions_for_intents().get(context.intent or "", ())
    if not forms.answered_anew(context) or not steps:
        dispatcher.utter_message(text=forms.left_line(context, form))
        dispatcher.utter_message(text=forms.nothing_else_line(context))
        return [SlotSet(forms.LEFT_SLOT, None)]
    dispatcher.utter_message(text=forms.left_line(context, form, restarting=form in steps))
    events: list[dict[str, Any]] = [SlotSet(forms.LEFT_SLOT, None)]
    classes = _all_actions()
    for name in steps:
        if name.endswith("_form"):
            events.append(FollowupAction(name))
        else:
            events += classes[name]().run(dispatcher, tracker, domain)
    return events
