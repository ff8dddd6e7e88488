"""Job alerts: keyword + place + how often, confirmed and stored."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.config import load_settings
from bot.db.models import JobAlertSubscription, Place
from bot.dialogue.context import Context
from bot.dialogue.people import by_text_only, can_text, person_for, remember_town
from bot.dialogue.reply import Reply
from bot.i18n import N_, Translator, translator
from bot.learners import alert_subscriptions, follow_ups
from bot.text import fold, pack_lines

_DAILY = re.compile(
    r"\b(daily|every ?day|each day|day|diario|diariamente|todos los dias|cada dia|dia)\b"
)
_WEEKLY = re.compile(
    r"\b(weekly|every ?week|once a week|each week|week|semanal|semanalmente|cada semana|"
    r"una vez a la semana|semana)\b"
)
ANY_JOB = "any"
QUESTIONS = {
    "alert_keyword": N_("What kind of jobs should I text you about? Like warehouse, CNA, or ANY"),
    "alert_location": N_("Near which town or ZIP code?"),
    "alert_frequency": N_("How often: DAILY or WEEKLY?"),
}
# The entity that answers each question when it comes inside a new-looking request
# ("warehouse jobs" to "what kind of jobs?").
ANSWER_ENTITIES = {
    "alert_keyword": "job_keyword",
    "alert_location": "location",
    "alert_frequency": "frequency",
}


BY_TEXT = (N_("Job alerts"), N_("JOB ALERTS"))
_ANY = frozenset(
    {
        "any", "anything", "all", "any job", "any jobs", "all jobs",
        "cualquiera", "cualquier", "todo", "todos", "cualquier trabajo", "todos los trabajos",
    }
)  # fmt: skip
KEYWORD_LENGTH = 80
WHICH_TOWN = N_("Which town: %(towns)s?")
UNKNOWN_TOWN = N_("I don't know that Connecticut town.")
DAILY_OR_WEEKLY = N_("Please reply DAILY or WEEKLY.")
_ENGLISH = translator("en")


@dataclass(frozen=True)
class SlotAnswer:
    """What an answer to one alert question fills in (None: not understood), and what
    to say when it is not understood."""

    value: str | None
    say: str | None = None


def start(context: Context) -> Reply:
    """Begin setting up a job alert: the questions by text, the honest answer in a chat
    that has no phone number."""
    if not can_text(context):
        return Reply([by_text_only(context, *BY_TEXT)])
    return Reply().followed_by("job_alert_form")


def question(slot: str, context: Context) -> str:
    """The question that asks for ``slot``, in the conversation's language."""
    return context.translate(QUESTIONS[slot])


def frequency_from(text: str | None) -> str | None:
    """'daily' or 'weekly' from what the person wrote, or None."""
    lowered = fold(text or "")
    if _DAILY.search(lowered):
        return "daily"
    if _WEEKLY.search(lowered):
        return "weekly"
    return None


def prefilled(context: Context) -> dict[str, str | None]:
    """The alert questions already answered by this message or the last search."""
    return {
        "alert_keyword": context.entities.get("job_keyword") or context.slot("job_keyword"),
        "alert_location": context.entities.get("location") or context.slot("location"),
        "alert_frequency": frequency_from(context.entities.get("frequency")),
    }


def keyword_answer(text: str | None) -> SlotAnswer:
    """The jobs to alert about: any words, ``ANY_JOB`` for "any" or "all jobs"."""
    text = (text or "").strip()
    if not text:
        return SlotAnswer(None)
    if fold(text) in _ANY:
        return SlotAnswer(ANY_JOB)
    return SlotAnswer(text[:KEYWORD_LENGTH])


def town_answer(text: str | None, _: Translator = _ENGLISH) -> SlotAnswer:
    """The Connecticut town to alert near, or which of several towns is meant."""
    match = town_from(text)
    if match is not None and match.status == "found":
        return SlotAnswer(match.town.name)
    if match is not None and match.status == "ambiguous":
        towns = _(" or ").join(match.candidates)
        return SlotAnswer(None, _(WHICH_TOWN, towns=towns))
    return SlotAnswer(None, _(UNKNOWN_TOWN))


def frequency_answer(text: str | None, _: Translator = _ENGLISH) -> SlotAnswer:
    """'daily' or 'weekly'."""
    frequency = frequency_from(text)
    return SlotAnswer(frequency, None if frequency else _(DAILY_OR_WEEKLY))


