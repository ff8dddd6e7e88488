"""The eligibility form: only the questions that matter, answers remembered."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StepAction, context_from, define_ask_actions
from actions.forms import LeavableFormValidation, hand_on, leave, unclear
from bot.db import session_scope
from bot.dialogue import courses, eligibility, forms
from bot.dialogue.eligibility import known_answers, next_slot, question_slots, question_text
from bot.dialogue.people import person_for

FORM = "eligibility_form"


class ValidateEligibilityForm(LeavableFormValidation):
    """Asks the next question that can still change the outcome. Only a clear yes or no
    answers; "why", a way out or an unclear reply do not (bot.dialogue.forms). The asked
    slot is read here, not by Rasa's mappings."""

    form = FORM

    def questions(self) -> list[str]:
        return question_slots()

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        context = context_from(tracker)
        with session_scope() as session:
            answers = known_answers(session, person_for(session, context), tracker.slots)
        return next_slot(answers)

    async def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, slot: str
    ) -> list[dict[str, Any]]:
        context = context_from(tracker)
        reading = forms.read_yes_no_answer(context)
        if reading.yields:
            return []
        if reading.kind == forms.ANSWER:
            tracker.slots[slot] = reading.yes
            following = await self.next_requested_slot(dispatcher, tracker, domain)
            return [SlotSet(slot, reading.yes), SlotSet(forms.MISSES_SLOT, 0), following]
        if reading.kind == forms.WHY:
            dispatcher.utter_message(text=eligibility.why_we_ask(slot, context))
            return [SlotSet(forms.MISSES_SLOT, 0), SlotSet("requested_slot", slot)]
        if reading.kind == forms.LEAVE:
            return leave(FORM)
        dispatcher.utter_message(text=context.translate(forms.NOT_YES_NO))
        return unclear(tracker, FORM, slot)


define_ask_actions(globals(), question_slots(), question_text)


class ActionSubmitEligibility(StepAction):
    """Records the answers and tells the outcome; resumes an enrollment that waited."""

    action_name = "action_submit_eligibility"
    personal = True

    def run(self, dispatcher, tracker, domain):
        if tracker.get_slot(forms.LEFT_SLOT):
            return hand_on(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def step(self, session, context):
        return courses.after_eligibility(session, context)


class ActionStartEligibility(StepAction):
    """ "Am I eligible", "check again", "I answered wrong": a new check from the first
    question; earlier answers never block it."""

    action_name = "action_start_eligibility"

    def step(self, session, context):
        return eligibility.start_check(context)
