"""Plain-text pieces that describe a job: pay, type, age, distance. Used by SMS and web."""

from __future__ import annotations

from datetime import datetime

from bot.clock import utcnow
from bot.i18n import N_, translator

# Translators: pay units after an amount, as in "$18/hr".
_UNITS = {
    "hour": N_("/hr"),
    "day": N_("/day"),
    "week": N_("/wk"),
    "month": N_("/mo"),
    "year": N_("/yr"),
}
# Translators: short job types in one-line results ("full time", "part time").
_SHORT_TYPES = {"full_time": N_("FT"), "part_time": N_("PT")}
_TYPES = {
    "full_time": N_("full time"),
    "part_time": N_("part time"),
    "contract": N_("contract"),
    "temporary": N_("temporary"),
    "internship": N_("internship"),
    "per_diem": N_("per diem"),
}


def _translated(table: dict[str, str], key: str | None, language: str) -> str | None:
    text = table.get(key or "")
    return translator(language)(text) if text else None


def _money(amount: float, unit: str | None) -> str:
    if unit == "year" and amount >= 1000:
        return f"${amount / 1000:.0f}k" if amount % 1000 == 0 else f"${amount / 1000:.1f}k"
    return f"${amount:,.0f}" if float(amount).is_integer() else f"${amount:,.2f}"


def pay_text(
    salary_min: float | None,
    salary_max: float | None,
    unit: str | None,
    salary_text: str | None = None,
    language: str = "en",
) -> str | None:
    """'$18-$22/hr', '$55k/yr', or the feed's own text when no numbers were given."""
    if salary_min is None and salary_max is None:
        return salary_text or None
    suffix = _translated(_UNITS, unit, language) or ""
    low, high = salary_min, salary_max
    if low is not None and high is not None and high > low:
        return f"{_money(low, unit)}-{_money(high, unit)}{suffix}"
    return f"{_money(low if low is not None else high, unit)}{suffix}"


def job_type_text(job_type: str | None, language: str = "en") -> str | None:
    """'full time', 'part time', ... or None."""
    return _translated(_TYPES, job_type, language)


def age_text(posted_at: datetime, now: datetime | None = None, language: str = "en") -> str:
    """'new today', '1 day ago', '12 days ago'."""
    _ = translator(language)
    days = max(((now or utcnow()) - posted_at).days, 0)
    if days == 0:
        return _("new today")
    return _.plural("%(count)s day ago", "%(count)s days ago", days)


def short_age_text(posted_at: datetime, now: datetime | None = None, language: str = "en") -> str:
    """'today', '1d ago', '12d ago'."""
    _ = translator(language)
    days = max(((now or utcnow()) - posted_at).days, 0)
    return _("today") if days == 0 else _("%(days)sd ago", days=days)


def summary_line(number: int, hit, now: datetime | None = None, language: str = "en") -> str:
    """One compact numbered result line for a text message:
    '1) Forklift Operator - Nutmeg Logistics, Hartford 3mi, $19-$23/hr, FT, 2d ago'."""
    place = hit.town
    if hit.distance_miles is not None and hit.distance_miles >= 1:
        place = f"{hit.town} {hit.distance_miles:.0f}mi"
    parts = [f"{number}) {hit.title} - {hit.employer}", place]
    pay = pay_text(hit.salary_min, hit.salary_max, hit.salary_unit, None, language)
    short_type = _translated(_SHORT_TYPES, hit.job_type, language)
    for extra in (pay, short_type, short_age_text(hit.posted_at, now, language)):
        if extra:
            parts.append(extra)
    return ", ".join(parts)
