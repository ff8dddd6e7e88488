"""The job alert form: keyword, town and how often."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StepAction, context_from, define_ask_actions
from actions.forms import LeavableFormValidation, hand_on, leave, unclear
from bot.dialogue import alerts, forms
from bot.dialogue.people import can_text

FORM = "job_alert_form"


class ActionPrepareJobAlert(Action):
    """Fills the alert form from what was said now or searched before."""

    def name(self) -> str:
        return "action_prepare_job_alert"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        slots = alerts.prefilled(context_from(tracker))
        return [SlotSet(slot, value) for slot, value in slots.items()]


class ValidateJobAlertForm(LeavableFormValidation):
    """Checks the town and the frequency; any words are fine as a keyword. A no, a way
    out or a new request leaves the questions (bot.dialogue.forms)."""

    form = FORM

    def questions(self) -> list[str]:
        return list(alerts.QUESTIONS)

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        # Alerts come by text: a chat without a phone number is told so at once.
        return domain_slots if can_text(context_from(tracker)) else []

    async def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, asked: str
    ) -> list[dict[str, Any]]:
        reading = forms.leaves_alert_form(
            context_from(tracker), asked, alerts.ANSWER_ENTITIES[asked]
        )
        if reading.yields:
            return []
        if reading.kind == forms.LEAVE:
            return leave(FORM) + [SlotSet(slot, None) for slot in alerts.QUESTIONS]
        events = await self.validate_as_usual(dispatcher, tracker, domain)
        if tracker.slots.get(asked) is not None:
            return events + [SlotSet(forms.MISSES_SLOT, 0)]
        return events + unclear(tracker, FORM, asked)

    def validate_alert_keyword(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return _filled(dispatcher, "alert_keyword", alerts.keyword_answer(str(value or "")))

    def validate_alert_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        _ = context_from(tracker).translate
        return _filled(dispatcher, "alert_location", alerts.town_answer(str(value or ""), _))

    def validate_alert_frequency(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        _ = context_from(tracker).translate
        return _filled(dispatcher, "alert_frequency", alerts.frequency_answer(str(value or ""), _))


def _filled(
    dispatcher: CollectingDispatcher, slot: str, answer: alerts.SlotAnswer
) -> dict[str, Any]:
    if answer.say:
        dispatcher.utter_message(text=answer.say)
    return {slot: answer.value}


define_ask_actions(globals(), alerts.QUESTIONS, alerts.question)


class ActionSubmitJobAlert(StepAction):
    """Stores the alert and confirms it."""

    action_name = "action_submit_job_alert"
    personal = True

    def run(self, dispatcher, tracker, domain):
        if tracker.get_slot(forms.LEFT_SLOT):
            return hand_on(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def step(self, session, context):
        return alerts.subscribe(
            session,
            context,
            context.slot("alert_keyword"),
            context.slot("alert_location"),
            context.slot("alert_frequency"),
        )


class ActionListAlerts(StepAction):
    """ "My alerts": the person's job alerts."""

    action_name = "action_list_alerts"
    personal = True

    def step(self, session, context):
        return alerts.list_mine(session, context)


class ActionCancelAlerts(StepAction):
    """ "Cancel alerts", "stop the forklift alert"."""

    action_name = "action_cancel_alerts"
    personal = True

    def step(self, session, context):
        return alerts.cancel_mine(session, context)
