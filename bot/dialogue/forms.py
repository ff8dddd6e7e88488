"""Leaving the assistant's questions: no question ever traps a person.

While a form asks (eligibility, job alert), each message is one of:
- an answer to the question;
- "why do you ask" (the form explains, then asks again);
- a way out: "cancel", "never mind", "menu", "start over", or a new request the
  language model recognised ("jobs in Hartford", "talk to a person");
- something unclear: the question is asked once more, and a second unclear message
  in a row leaves the form.

A form that is left says so in one line; the new request is then handled as if no
form had been open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.i18n import N_
from bot.i18n.yes_no import parse_yes_no
from bot.text import fold

ANSWER, WHY, LEAVE, UNCLEAR = "answer", "why", "leave", "unclear"
# A refusal of texts: the form does not take the message, so the rules that end the form
# and opt out run (data/rules.yml).
YIELD = "yield"
# Intents that name a request of their own: the form gives way to them.
NEW_REQUESTS = frozenset(
    {
        "cancel_request",
        "help",
        "goodbye",
        "bot_challenge",
        "find_jobs",
        "refine_search",
        "more_results",
        "find_courses",
        "enroll_course",
        "course_completed",
        "stop_reminders",
        "subscribe_job_alerts",
        "list_alerts",
        "cancel_alerts",
        "check_eligibility",
        "about_program",
        "unemployment_claim",
        "human_handoff",
        "forget_me",
        "lost_job",
        "ask_resume",
        "ask_how_to_apply",
        "ask_phone_use",
        "ask_pay",
        "ask_training",
    }
)
# Below this confidence an intent is not trusted to end a form.
SURE = 0.6
# A clear yes/no from the language model when the words alone are not one.
SURE_YES_NO = 0.85
_WAY_OUT = re.compile(
    r"^(cancel|never ?mind|nvm|nm|forget (it|that)|start (over|again)|restart|reset|"
    r"menu|main menu|quit|exit|skip|stop asking|not now|no thanks?|back|"
    r"cancelar|cancela|olvidalo|olvidelo|no importa|dejalo|menu principal|salir|empezar de nuevo|"
    r"ahora no|no gracias)\b"
)
_WHY = re.compile(r"^(why|por que|porque)\b|\bwhy (do|does|are|is|would) (you|u|that|it)\b")
NOT_YES_NO = N_("Please reply YES or NO, or NEVER MIND to stop the questions.")
# What the assistant says when a form is left or starts over.
LEFT = {
    "eligibility_form": N_("OK, I stopped the eligibility questions."),
    "job_alert_form": N_("OK, I stopped the job alert questions."),
}
RESTARTED = {
    "eligibility_form": N_("OK, let's start the eligibility questions again."),
    "job_alert_form": N_("OK, let's start the job alert questions again."),
}
# Slots that count unclear answers and say which form was left (see domain.yml).
MISSES_SLOT = "form_misses"
LEFT_SLOT = "form_left"


@dataclass(frozen=True)
class Reading:
    """What a message means to a form that is asking: ``kind`` is one of ANSWER, WHY,
    LEAVE, UNCLEAR; ``yes`` holds a yes/no answer when there is one."""

    kind: str
    yes: bool | None = None

    @property
    def yields(self) -> bool:
        """Whether the form must let the rules handle this message."""
        return self.kind == YIELD


def is_way_out(context: Context) -> bool:
    """Whether the message asks to leave or names a new request."""
    if _WAY_OUT.search(fold(context.text).strip()):
        return True
    return context.intent in NEW_REQUESTS and context.confidence >= SURE


def answered_anew(context: Context) -> bool:
    """Whether the message that left a form is a new request, answered as it would
    be outside the form, rather than only a way out ("never mind", "cancel")."""
    return (
        is_way_out(context)
        and context.intent in NEW_REQUESTS
        and context.intent != "cancel_request"
    )


def yes_no(context: Context) -> bool | None:
    """A clear yes or no: the words themselves, or a confident affirm/deny."""
    answer = parse_yes_no(context.text)
    if answer is not None:
        return answer
    if context.intent in ("affirm", "deny") and context.confidence >= SURE_YES_NO:
        return context.intent == "affirm"
    return None


def read_yes_no_answer(context: Context) -> Reading:
    """How a yes/no question (the eligibility questions) reads this message."""
    if context.intent == "opt_out":
        return Reading(YIELD)
    answer = yes_no(context)
    if answer is not None:
        return Reading(ANSWER, answer)
    if context.intent == "why_ask" or _WHY.search(fold(context.text)):
        return Reading(WHY)
    if is_way_out(context):
        return Reading(LEAVE)
    return Reading(UNCLEAR)


def leaves_alert_form(context: Context, asked: str, answer_entity: str | None) -> Reading:
    """How the job alert questions read this message: LEAVE for a no, a way out or a
    new request (unless it carries the very thing asked, "warehouse jobs" to "what
    kind of jobs?"), YIELD for a refusal of texts, else ANSWER."""
    if context.intent == "opt_out":
        return Reading(YIELD)
    if yes_no(context) is False or context.intent == "deny":
        return Reading(LEAVE)
    answers = answer_entity is not None and answer_entity in context.entities
    if is_way_out(context) and not (answers and context.intent in ("find_jobs", "inform")):
        return Reading(LEAVE)
    return Reading(ANSWER)


def after_unclear(misses_before: float | None) -> str:
    """UNCLEAR the first time in a row, LEAVE the second."""
    return LEAVE if int(misses_before or 0) >= 1 else UNCLEAR


def left_line(context: Context, form: str, restarting: bool = False) -> str:
    """The one line that says a form was left (or is starting over)."""
    _ = context.translate
    if restarting:
        return _(RESTARTED.get(form) or N_("OK, let's start the questions again."))
    return _(LEFT.get(form) or N_("OK, I stopped the questions."))


def never_mind(context: Context) -> Reply:
    """ "Never mind" outside a form: nothing is pending any more."""
    _ = context.translate
    return Reply([_("OK, never mind.") + " " + nothing_else_line(context)])


def nothing_else_line(context: Context) -> str:
    """After leaving a form with nothing new asked: where to go from here."""
    _ = context.translate
    return _("Reply HELP to see what I can do, or tell me what you need.")
