"""The words of a job line in the reader's language: pay units, job types and how
long ago a job was posted; the English lines read exactly as before."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.jobs.format import age_text, job_type_text, pay_text, short_age_text, summary_line
from bot.jobs.search import JobHit

NOW = datetime(2026, 12, 1, 15, 0)


def hit(**changes) -> JobHit:
    values = dict(
        id=1, title="Forklift Operator", employer="Nutmeg Logistics", town="Hartford",
        distance_miles=3.2, salary_min=19, salary_max=23, salary_unit="hour",
        salary_text=None, job_type="full_time", posted_at=NOW - timedelta(days=2),
        url=None, score=1.0,
    )  # fmt: skip
    return JobHit(**{**values, **changes})


def test_the_english_line_is_unchanged():
    assert summary_line(1, hit(), NOW) == (
        "1) Forklift Operator - Nutmeg Logistics, Hartford 3mi, $19-$23/hr, FT, 2d ago"
    )


def test_the_spanish_line():
    assert summary_line(1, hit(), NOW, "es") == (
        "1) Forklift Operator - Nutmeg Logistics, Hartford 3mi, $19-$23/hora, "
        "tiempo completo, hace 2d"
    )
    fresh = hit(job_type="part_time", salary_unit="year", salary_min=55000, salary_max=None,
                posted_at=NOW)  # fmt: skip
    assert summary_line(2, fresh, NOW, "es").endswith("$55k/año, medio tiempo, hoy")


@pytest.mark.parametrize(
    ("days", "english", "spanish"),
    [(0, "new today", "nuevo hoy"), (1, "1 day ago", "hace 1 día"),
     (12, "12 days ago", "hace 12 días")],
)  # fmt: skip
def test_ages_in_both_languages(days, english, spanish):
    posted = NOW - timedelta(days=days)
    assert age_text(posted, NOW) == english
    assert age_text(posted, NOW, "es") == spanish


def test_types_pay_and_short_ages_in_spanish():
    assert job_type_text("temporary", "es") == "temporal"
    assert job_type_text("internship", "es") == "práctica"
    assert job_type_text(None, "es") is None
    assert pay_text(18, None, "hour", None, "es") == "$18/hora"
    # A feed's own pay words are the employer's: shown as they came.
    assert pay_text(None, None, None, "DOE", "es") == "DOE"
    assert short_age_text(NOW, NOW, "es") == "hoy"
