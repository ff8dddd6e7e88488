"""The typical pay beside a job posting: its occupation's OEWS figures in its town's area.

Postings are mapped to their occupation when they are shown, not when they are
imported. Matching a title takes about 0.2 ms once the matcher is built (once per
process and release), so a page of results costs a few milliseconds; in exchange
there is no ``soc_code`` column to migrate and keep in step: the demo load and the
feed import need not run after ``load-wages``, a newer release or a better job-word
table re-maps every posting at once, and postings shown before any wages are loaded
simply get no line. No occupation or no published figure means no typical pay, never
a guess.

The dialogue, the web pages and the API compose these; the texts are in bot.wages.pay.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Job
from bot.wages.occupations import posting_occupation
from bot.wages.pay import TypicalPay, typical_pay_in_town


def posting_pay(
    session: Session, title: str | None, category: str | None, town: str | None
) -> TypicalPay | None:
    """The typical pay of a posting's occupation in ``town``'s OEWS area, or None."""
    match = posting_occupation(session, title, category)
    if match is None:
        return None
    return typical_pay_in_town(session, match.soc_code, town)


def postings_pay(
    session: Session, postings: Iterable[tuple[int, str, str | None]]
) -> dict[int, TypicalPay | None]:
    """Job id -> typical pay for (job id, title, town) postings, their feed categories
    read in one query."""
    postings = list(postings)
    ids = [job_id for job_id, _, _ in postings]
    categories = dict(
        session.execute(select(Job.id, Job.category).where(Job.id.in_(ids))).all() if ids else ()
    )
    return {
        job_id: posting_pay(session, title, categories.get(job_id), town)
        for job_id, title, town in postings
    }


def typical_pay_json(pay: TypicalPay | None) -> dict | None:
    """The API's ``typical_pay`` object (see openapi.yml), or None."""
    if pay is None:
        return None
    hourly = pay.unit == "hour"
    return {
        "occupation_code": pay.soc_code,
        "occupation": pay.occupation,
        "area_code": pay.area_code,
        "area": pay.area_name,
        "statewide_fallback_for": pay.asked_area_code,
        "release": pay.release,
        "unit": pay.unit,
        "median": pay.hourly_median if hourly else pay.annual_median,
        "low": pay.hourly_low if hourly else pay.annual_low,
        "high": pay.hourly_high if hourly else pay.annual_high,
        "range_percentiles": pay.pay_range,
        "source": "BLS OEWS",
    }
