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
from bot.dialogue import language, support
from bot.dialogue.context import Context
from bot.dialogue.fallback import UNAVAILABLE
from bot.dialogue.people import remember_language, stored_language, unproven
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
    channel = tracker.get_latest_input_channel() or "unknown"
    text = latest.get("text") or ""
    spoken = language.conversation_language(
        text,
        tracker.slots.get(language.SLOT),
        (latest.get("metadata") or {}).get("language"),
        lambda: _stored_language(channel, tracker.sender_id),
        (latest.get("intent") or {}).get("name"),
    )
    return Context(
        channel=channel,
        address=tracker.sender_id,
        text=text,
        intent=(latest.get("intent") or {}).get("name"),
        confidence=float((latest.get("intent") or {}).get("confidence") or 0.0),
        entities=entities,
        slots=dict(tracker.slots),
        recent_texts=user_texts[-3:],
        language=spoken,
        first_reply=not any(e.get("event") == "bot" for e in tracker.events),
    )


def _stored_language(channel: str, address: str) -> str | None:
    """The person's stored language; None when unknown or the database is unreachable
    (the conversation then goes on in the default language)."""
    try:
        with session_scope() as session:
            return stored_language(session, channel, address)
    except SQLAlchemyError:
        log.exception("could not read a person's language")
        return None


def keep_language(context: Context) -> list[dict[str, Any]]:
    """The event that keeps the conversation's language, storing it on the person when
    it changed (reminders and job alerts go out in it)."""
    if context.language != context.slot(language.SLOT):
        try:
            with session_scope() as session:
                remember_language(session, context)
        except SQLAlchemyError:
            log.exception("could not store a person's language")
    return [SlotSet(language.SLOT, context.language)]


def send(
    dispatcher: CollectingDispatcher, reply: Reply, context: Context | None = None
) -> list[dict[str, Any]]:
    """Utter the reply's texts and turn its slot updates into events.

    A step that does not set ``pending`` answers no open yes/no question, so it is cleared;
    one that does not set ``misses`` understood the person, so the count starts again.
    With the ``context``, the conversation's language is kept and a new conversation's
    first reply ends with how to switch language.
    """
    messages = reply.messages
    # Follow-ups and an opt-out's one confirmation say only what they must.
    if context is not None and not reply.key and not reply.compliance:
        messages = language.with_switch_line(context, messages)
    for number, text in enumerate(messages, start=1):
        extra = {"idempotency_key": f"{reply.key}:{number}"} if reply.key else {}
        if reply.compliance:
            extra["sms_kind"] = COMPLIANCE
        dispatcher.utter_message(text=text, **extra)
    slots = {"pending": None, "misses": 0, **reply.slots}
    events = [SlotSet(name, value) for name, value in slots.items()]
    if context is not None:
        events += keep_language(context)
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
    if language.asks_to_switch(context):
        # "ESPAÑOL" is answered the same whatever the language model made of it.
        return send(dispatcher, language.switched(context), context)
    refusal = unproven(context) if personal else None
    if refusal is not None:
        log.warning("refused %s on the unproven channel %r", step.__qualname__, context.channel)
        return send(dispatcher, refusal, context)
    step = support.step_for(context, step)
    try:
        with session_scope() as session:
            reply = step(session, context)
    except SQLAlchemyError:
        log.exception("database error in a dialogue step")
        reply = Reply([context.translate(UNAVAILABLE)])
    return send(dispatcher, reply, context)


def define_ask_actions(
    namespace: dict[str, Any], slots: Iterable[str], text_for: Callable[[str, Context], str]
) -> None:
    """Define one ``action_ask_<slot>`` action per slot in ``namespace`` (a module's globals).

    Forms ask with these instead of ``utter_ask_*`` responses so the wording lives in one
    place in bot/ (and `rasa data validate` does not flag form questions as unused).
    """
    for slot in slots:

        def run(self, dispatcher, tracker, domain, slot=slot) -> list[dict[str, Any]]:
            context = context_from(tracker)
            for text in language.with_switch_line(context, [text_for(slot, context)]):
                dispatcher.utter_message(text=text)
            return keep_language(context)

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
