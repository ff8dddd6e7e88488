"""The job alert form: keyword, town and how often."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StepAction, define_ask_actions
from bot.dialogue import alerts


class ActionPrepareJobAlert(Action):
    """Fills the alert form from what was said now or searched before."""

    def name(self) -> str:
        return "action_prepare_job_alert"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        keyword = next(tracker.get_latest_entity_values("job_keyword"), None)
        place = next(tracker.get_latest_entity_values("location"), None)
        frequency = next(tracker.get_latest_entity_values("frequency"), None)
        return [
            SlotSet("alert_keyword", keyword or tracker.get_slot("job_keyword")),
            SlotSet("alert_location", place or tracker.get_slot("location")),
            SlotSet("alert_frequency", alerts.frequency_from(frequency)),
        ]


class ValidateJobAlertForm(FormValidationAction):
    """Checks the town and the frequency; any words are fine as a keyword."""

    def name(self) -> str:
        return "validate_job_alert_form"

    def validate_alert_keyword(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        if not text:
            return {"alert_keyword": None}
        if text.lower() in {"any", "anything", "all", "any job", "any jobs", "all jobs"}:
            return {"alert_keyword": alerts.ANY_JOB}
        return {"alert_keyword": text[:80]}

    def validate_alert_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        match = alerts.town_from(str(value or ""))
        if match is not None and match.status == "found":
            return {"alert_location": match.town.name}
        if match is not None and match.status == "ambiguous":
            dispatcher.utter_message(text="Which town: " + " or ".join(match.candidates) + "?")
        else:
            dispatcher.utter_message(text="I don't know that Connecticut town.")
        return {"alert_location": None}

    def validate_alert_frequency(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        frequency = alerts.frequency_from(str(value or ""))
        if frequency is None:
            dispatcher.utter_message(text="Please reply DAILY or WEEKLY.")
        return {"alert_frequency": frequency}


define_ask_actions(globals(), alerts.QUESTIONS, alerts.QUESTIONS.__getitem__)


class ActionSubmitJobAlert(StepAction):
    """Stores the alert and confirms it."""

    action_name = "action_submit_job_alert"
    personal = True

    def step(self, session, context):
        return alerts.subscribe(
            session,
            context,
            context.slot("alert_keyword"),
            context.slot("alert_location"),
            context.slot("alert_frequency"),
        )
