"""A person's job alerts: listing them and cancelling some or all.

Used by the website's alerts page and by the conversation (a texter asking "what
alerts do I have" or "stop my alerts"). Cancelling turns a subscription off and
skips its pending digest, so nothing more is texted for it; the row stays, for the
staff's counts, until the person's data is erased.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import JobAlertSubscription, Person, Place
from bot.i18n import DEFAULT_LANGUAGE, N_, translator
from bot.identity import SMS_CHANNEL
from bot.learners import follow_ups

CANCELLED = "alert cancelled"
FREQUENCY_WORDS = {"daily": N_("every day"), "weekly": N_("once a week")}


@dataclass(frozen=True)
class Alert:
    """One active job alert."""

    id: int
    keyword: str
    town: str | None
    radius_miles: float
    frequency: str
    since: datetime

    def jobs(self, language: str = DEFAULT_LANGUAGE) -> str:
        """What it looks for: ``warehouse jobs``, or ``any jobs`` without a keyword (the
        keyword is the person's own word, as they typed it)."""
        _ = translator(language)
        return _("%(keyword)s jobs", keyword=self.keyword) if self.keyword else _("any jobs")

    def how_often(self, language: str = DEFAULT_LANGUAGE) -> str:
        """``every day`` or ``once a week``."""
        words = FREQUENCY_WORDS.get(self.frequency)
        return translator(language)(words) if words else self.frequency

    def summary(self, language: str = DEFAULT_LANGUAGE) -> str:
        """One line for a list or a text: ``warehouse jobs near Hartford, every day``."""
        _ = translator(language)
        jobs, frequency = self.jobs(language), self.how_often(language)
        if self.town:
            return _(
                "%(jobs)s near %(town)s, %(frequency)s",
                jobs=jobs,
                town=self.town,
                frequency=frequency,
            )
        return _("%(jobs)s, %(frequency)s", jobs=jobs, frequency=frequency)


def texter_id(session: Session, number: str) -> int | None:
    """The person who texts from ``number`` (E.164), or None if it never has."""
    return session.execute(
        select(Person.id).where(Person.channel == SMS_CHANNEL, Person.address == number)
    ).scalar_one_or_none()


def alerts_of(session: Session, person_id: int) -> list[Alert]:
    """The person's active job alerts, oldest first."""
    rows = session.execute(
        select(JobAlertSubscription, Place.name)
        .outerjoin(Place, Place.id == JobAlertSubscription.place_id)
        .where(JobAlertSubscription.person_id == person_id, JobAlertSubscription.active.is_(True))
        .order_by(JobAlertSubscription.created_at, JobAlertSubscription.id)
    ).all()
    return [
        Alert(
            id=alert.id,
            keyword=alert.keyword,
            town=town,
            radius_miles=alert.radius_miles,
            frequency=alert.frequency,
            since=alert.created_at,
        )
        for alert, town in rows
    ]


def cancel_alerts(session: Session, person_id: int, ids: Iterable[int] | None = None) -> int:
    """Turn off the person's active alerts among ``ids`` (all of them when None) and
    skip their pending digests; returns how many were cancelled. Ids of other
    people's alerts, or of alerts already off, are ignored."""
    query = select(JobAlertSubscription).where(
        JobAlertSubscription.person_id == person_id, JobAlertSubscription.active.is_(True)
    )
    if ids is not None:
        wanted = set(ids)
        if not wanted:
            return 0
        query = query.where(JobAlertSubscription.id.in_(wanted))
    alerts = session.scalars(query).all()
    for alert in alerts:
        alert.active = False
        follow_ups.cancel(session, CANCELLED, subscription_id=alert.id)
    return len(alerts)
