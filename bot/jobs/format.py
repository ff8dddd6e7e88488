"""Plain-text pieces that describe a job: pay, type, age, distance. Used by SMS and web."""

from __future__ import annotations

from datetime import datetime

from bot.clock import utcnow

_UNITS = {"hour": "/hr", "day": "/day", "week": "/wk", "month": "/mo", "year": "/yr"}
_SHORT_TYPES = {"full_time": "FT", "part_time": "PT"}
_TYPES = {
    "full_time": "full time",
    "part_time": "part time",
    "contract": "contract",
    "temporary": "temporary",
    "internship": "internship",
    "per_diem": "per diem",
}


def _money(amount: float, unit: str | None) -> str:
    if unit == "year" and amount >= 1000:
        return f"${amount / 1000:.0f}k" if amount % 1000 == 0 else f"${amount / 1000:.1f}k"
    return f"${amount:,.0f}" if float(amount).is_integer() else f"${amount:,.2f}"


def pay_text(
    salary_min: float | None,
    salary_max: float | None,
    unit: str | None,
    salary_text: str | None = None,
) -> str | None:
    """'$18-$22/hr', '$55k/yr', or the feed's own text when no numbers were given."""
    if salary_min is None and salary_max is None:
        return salary_text or None
    suffix = _UNITS.get(unit or "", "")
    low, high = salary_min, salary_max
    if low is not None and high is not None and high > low:
        return f"{_money(low, unit)}-{_money(high, unit)}{suffix}"
    return f"{_money(low if low is not None else high, unit)}{suffix}"


def job_type_text(job_type: str | None) -> str | None:
    """'full time', 'part time', ... or None."""
    return _TYPES.get(job_type or "")


def age_text(posted_at: datetime, now: datetime | None = None) -> str:
    """'new today', '1 day ago', '12 days ago'."""
    days = max(((now or utcnow()) - posted_at).days, 0)
    if days == 0:
        return "new today"
    return "1 day ago" if days == 1 else f"{days} days ago"


def short_age_text(posted_at: datetime, now: datetime | None = None) -> str:
    """'today', '1d ago', '12d ago'."""
    days = max(((now or utcnow()) - posted_at).days, 0)
    return "today" if days == 0 else f"{days}d ago"


def summary_line(number: int, hit, now: datetime | None = None) -> str:
    """One compact numbered result line for a text message:
    '1) Forklift Operator - Nutmeg Logistics, Hartford 3mi, $19-$23/hr, FT, 2d ago'."""
    place = hit.town
    if hit.distance_miles is not None and hit.distance_miles >= 1:
        place = f"{hit.town} {hit.distance_miles:.0f}mi"
    parts = [f"{number}) {hit.title} - {hit.employer}", place]
    pay = pay_text(hit.salary_min, hit.salary_max, hit.salary_unit, None)
    for extra in (pay, _SHORT_TYPES.get(hit.job_type or ""), short_age_text(hit.posted_at, now)):
        if extra:
            parts.append(extra)
    return ", ".join(parts)
