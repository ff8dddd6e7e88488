"""One notion of "now" for the whole project, so tests can inject time, and one way
of showing a moment to people: in Connecticut's time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

# Connecticut's time zone (Eastern, with daylight saving time).
LOCAL_ZONE = ZoneInfo("America/New_York")


def utcnow() -> datetime:
    """Current time as a naive UTC datetime (how every timestamp is stored)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def local(moment: datetime) -> datetime:
    """A stored (naive UTC) moment as Connecticut's aware local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(LOCAL_ZONE)


def connecticut_time(moment: datetime | None) -> str:
    """``2026-12-07 09:05 EST`` for a stored moment (naive UTC): the date and time in
    Connecticut with its zone's abbreviation (EST or EDT); empty for None."""
    return local(moment).strftime("%Y-%m-%d %H:%M %Z") if moment else ""


def connecticut_date(moment: datetime | None) -> str:
    """``2026-12-07``: the day a stored moment (naive UTC) fell on in Connecticut."""
    return local(moment).strftime("%Y-%m-%d") if moment else ""


def connecticut_today(now: datetime | None = None) -> date:
    """The day it is in Connecticut at ``now`` (naive UTC; default: now)."""
    return local(now or utcnow()).date()


def day_start(day: date) -> datetime:
    """The naive UTC moment Connecticut's ``day`` begins (04:00 or 05:00 UTC)."""
    begins = datetime.combine(day, time(), tzinfo=LOCAL_ZONE)
    return begins.astimezone(timezone.utc).replace(tzinfo=None)


def day_bounds(days: list[date]) -> list[tuple[datetime, datetime]]:
    """(start, end) of each Connecticut day in ``days`` as naive UTC moments."""
    return [(day_start(day), day_start(day + timedelta(days=1))) for day in days]
