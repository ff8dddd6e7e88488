"""Salaries in job feeds read as (min, max, unit).

From free text ("$18 - $22 per hour", "55K-65K yearly", "Up to $30/hr") or from structured
min/max/unit fields; implausible amounts are dropped and a missing unit is guessed.
"""

from __future__ import annotations

import math
import re
from typing import Any

SALARY_UNITS = ("hour", "day", "week", "month", "year")
# Hours of work in one pay period: an 8-hour day, a 40-hour week, 2,080 hours a year.
HOURS_PER = {"hour": 1.0, "day": 8.0, "week": 40.0, "month": 2080 / 12, "year": 2080.0}

_AMOUNT = re.compile(r"(?<![\w.])\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(k\b)?", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.IGNORECASE)
_MAX_ONLY = re.compile(r"\b(?:up\s*to|as\s+much\s+as|max(?:imum)?)\b", re.IGNORECASE)
_MIN_ONLY = re.compile(r"\b(?:from|start(?:s|ing)?|min(?:imum)?|at\s+least)\b", re.IGNORECASE)
_UNIT = re.compile(
    r"(?P<hour>\b(?:hourly|hours?|hrs?)\b|/\s*h\b)"
    r"|(?P<day>\b(?:daily|days?)\b|/\s*d\b)"
    r"|(?P<week>\b(?:weekly|weeks?|wk)\b|/\s*w\b)"
    r"|(?P<month>\b(?:monthly|months?|mo)\b)"
    r"|(?P<year>\b(?:yearly|years?|annual(?:ly)?|annum|yr)\b|/\s*y\b)",
    re.IGNORECASE,
)
_SALARY_CEILING = 10_000_000

Salary = tuple[float | None, float | None, str | None]


def find_salary_unit(text: str) -> str | None:
    """The pay period named in ``text`` ("per hour", "HOUR", "yearly", "/wk"...), if any."""
    match = _UNIT.search(text)
    return match.lastgroup if match else None


def hourly(amount: float | None, unit: str | None) -> float | None:
    """``amount`` per ``unit`` as pay per hour (a 40-hour week), or None."""
    if amount is None or unit not in HOURS_PER:
        return None
    return amount / HOURS_PER[unit]


def parse_salary(text: str) -> Salary:
    """(min, max, unit) from free text such as "$18 - $22 per hour" or "55K-65K yearly".

    Returns ``(None, None, None)`` when no amount can be read.
    """
    amounts = list(_AMOUNT.finditer(text))
    if not amounts:
        return None, None, None
    first = amounts[0]
    low = high = _amount_value(first)
    if len(amounts) > 1 and _RANGE_GAP.fullmatch(text, first.end(), amounts[1].start()):
        high = _amount_value(amounts[1])
        if amounts[1].group(3) and not first.group(3) and low < 1000:
            low *= 1000
    elif _MAX_ONLY.search(text, 0, first.start()):
        low = None
    elif _MIN_ONLY.search(text, 0, first.start()) or text[first.end() : first.end() + 1] == "+":
        high = None
    return _sane_salary(low, high, find_salary_unit(text))


def _amount_value(match: re.Match[str]) -> float:
    value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
    return value * 1000 if match.group(3) else value


def _sane_salary(low: float | None, high: float | None, unit: str | None) -> Salary:
    values = [v for v in (low, high) if v is not None]
    if not values or any(not math.isfinite(v) or v <= 0 or v > _SALARY_CEILING for v in values):
        return None, None, None
    if low is not None and high is not None and low > high:
        low, high = high, low
    if unit is None:
        top = max(values)
        unit = "hour" if top <= 300 else "year" if top >= 10_000 else None
    return low, high, unit


def pay_amount(value: Any) -> float | None:
    """A pay amount given as a number or as text ("18.50", "$55,000"); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().lstrip("$").replace(",", ""))
        except ValueError:
            return None
    return None


def salary_from_fields(
    salary_min: Any, salary_max: Any, unit_text: Any, salary_text: str | None
) -> Salary:
    """(min, max, unit) from structured amounts if either is given, else from ``salary_text``.

    Amounts may be numbers or text such as "$55,000"; their unit is read from ``unit_text``
    ("HOUR", "per year"...) or guessed from the size. Returns ``(None, None, None)`` when
    there is no sane amount.
    """
    low, high = pay_amount(salary_min), pay_amount(salary_max)
    if low is not None or high is not None:
        unit = find_salary_unit(unit_text) if isinstance(unit_text, str) else None
        return _sane_salary(low, high, unit)
    if salary_text:
        return parse_salary(salary_text)
    return None, None, None
