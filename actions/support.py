"""Conversation plumbing: yes/no answers, bare answers, fallback, people, claims."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StepAction, context_from, send
from bot.dialogue import answers, forms, language, menu, optout, privacy, small_talk, support
from bot.dialogue.fallback import not_understood


class ActionHandleFallback(StepAction):
    """An unclear message: see bot.dialogue.fallback.not_understood."""

    action_name = "action_handle_fallback"

    def step(self, session, context):
        return not_understood(context)


class ActionShowMenu(StepAction):
    """ "Help", "menu": what the assistant can do, as a numbered menu."""

    action_name = "action_show_menu"

    def step(self, session, context):
        return menu.show(context)


class ActionNeverMind(StepAction):
    """ "Never mind" with no questions open: drops any yes/no question still pending."""

    action_name = "action_never_mind"

    def step(self, session, context):
        return forms.never_mind(context)


class ActionAfterJobLoss(StepAction):
    """Someone who lost work: jobs, training and unemployment help, their words kept."""

    action_name = "action_after_job_loss"

    def step(self, session, context):
        return support.after_job_loss(session, context)


class ActionAnswerQuestion(StepAction):
    """A common question: resumes, how to apply, classes on a phone."""

    action_name = "action_answer_question"

    def step(self, session, context):
        return support.faq_answer(context)


class ActionAnswerYesNo(StepAction):
    """A yes or no outside a form answers the question asked last (bot.dialogue.answers)."""

    action_name = "action_answer_yes_no"
    personal = True

    def step(self, session, context):
        return answers.yes_or_no(session, context)


class ActionAskForgetMe(StepAction):
    """ "Delete my data": ask for a yes first (bot.dialogue.privacy)."""

    action_name = "action_ask_forget_me"
    personal = True

    def step(self, session, context):
        return privacy.ask_to_forget(context)


class ActionHandleInform(StepAction):
    """A bare answer: a town or ZIP, a kind of job, or a course topic."""

    action_name = "action_handle_inform"

    def step(self, session, context):
        return answers.bare(session, context)


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
        context = context_from(tracker)
        return send(dispatcher, support.unemployment_info(context), context)


class ActionOptOut(StepAction):
    """A refusal the assistant understood: opt out (or ask first when unsure)."""

    action_name = "action_opt_out"
    personal = True

    def step(self, session, context):
        return optout.opt_out(session, context)


class ActionSwitchLanguage(StepAction):
    """ "ESPAÑOL", "ENGLISH": answer in that language from now on, and say so."""

    action_name = "action_switch_language"

    def step(self, session, context):
        return language.switched(context)


def _fixed_answer(self, session, context):
    """A short fixed answer (greeting, thanks, goodbye...): bot.dialogue.small_talk."""
    return small_talk.answer(self.action_name, context)


# One action per fixed answer (ActionGreet, ActionGoodbye...), each with its own name.
for _name in small_talk.ANSWERS:
    _class = "Action" + "".join(part.title() for part in _name.split("_")[1:])
    globals()[_class] = type(_class, (StepAction,), {"action_name": _name, "step": _fixed_answer})