def town_from(text: str | None) -> geo.PlaceMatch | None:
    """The place a person's answer names (found, ambiguous or unknown)."""
    return geo.resolve(text) if text and text.strip() else None


def subscribe(
    session: Session, context: Context, keyword: str | None, town: str, frequency: str
) -> Reply:
    """Store the alert (or update the same keyword + town) and confirm it."""
    cleared = {
        "pending": None,
        "alert_keyword": None,
        "alert_location": None,
        "alert_frequency": None,
    }
    _ = context.translate
    if not can_text(context):
        return Reply([by_text_only(context, *BY_TEXT)]).set(**cleared)
    person = person_for(session, context)
    place_id = session.execute(select(Place.id).where(Place.name == town)).scalar_one()
    keyword = "" if not keyword or keyword == ANY_JOB else keyword.strip().lower()[:KEYWORD_LENGTH]
    existing = session.execute(
        select(JobAlertSubscription).where(
            JobAlertSubscription.person_id == person.id,
            JobAlertSubscription.keyword == keyword,
            JobAlertSubscription.place_id == place_id,
        )
    ).scalar_one_or_none()
    if existing is None:
        existing = JobAlertSubscription(person_id=person.id, keyword=keyword, place_id=place_id)
        session.add(existing)
    existing.frequency = frequency
    existing.radius_miles = load_settings().default_radius_miles
    existing.active = True
    follow_ups.restart_alerts(session, existing)
    remember_town(session, person, town)
    if keyword and frequency == "daily":
        done = _(
            "Done. I'll text you new %(keyword)s jobs near %(town)s every day, only when there "
            "are new ones.",
            keyword=keyword,
            town=town,
        )
    elif keyword:
        done = _(
            "Done. I'll text you new %(keyword)s jobs near %(town)s once a week, only when "
            "there are new ones.",
            keyword=keyword,
            town=town,
        )
    elif frequency == "daily":
        done = _(
            "Done. I'll text you new jobs near %(town)s every day, only when there are new ones.",
            town=town,
        )
    else:
        done = _(
            "Done. I'll text you new jobs near %(town)s once a week, only when there are new ones.",
            town=town,
        )
    return Reply([done]).set(**cleared)


def list_mine(session: Session, context: Context) -> Reply:
    """The person's job alerts, numbered, with how to cancel them."""
    _ = context.translate
    mine = alert_subscriptions.alerts_of(session, person_for(session, context).id)
    if not mine:
        if not can_text(context):
            return Reply(
                [_("You have no job alerts here.") + " " + by_text_only(context, *BY_TEXT)]
            )
        return Reply([_("You have no job alerts. Reply JOB ALERTS to set one up.")])
    lines = [_("Your job alerts:")]
    lines += [f"{i}) {alert.summary(_.language)}" for i, alert in enumerate(mine, start=1)]
    lines.append(_("To stop one, say which (stop the forklift alert); CANCEL ALERTS stops all."))
    return Reply(pack_lines(lines))


def cancel_mine(session: Session, context: Context) -> Reply:
    """Cancel the alerts the message names (a job word, a town or a list number), or all
    of them when it names none."""
    _ = context.translate
    person = person_for(session, context)
    mine = alert_subscriptions.alerts_of(session, person.id)
    if not mine:
        return Reply([_("You have no job alerts to cancel.")])
    keyword = fold(context.entities.get("job_keyword") or "")
    match = town_from(context.entities.get("location"))
    town = match.town.name if match is not None and match.status == "found" else None
    number = context.option_number()
    chosen = [
        alert
        for i, alert in enumerate(mine, start=1)
        if (not keyword or keyword in fold(alert.keyword or ""))
        and (not town or alert.town == town)
        and (number is None or number == i)
    ]
    if not chosen:
        named = " ".join(w for w in (keyword, town) if w)
        missing = (
            _("You have no %(named)s alert.", named=named)
            if named
            else _("You have no alert number %(number)s.", number=number)
        )
        return list_mine(session, context).say_first(missing)
    alert_subscriptions.cancel_alerts(session, person.id, [alert.id for alert in chosen])
    lines = [_("Done. I cancelled:")] + [alert.summary(_.language) for alert in chosen]
    left = len(mine) - len(chosen)
    if left:
        lines.append(
            _.plural(
                "You still have %(count)s job alert: reply MY ALERTS.",
                "You still have %(count)s job alerts: reply MY ALERTS.",
                left,
            )
        )
    return Reply(pack_lines(lines))
