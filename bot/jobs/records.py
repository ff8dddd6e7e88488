"""The job record every importer produces, and the one way raw feed fields are validated.

Importers turn each posting into a *raw* dict keyed by the Indeed XML tag names (the
lingua franca of job feeds) and hand it to :func:`validate`:

``title``, ``referencenumber``, ``company``, ``city``, ``state``, ``country``,
``postalcode``, ``description`` (may be HTML), ``url``, ``salary`` (free text),
``salary_min``, ``salary_max``, ``salary_unit`` (structured salary, optional),
``jobtype`` (text or list of texts), ``category``, ``date`` (posting date) and
``expirationdate``.  Values are strings, numbers, ``date``/``datetime`` or ``None``.

The field parsers live in :mod:`bot.jobs.cleaning` (text, HTML, ZIP codes, URLs),
:mod:`bot.jobs.dates`, :mod:`bot.jobs.salary` and :mod:`bot.jobs.job_types`.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.jobs.cleaning import clean_text, html_to_text, http_url, normalize_postal_code, shorten
from bot.jobs.dates import parse_datetime_and_has_time
from bot.jobs.job_types import normalize_job_type
from bot.jobs.salary import salary_from_fields

TITLE_MAX = 200
COMPANY_MAX = 200
REFERENCE_MAX = 200
CITY_MAX = 100
CATEGORY_MAX = 100
SALARY_TEXT_MAX = 200
URL_MAX = 2000
DESCRIPTION_MAX = 10_000


@dataclass
class JobRecord:
    """One validated, normalized job posting."""

    source: str
    reference: str
    title: str
    company: str
    city: str | None
    state: str | None
    postal_code: str | None
    description: str
    url: str | None
    salary_min: float | None
    salary_max: float | None
    salary_unit: str | None
    salary_text: str | None
    job_type: str | None
    category: str | None
    posted_at: datetime
    valid_through: datetime | None


@dataclass
class Reject:
    """A posting that could not be imported, and why (one line)."""

    position: str
    reference: str | None
    reason: str


@dataclass
class ParseResult:
    """What an importer read from one feed."""

    records: list[JobRecord]
    rejects: list[Reject]


class _Invalid(Exception):
    """Raised inside validation; becomes a :class:`Reject`."""


def validate(raw: Mapping[str, Any], source: str, position: str) -> JobRecord | Reject:
    """Validate and normalize one raw posting; never raises."""
    reference = None
    try:
        if not isinstance(raw, Mapping):
            raise _Invalid("record is not a set of fields")
        reference = _text(raw.get("referencenumber"), "reference number")
        return _build(raw, source, reference)
    except _Invalid as exc:
        return Reject(position, shorten(reference, REFERENCE_MAX), str(exc))
    except Exception as exc:  # a bad record must never stop an import
        return Reject(position, shorten(reference, REFERENCE_MAX), f"invalid record: {exc}")


def _build(raw: Mapping[str, Any], source: str, reference: str | None) -> JobRecord:
    reference = _required(reference, "reference number", REFERENCE_MAX)
    title = _required(_text(raw.get("title"), "title"), "title", TITLE_MAX)
    company = _required(_text(raw.get("company"), "company"), "company", COMPANY_MAX)
    city, state, postal_code = _location(raw)
    posted_at = _date_field(raw.get("date"), "date", required=True)
    valid_through = _date_field(
        raw.get("expirationdate"), "expiration date", required=False, end_of_day=True
    )
    salary_text = shorten(_text(raw.get("salary"), "salary"), SALARY_TEXT_MAX)
    salary_min, salary_max, salary_unit = salary_from_fields(
        raw.get("salary_min"), raw.get("salary_max"), raw.get("salary_unit"), salary_text
    )
    return JobRecord(
        source=source,
        reference=reference,
        title=title,
        company=company,
        city=city,
        state=state,
        postal_code=postal_code,
        description=html_to_text(
            _raw_text(raw.get("description"), "description") or "", DESCRIPTION_MAX
        ),
        url=http_url(_text(raw.get("url"), "url"), URL_MAX),
        salary_min=salary_min,
        salary_max=salary_max,
        salary_unit=salary_unit,
        salary_text=salary_text,
        job_type=normalize_job_type(raw.get("jobtype")),
        category=shorten(_text(raw.get("category"), "category"), CATEGORY_MAX),
        posted_at=posted_at,
        valid_through=valid_through,
    )


# --- text fields ------------------------------------------------------------------------


def _raw_text(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Invalid(f"{field} is not text")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if not isinstance(value, str):
        raise _Invalid(f"{field} is not text")
    return value


def _text(value: Any, field: str) -> str | None:
    text = _raw_text(value, field)
    if text is None:
        return None
    return clean_text(html.unescape(text)) or None


def _required(value: str | None, field: str, limit: int) -> str:
    if not value:
        raise _Invalid(f"missing {field}")
    if len(value) > limit:
        raise _Invalid(f"{field} is {len(value)} characters long (limit {limit})")
    return value


# --- location ---------------------------------------------------------------------------

_CT_NAMES = {"ct", "conn", "connecticut"}
_US_NAMES = {"us", "usa", "united states", "united states of america", "america"}
_CITY_STATE_SUFFIX = re.compile(r",\s*(?:ct|conn\.?|connecticut)\s*$", re.IGNORECASE)


def _location(raw: Mapping[str, Any]) -> tuple[str | None, str, str | None]:
    city = _city(_text(raw.get("city"), "city"))
    postal_text = _text(raw.get("postalcode"), "postal code")
    state_text = _text(raw.get("state"), "state")
    country = _text(raw.get("country"), "country")
    postal_code = None
    if postal_text:
        postal_code = normalize_postal_code(postal_text)
        if postal_code is None:
            raise _Invalid(f"bad postal code {_quote(postal_text)}")
    if country and country.lower().replace(".", "") not in _US_NAMES:
        raise _Invalid(f"country is {shorten(country, 40)}, not US")
    if not city and not postal_code:
        raise _Invalid("missing city and postal code")
    if state_text and state_text.lower().rstrip(".") not in _CT_NAMES:
        raise _Invalid(f"state is {shorten(state_text, 40)}, not Connecticut")
    if not state_text and not postal_code:
        raise _Invalid("missing state and postal code: cannot tell the job is in Connecticut")
    if postal_code and not postal_code.startswith("06"):
        raise _Invalid(f"postal code {postal_code} is not in Connecticut")
    return city, "CT", postal_code


def _city(value: str | None) -> str | None:
    if not value:
        return None
    value = _CITY_STATE_SUFFIX.sub("", value).strip()
    if value.isupper() or value.islower():
        value = string.capwords(value)
    if len(value) > CITY_MAX:
        raise _Invalid(f"city is {len(value)} characters long (limit {CITY_MAX})")
    return value or None


# --- dates ------------------------------------------------------------------------------


def _date_field(
    value: Any, field: str, *, required: bool, end_of_day: bool = False
) -> datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _Invalid(f"missing {field}")
        return None
    try:
        parsed, has_time = parse_datetime_and_has_time(value)
    except (ValueError, OverflowError):
        raise _Invalid(f"bad {field} {_quote(str(value))}") from None
    if end_of_day and not has_time:
        parsed += timedelta(days=1, microseconds=-1)
    return parsed


def _quote(value: str, limit: int = 60) -> str:
    return "'" + (shorten(clean_text(value), limit) or "") + "'"
