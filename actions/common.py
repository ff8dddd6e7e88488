"""Shared plumbing for actions: tracker to Context, running a dialogue step, replying."""

from __future__ import annotations

import logging
from abc import ABCMeta, abstractmethod
from collections.abc import Callable, Iterable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.db import session_scope
from bot.dialogue import support
from bot.dialogue.context import Context
from bot.dialogue.fallback import UNAVAILABLE
from bot.dialogue.people import unproven
from bot.dialogue.reply import Reply
from bot.messaging.gate import COMPLIANCE

log = logging.getLogger(__name__)

ENTITIES = ("location", "job_keyword", "course_topic", "frequency", "follow_up")


def context_from(tracker: Tracker) -> Context:
    """The Context a dialogue step needs, read from the tracker."""
    latest = tracker.latest_message or {}
    entities = {}
    for name in ENTITIES:
        value = next(tracker.get_latest_entity_values(name), None)
        if value:
            entities[name] = str(value)
    user_texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return Context(
        channel=tracker.get_latest_input_channel() or "unknown",
        address=tracker.sender_id,
        text=latest.get("text") or "",
        intent=(latest.get("intent") or {}).get("name"),
        confidence=float((latest.get("intent") or {}).get("confidence") or 0.0),
        entities=entities,
        slots=dict(tracker.slots),
        recent_texts=user_texts[-3:],
    )


def send(dispatcher: CollectingDispatcher, reply: Reply) -> list[dict[str, Any]]:
    """Utter the reply's texts and turn its slot updates into events.

    A step that does not set ``pending`` answers no open yes/no question, so it is cleared;
    one that does not set ``misses`` understood the person, so the count starts again.
    """
    for number, text in enumerate(reply.messages, start=1):
        extra = {"idempotency_key": f"{reply.key}:{number}"} if reply.key else {}
        if reply.compliance:
            extra["sms_kind"] = COMPLIANCE
        dispatcher.utter_message(text=text, **extra)
    slots = {"pending": None, "misses": 0, **reply.slots}
    events = [SlotSet(name, value) for name, value in slots.items()]
    if reply.then:
        events.append(FollowupAction(reply.then))
    return events


def run_step(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    step: Callable[[Session, Context], Reply],
    personal: bool = False,
) -> list[dict[str, Any]]:
    """Run one dialogue step in its own database session and reply with its result.
    A ``personal`` step runs only where the channel proved who is speaking."""
    context = context_from(tracker)
    refusal = unproven(context) if personal else None
    if refusal is not None:
        log.warning("refused %s on the unproven channel %r", step.__qualname__, context.channel)
        return send(dispatcher, refusal)
    step = support.step_for(context, step)
    try:
        with session_scope() as session:
            reply = step(session, context)
    except SQLAlchemyError:
        log.exception("database error in a dialogue step")
        reply = Reply([UNAVAILABLE])
    return send(dispatcher, reply)


def define_ask_actions(
    namespace: dict[str, Any], slots: Iterable[str], text_for: Callable[[str], str]
) -> None:
    """Define one ``action_ask_<slot>`` action per slot in ``namespace`` (a module's globals).

    Forms ask with these instead of ``utter_ask_*`` responses so the wording lives in one
    place in bot/ (and `rasa data validate` does not flag form questions as unused).
    """
    for slot in slots:

        def run(self, dispatcher, tracker, domain, slot=slot) -> list[dict[str, Any]]:
            dispatcher.utter_message(text=text_for(slot))
            return []

        class_name = f"ActionAsk_{slot}"
        namespace[class_name] = type(
            class_name,
            (Action,),
            {"name": lambda self, slot=slot: f"action_ask_{slot}", "run": run},
        )


class StepAction(Action, metaclass=ABCMeta):
    """An action that runs one dialogue step from bot/dialogue and replies with it.

    Subclasses set ``action_name`` and implement ``step``; those that read or change
    what the service holds about the person (enrollments, alerts, reminders, erasure,
    callbacks) set ``personal`` so that they run only for a proven sender.
    """

    action_name = ""
    personal = False

    def name(self) -> str:
        return self.action_name

    @abstractmethod
    def step(self, session: Session, context: Context) -> Reply:
        """The dialogue step for this message."""

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return run_step(dispatcher, tracker, self.step, personal=self.personal)
