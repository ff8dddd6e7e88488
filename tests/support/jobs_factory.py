"""Building job records for tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.jobs.records import JobRecord

NOW = datetime(2026, 11, 25, 15, 0, 0)


def record(reference: str, title: str = "Warehouse Associate", **overrides) -> JobRecord:
    """A valid record in Hartford posted a day before NOW; override any field."""
    values = dict(
        source="test",
        reference=reference,
        title=title,
        company="Nutmeg Logistics",
        city="Hartford",
        state="CT",
        postal_code="06106",
        description="Pick and pack orders.",
        url=f"https://jobs.example.org/test/{reference}",
        salary_min=18.0,
        salary_max=22.0,
        salary_unit="hour",
        salary_text="$18 - $22 per hour",
        job_type="full_time",
        category="Warehouse & Logistics",
        posted_at=NOW - timedelta(days=1),
        valid_through=None,
    )
    values.update(overrides)
    return JobRecord(**values)
