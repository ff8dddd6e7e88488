"""Validating one job record: salary, dates and job types read from free text, and
the reasons a record is refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.jobs.dates import parse_datetime
from bot.jobs.job_types import normalize_job_type
from bot.jobs.records import DESCRIPTION_MAX, JobRecord, Reject, validate
from bot.jobs.salary import parse_salary

GOOD = {
    "title": "Forklift Operator",
    "referencenumber": "R1",
    "company": "Nutmeg Logistics",
    "city": "Hartford",
    "state": "CT",
    "postalcode": "06106",
    "date": "2026-11-20",
    "description": "Move pallets.",
}


def _raw(**changes: object) -> dict[str, object]:
    raw = dict(GOOD)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    return raw


def _record(**changes: object) -> JobRecord:
    result = validate(_raw(**changes), "test", "record 1")
    assert isinstance(result, JobRecord), result
    return result


def _reason(**changes: object) -> str:
    result = validate(_raw(**changes), "test", "record 1")
    assert isinstance(result, Reject), result
    return result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$18 - $22 per hour", (18.0, 22.0, "hour")),
        ("$18.50/hr", (18.5, 18.5, "hour")),
        ("$55,000 - $65,000 a year", (55000.0, 65000.0, "year")),
        ("55K-65K yearly", (55000.0, 65000.0, "year")),
        ("$55-65k per year", (55000.0, 65000.0, "year")),
        ("Up to $25 an hour", (None, 25.0, "hour")),
        ("Starting at $20/hour", (20.0, None, "hour")),
        ("$900 weekly", (900.0, 900.0, "week")),
        ("$140 per day", (140.0, 140.0, "day")),
        ("$4,000/month", (4000.0, 4000.0, "month")),
        ("between 20 and 24 dollars hourly", (20.0, 24.0, "hour")),
        ("$22 - $18 an hour", (18.0, 22.0, "hour")),
        ("$18 - $22", (18.0, 22.0, "hour")),
        ("$70,000", (70000.0, 70000.0, "year")),
        ("$20/hr plus 401k", (20.0, 20.0, "hour")),
        ("Competitive", (None, None, None)),
        ("DOE", (None, None, None)),
    ],
)
def test_salary_text(text, expected):
    assert parse_salary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 02 Nov 2026 10:00:00 GMT", datetime(2026, 11, 2, 10, 0)),
        ("Mon, 02 Nov 2026 10:00:00 -0500", datetime(2026, 11, 2, 15, 0)),
        ("Mon, 02 Nov 2026 10:00:00 EST", datetime(2026, 11, 2, 15, 0)),
        ("2026-11-02T10:00:00Z", datetime(2026, 11, 2, 10, 0)),
        ("2026-11-02T10:00:00.123456789+01:00", datetime(2026, 11, 2, 9, 0, 0, 123456)),
        ("2026-11-02T10:00:00", datetime(2026, 11, 2, 10, 0)),
        ("2026-11-02 10:00", datetime(2026, 11, 2, 10, 0)),
        ("2026-11-02", datetime(2026, 11, 2)),
        ("11/02/2026", datetime(2026, 11, 2)),
        ("11/2/2026 3:30 PM", datetime(2026, 11, 2, 15, 30)),
        (date(2026, 11, 2), datetime(2026, 11, 2)),
    ],
)
def test_date_formats(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["32/13/2024", "2026-02-30", "yesterday", "", "13/01/2026"])
def test_bad_dates_raise_value_error(text):
    with pytest.raises(ValueError):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Full-time", "full_time"),
        ("FULL_TIME", "full_time"),
        ("part time", "part_time"),
        ("Contract", "contract"),
        ("Temporary", "temporary"),
        ("Temp-to-hire", "temporary"),
        ("Per Diem", "per_diem"),
        ("PRN", "per_diem"),
        ("Internship", "internship"),
        ("Full-time, Part-time", "full_time"),
        (["OTHER", "PART_TIME"], "part_time"),
        ("Volunteer", None),
    ],
)
def test_job_type_text(text, expected):
    assert normalize_job_type(text) == expected


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": None}, "missing title"),
        ({"referencenumber": "  "}, "missing reference number"),
        ({"company": None}, "missing company"),
        ({"city": None, "postalcode": None}, "missing city and postal code"),
        ({"state": "New York"}, "state is New York, not Connecticut"),
        ({"postalcode": "10001"}, "postal code 10001 is not in Connecticut"),
        ({"postalcode": "ABC"}, "bad postal code 'ABC'"),
        ({"country": "CA"}, "country is CA, not US"),
        ({"state": None, "postalcode": None}, "missing state and postal code"),
        ({"date": None}, "missing date"),
        ({"expirationdate": "soon"}, "bad expiration date 'soon'"),
        ({"title": "x" * 201}, "title is 201 characters long (limit 200)"),
        ({"title": {"text": "Cook"}}, "title is not text"),
    ],
)
def test_validation_reasons(changes, reason):
    assert _reason(**changes).startswith(reason)


def test_validation_normalizes_and_never_raises():
    record = _record(
        state=None,
        postalcode="6106",
        title="Cook\x00\x07 \u200bII",
        description="x " * 8000,
        salary_min="18",
        salary_max=22,
        salary_unit="HOUR",
        salary="$1 - $2",
        url="http://jobs.example.org/a?b=1&c=2",
        date=datetime(2026, 11, 2, 10, 0),
    )
    assert (record.state, record.postal_code, record.title) == ("CT", "06106", "Cook II")
    assert DESCRIPTION_MAX - 100 < len(record.description) <= DESCRIPTION_MAX
    assert record.description.endswith("x…")
    assert (record.salary_min, record.salary_max, record.salary_unit) == (18.0, 22.0, "hour")
    assert record.salary_text == "$1 - $2"
    assert record.url == "http://jobs.example.org/a?b=1&c=2"
    assert isinstance(validate(["not", "a", "dict"], "x", "record 9"), Reject)  # type: ignore[arg-type]
    assert isinstance(validate(_raw(date=object()), "x", "record 9"), Reject)
