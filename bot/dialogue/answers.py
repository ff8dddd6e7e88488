"""Short answers outside a form: a yes or no to the question asked last, a bare
answer (a town, a ZIP, a kind of job, a course topic) and MORE for the last list."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.dialogue import courses, jobs, pathways, privacy
from bot.dialogue.context import Context
from bot.dialogue.fallback import not_understood
from bot.dialogue.reply import Reply
from bot.i18n import N_
from bot.i18n.yes_no import parse_yes_no

WHAT_NEXT = N_("Great! What would you like to do? For example: jobs in Hartford")
ANYTIME = N_("OK. Reply HELP any time to see what I can do.")


def yes_or_no(session: Session, context: Context) -> Reply:
    """A yes or no answers the question the assistant asked last (``pending``): the
    words themselves when they are a yes or no, else what the language model read."""
    said = parse_yes_no(context.text)
    yes = said if said is not None else context.intent == "affirm"
    pending = context.slot("pending")
    if pending == "forget_me":
        return privacy.answer_forget(session, context, yes)
    if pending == "reminder_consent":
        return courses.set_reminder_consent(session, context, yes)
    if yes and pending == pathways.TRAINING_OFFER:
        return pathways.training_for(session, context, context.slot(pathways.SLOT), None)
    if yes and pending == pathways.JOBS_OFFER:
        return jobs.new_search_for(session, context, context.slot("job_keyword"))
    _ = context.translate
    if yes and pending != "job_alerts_offer":
        return Reply([_(WHAT_NEXT)])
    return Reply([_(ANYTIME)])


def bare(session: Session, context: Context) -> Reply:
    """A message that is only a course topic, a town or ZIP, a distance or a kind of job."""
    entities = context.entities
    if "course_topic" in entities and "location" not in entities:
        return courses.find(session, context, entities["course_topic"])
    answer = jobs.bare_answer(session, context)
    return answer or not_understood(context)


def more(session: Session, context: Context) -> Reply:
    """The next page of whatever list was shown last, courses or jobs."""
    if context.slot("last_list") == "courses":
        return courses.more(session, context)
    return jobs.more(session, context)
