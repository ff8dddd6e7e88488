"""Job alerts: keyword + place + how often, confirmed and stored."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.db.models import JobAlertSubscription, Place
from bot.dialogue.context import Context
from bot.dialogue.people import person_for, remember_town
from bot.dialogue.reply import Reply
from bot.jobs.search import DEFAULT_RADIUS_MILES
from bot.learners import follow_ups

_DAILY = re.compile(r"\b(daily|every ?day|each day|day)\b")
_WEEKLY = re.compile(r"\b(weekly|every ?week|once a week|each week|week)\b")
ANY_JOB = "any"
QUESTIONS = {
    "alert_keyword": "What kind of jobs should I text you about? Like warehouse, CNA, or ANY",
    "alert_location": "Near which town or ZIP code?",
    "alert_frequency": "How often: DAILY or WEEKLY?",
}


def frequency_from(text: str | None) -> str | None:
    """'daily' or 'weekly' from what the person wrote, or None."""
    lowered = (text or "").lower()
    if _DAILY.search(lowered):
        return "daily"
    if _WEEKLY.search(lowered):
        return "weekly"
    return None


def town_from(text: str | None) -> geo.PlaceMatch | None:
    """The place a person's answer names (found, ambiguous or unknown)."""
    return geo.resolve(text) if text and text.strip() else None


def subscribe(
    session: Session, context: Context, keyword: str | None, town: str, frequency: str
) -> Reply:
    """Store the alert (or update the same keyword + town) and confirm it."""
    person = person_for(session, context)
    place_id = session.execute(select(Place.id).where(Place.name == town)).scalar_one()
    keyword = "" if not keyword or keyword == ANY_JOB else keyword.strip().lower()[:80]
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
    existing.radius_miles = DEFAULT_RADIUS_MILES
    existing.active = True
    follow_ups.restart_alerts(session, existing)
    remember_town(session, person, town)
    what = f"new {keyword} jobs" if keyword else "new jobs"
    when = "every day" if frequency == "daily" else "once a week"
    return Reply(
        [f"Done. I'll text you {what} near {town} {when}, only when there are new ones."]
    ).set(pending=None, alert_keyword=None, alert_location=None, alert_frequency=None)
