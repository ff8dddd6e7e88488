"""The eligibility form: only the questions that matter, answers remembered."""

from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StepAction, context_from, define_ask_actions
from bot.db import session_scope
from bot.dialogue import courses
from bot.dialogue.eligibility import (
    answers_from,
    next_slot,
    question_slots,
    question_text,
    stored_answers,
)
from bot.dialogue.people import person_for
from bot.eligibility import parse_yes_no


class ValidateEligibilityForm(FormValidationAction):
    """Asks the next question that can still change the outcome; parses yes/no."""

    def name(self) -> str:
        return "validate_eligibility_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        context = context_from(tracker)
        with session_scope() as session:
            stored = stored_answers(session, person_for(session, context))
        return next_slot(answers_from(tracker.slots, stored))

    async def extract_slots_from_text(self, tracker: Tracker) -> dict[str, Any]:
        return {}

    def __getattr__(self, name: str):
        # One validator serves every question slot the rules file defines.
        slot = name.removeprefix("validate_")
        if name.startswith("validate_") and slot in question_slots():
            return lambda value, dispatcher, tracker, domain: _answer(slot, value, dispatcher)
        raise AttributeError(name)


def _answer(slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    answer = value if isinstance(value, bool) else parse_yes_no(str(value or ""))
    if answer is None:
        dispatcher.utter_message(text="Please reply YES or NO.")
    return {slot: answer}


define_ask_actions(globals(), question_slots(), question_text)


class ActionSubmitEligibility(StepAction):
    """Records the answers and tells the outcome; resumes an enrollment that waited."""

    action_name = "action_submit_eligibility"
    personal = True

    def step(self, session, context):
        return courses.after_eligibility(session, context)
