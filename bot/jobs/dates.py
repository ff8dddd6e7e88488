"""Feed dates and times (RFC 822, ISO 8601, US style, date objects) to naive UTC."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_US_DATE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})"
    r"(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?)?",
    re.IGNORECASE,
)


def parse_datetime(value: str | date | datetime) -> datetime:
    """Parse a feed date to naive UTC; raises ``ValueError`` if it is not a known form.

    Accepts RFC 822 ("Mon, 02 Nov 2026 10:00:00 GMT"), ISO 8601 with or without time and
    offset, "2026-11-02", US "11/02/2026" (optionally with a time), and date objects.
    """
    return parse_datetime_and_has_time(value)[0]


def parse_datetime_and_has_time(value: Any) -> tuple[datetime, bool]:
    """(naive UTC datetime, whether a time of day was given) from a feed date.

    Accepts the same forms as :func:`parse_datetime` and raises ``ValueError`` likewise.
    """
    if isinstance(value, datetime):
        return _naive_utc(value), True
    if isinstance(value, date):
        return datetime.combine(value, time()), False
    if not isinstance(value, str):
        raise ValueError("not a date")
    text = value.strip()
    for parse in (_parse_iso, _parse_us, _parse_rfc822):
        parsed = parse(text)
        if parsed is not None:
            return parsed
    raise ValueError("unknown date format")


def _parse_iso(text: str) -> tuple[datetime, bool] | None:
    match = _ISO.fullmatch(text)
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    parsed = datetime(
        int(year),
        int(month),
        int(day),
        int(hour or 0),
        int(minute or 0),
        int(second or 0),
        micro,
        tzinfo=_offset(offset),
    )
    return _naive_utc(parsed), hour is not None


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.upper() == "Z":
        return timezone.utc
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))


def _parse_us(text: str) -> tuple[datetime, bool] | None:
    match = _US_DATE.fullmatch(text)
    if not match:
        return None
    month, day, year, hour, minute, second, meridiem = match.groups()
    hour_value = int(hour or 0)
    if meridiem:
        if not 1 <= hour_value <= 12:
            raise ValueError("bad hour")
        hour_value = hour_value % 12 + (12 if meridiem.lower() == "p" else 0)
    parsed = datetime(
        int(year), int(month), int(day), hour_value, int(minute or 0), int(second or 0)
    )
    return parsed, hour is not None


_RFC822_COMMON = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*(GMT|UTC?|Z|[+-]\d{4})?",
    re.IGNORECASE,
)
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec"
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}


def _parse_rfc822(text: str) -> tuple[datetime, bool] | None:
    match = _RFC822_COMMON.fullmatch(text)
    if match and match.group(2).lower() in _MONTHS:
        day, month, year, hour, minute, second, zone = match.groups()
        offset = None if not zone or zone[0] not in "+-" else zone[:3] + ":" + zone[3:]
        moment = datetime(
            int(year), _MONTHS[month.lower()], int(day), int(hour), int(minute), int(second or 0)
        )
        return _naive_utc(moment.replace(tzinfo=_offset(offset) or timezone.utc)), True
    if not re.search(r"[A-Za-z]{3}", text):
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    return _naive_utc(parsed), True


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=None)
    return value.astimezone(timezone.utc).replace(tzinfo=None)
