"""The menu and numbered choices: a number picks from whatever numbered list the
assistant showed last (jobs, courses, towns, the menu, the after-a-layoff options)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.dialogue import alerts, courses, eligibility, jobs, support
from bot.dialogue.context import Context
from bot.dialogue.fallback import MENU
from bot.dialogue.reply import Reply
from bot.i18n import N_
from bot.jobs.search_request import SearchRequest

TRAINING_TOPICS = N_(
    "Which kind of training? For example: IT, business, healthcare or manufacturing"
)


def show(context: Context) -> Reply:
    """The menu, remembered so that a number can follow."""
    return Reply([context.translate(MENU)]).set(last_list="menu")


def choose(session: Session, context: Context) -> Reply:
    """What the number in the latest message picks from the last numbered list."""
    number = context.option_number() or 0
    kind = context.slot("last_list")
    if kind == "courses":
        return courses.details(session, context, number)
    if kind == "menu":
        return _menu_pick(session, context, number)
    if kind == "towns":
        return _town_pick(session, context, number)
    if kind == "lost_job":
        return support.after_job_loss_pick(session, context, number)
    return jobs.details(session, context, number)


def _menu_pick(session: Session, context: Context, number: int) -> Reply:
    _ = context.translate
    if number == 1:
        return jobs.search(session, context, SearchRequest(), None)
    if number == 2:
        return Reply([_(TRAINING_TOPICS)])
    if number == 3:
        return eligibility.start_check(context)
    if number == 4:
        return alerts.start(context)
    return Reply([pick_a_number(context, 4)]).set(last_list="menu")


def pick_a_number(context: Context, highest: int) -> str:
    """Asks for a number of the list shown, 1 to ``highest``."""
    _ = context.translate
    return _("Please reply with a number from 1 to %(highest)s.", highest=highest)


def _town_pick(session: Session, context: Context, number: int) -> Reply:
    towns = context.slot("last_choices") or []
    if not 1 <= number <= len(towns):
        return Reply([pick_a_number(context, len(towns))]).set(
            last_list="towns", last_choices=towns
        )
    return jobs.search(session, context, jobs.last_request(context), towns[number - 1])
