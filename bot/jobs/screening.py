"""Screening a job before it goes live: the scam signals of bot.jobs.scam_signals,
applied the same way to employer postings and to job feed records.

What the same kind of job usually pays comes from the live jobs of its category; a
screener remembers it per category, so a feed of thousands of records asks once for
each category.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Job
from bot.jobs.records import JobRecord
from bot.jobs.scam_signals import hourly, scam_signals

# Fewer live jobs than this in a category say nothing about what it usually pays.
MIN_JOBS_FOR_TYPICAL_PAY = 5


def typical_hourly_max(session: Session, category: str | None) -> float | None:
    """The 90th percentile of the most that live jobs of ``category`` pay per hour."""
    if not category:
        return None
    rows = session.execute(
        select(Job.salary_max, Job.salary_unit).where(
            Job.status == "active", Job.category == category, Job.salary_max.is_not(None)
        )
    ).all()
    pay = sorted(p for p in (hourly(amount, unit) for amount, unit in rows) if p is not None)
    if len(pay) < MIN_JOBS_FOR_TYPICAL_PAY:
        return None
    return pay[int(0.9 * (len(pay) - 1))]


class Screener:
    """Scam signals for job records, with typical pay looked up once per category."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._typical: dict[str, float | None] = {}

    def _typical_hourly_max(self, category: str | None) -> float | None:
        if not category:
            return None
        if category not in self._typical:
            self._typical[category] = typical_hourly_max(self.session, category)
        return self._typical[category]

    def notes(self, record: JobRecord) -> list[str]:
        """Notes for staff about ``record``; empty when nothing looks wrong."""
        return scam_signals(
            f"{record.title}\n{record.description}",
            hourly(record.salary_max or record.salary_min, record.salary_unit),
            self._typical_hourly_max(record.category),
            has_apply_link=bool(record.url),
        )
