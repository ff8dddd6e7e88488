"""Conversation plumbing: yes/no answers, bare answers, fallback, people, claims."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StepAction, send
from bot.dialogue import courses, jobs, optout, privacy, support
from bot.dialogue.fallback import not_understood
from bot.dialogue.reply import Reply


class ActionHandleFallback(Action):
    """An unclear message: see bot.dialogue.fallback.not_understood."""

    def name(self) -> str:
        return "action_handle_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return send(dispatcher, not_understood(tracker.get_slot("misses")))


class ActionAnswerYesNo(StepAction):
    """A yes or no outside a form answers the question asked last."""

    action_name = "action_answer_yes_no"
    personal = True

    def step(self, session, context):
        yes = context.intent == "affirm"
        pending = context.slot("pending")
        if pending == "forget_me":
            return privacy.answer_forget(session, context, yes)
        if pending == "reminder_consent":
            return courses.set_reminder_consent(session, context, yes)
        if yes and pending != "job_alerts_offer":
            return Reply(["Great! What would you like to do? For example: jobs in Hartford"])
        return Reply(["OK. Reply HELP any time to see what I can do."])


class ActionAskForgetMe(StepAction):
    """ "Delete my data": ask for a yes first (bot.dialogue.privacy)."""

    action_name = "action_ask_forget_me"
    personal = True

    def step(self, session, context):
        return privacy.ask_to_forget()


class ActionHandleInform(StepAction):
    """A bare answer: a town or ZIP, a kind of job, or a course topic."""

    action_name = "action_handle_inform"

    def step(self, session, context):
        entities = context.entities
        if "course_topic" in entities and "location" not in entities:
            return courses.find(session, context, entities["course_topic"])
        if context.slot("pending") == "location" and "location" not in entities:
            return jobs.search(session, context, context.slot("job_keyword"), context.text)
        if "location" in entities or "job_keyword" in entities:
            keyword = entities.get("job_keyword") or context.slot("job_keyword")
            place = entities.get("location") or context.slot("location")
            return jobs.search(session, context, keyword, place)
        return not_understood(context.slot("misses"))


class ActionHandoff(StepAction):
    """Records a callback request with the reason and gives the regional job center."""

    action_name = "action_handoff"
    personal = True

    def step(self, session, context):
        return support.handoff(session, context, context.recent_texts)


class ActionUnemploymentInfo(Action):
    """Points to the Department of Labor for claims, from the contacts file."""

    def name(self) -> str:
        return "action_unemployment_info"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return send(dispatcher, support.unemployment_info())


class ActionOptOut(StepAction):
    """A refusal the assistant understood: opt out (or ask first when unsure)."""

    action_name = "action_opt_out"
    personal = True

    def step(self, session, context):
        return optout.opt_out(session, context)
