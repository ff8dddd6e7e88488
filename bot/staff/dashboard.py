"""The staff dashboard's charts: what happened each day over the last two weeks.

Counted from the service's own tables. Conversations per day, top intents and the
fallback rate need Rasa's tracker store in PostgreSQL (issue 7) and are not here yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import Enrollment, InboundMessage, JobClick, OptOut, OutboundMessage
from bot.messaging.optouts import OPTED_OUT

DAYS = 14
BAR_WIDTH, BAR_GAP, CHART_HEIGHT = 18, 4, 80

# (title, the moment counted, an extra condition or None)
SERIES = (
    ("Texts received", InboundMessage.received_at, None),
    ("Enrollments", Enrollment.enrolled_at, None),
    ("Courses completed", Enrollment.completed_at, None),
    ("Numbers that opted out", OptOut.updated_at, OptOut.status == OPTED_OUT),
    ("Texts not delivered", OutboundMessage.updated_at, OutboundMessage.status == "failed"),
    ("Apply-link clicks", JobClick.clicked_at, None),
)


@dataclass(frozen=True)
class Bar:
    """One day of a chart, with its place in the drawing."""

    day: str
    count: int
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Chart:
    """One series over the last ``DAYS`` days."""

    title: str
    total: int
    peak: int
    bars: tuple[Bar, ...]
    width: int
    height: int = CHART_HEIGHT


def _per_day(session: Session, moment, condition, first: date) -> dict[str, int]:
    day = func.date(moment)
    query = select(day, func.count()).where(moment >= first).group_by(day)
    if condition is not None:
        query = query.where(condition)
    return {str(when)[:10]: count for when, count in session.execute(query)}


def charts(session: Session, today: date | None = None) -> list[Chart]:
    """Every series, one bar per day, oldest day first."""
    today = today or utcnow().date()
    days = [today - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]
    out = []
    for title, moment, condition in SERIES:
        counts = _per_day(session, moment, condition, days[0])
        values = [counts.get(day.isoformat(), 0) for day in days]
        peak = max(values)
        bars = []
        for position, (day, count) in enumerate(zip(days, values)):
            height = round(CHART_HEIGHT * count / peak) if peak else 0
            bars.append(
                Bar(
                    day.isoformat(),
                    count,
                    position * (BAR_WIDTH + BAR_GAP),
                    CHART_HEIGHT - height,
                    height,
                )  # fmt: skip
            )
        out.append(Chart(title, sum(values), peak, tuple(bars), DAYS * (BAR_WIDTH + BAR_GAP)))
    return out
