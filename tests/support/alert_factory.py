"""Texters with job alerts, as the conversation leaves them (tests)."""

from __future__ import annotations

from bot.db import session_scope
from bot.db.models import JobAlertSubscription, Person
from bot.identity import SMS_CHANNEL
from bot.jobs.store import ensure_places
from bot.learners import follow_ups


def texter_with_alerts(
    url: str, number: str, alerts: list[tuple[str, str, str]]
) -> tuple[int, list[int]]:
    """A person texting from ``number`` with one active alert per (keyword, town,
    frequency), each with its next digest pending; returns (person id, alert ids)."""
    with session_scope(url) as session:
        places = ensure_places(session)
        person = Person(channel=SMS_CHANNEL, address=number)
        session.add(person)
        session.flush()
        ids = []
        for keyword, town, frequency in alerts:
            alert = JobAlertSubscription(
                person_id=person.id, keyword=keyword, place_id=places[town], frequency=frequency
            )
            session.add(alert)
            follow_ups.restart_alerts(session, alert)
            ids.append(alert.id)
        return person.id, ids
