"""What the job board pages show: search form choices, result rows with their links,
page links, and one job's page, in the page's language. The views in bot.web.public
stay thin, and the templates only print what is built here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import Employer, Job, Place
from bot.i18n import N_
from bot.jobs.format import job_type_text, pay_text
from bot.jobs.job_types import JOB_TYPES
from bot.jobs.links import apply_url
from bot.jobs.search import JobHit, JobPage
from bot.wages.pay import typical_pay_text
from bot.wages.postings import posting_pay, postings_pay
from bot.web.language import page_text

RADIUS_CHOICES = (5, 10, 25, 50)
# "Posted within" choices, in days; none means any date.
DAYS_CHOICES = (1, 3, 7, 14, 30)
# The query-string arguments a search keeps from page to page.
SEARCH_ARGS = ("q", "place", "radius", "type", "days")
# Ids beyond this cannot be in the table (PostgreSQL integer); asking for one is a 404.
MAX_JOB_ID = 2**31 - 1
PENDING = N_("This job is being checked by our staff. Please try again later.")
GONE = N_("That job is no longer posted. Search for other jobs from the home page.")


@dataclass(frozen=True)
class Choice:
    """One option of a select box."""

    value: str
    label: str
    selected: bool


def radius_choices(radius: float) -> list[Choice]:
    """The miles a person can pick, with ``radius`` selected (added if it is not one of
    the usual choices, so a link with another radius shows what was searched)."""
    _ = page_text()
    miles = sorted({*RADIUS_CHOICES, radius})
    return [Choice(f"{m:g}", _("%(miles)s miles", miles=f"{m:g}"), m == radius) for m in miles]


def job_type_choices(job_type: str | None) -> list[Choice]:
    """Any type, then every job type, with ``job_type`` selected."""
    _ = page_text()
    choices = [Choice("", _("Any type"), job_type is None)]
    choices += [
        Choice(kind, job_type_text(kind, _.language).capitalize(), kind == job_type)
        for kind in JOB_TYPES
    ]
    return choices


def days_choices(days: int | None) -> list[Choice]:
    """Any date, then the "posted within" choices, with ``days`` selected (added if it is
    not one of them, so a link with other days shows what was searched)."""
    _ = page_text()
    choices = [Choice("", _("Any date"), not days)]
    for number in sorted({*DAYS_CHOICES, *([days] if days else [])}):
        label = _("Today") if number == 1 else _("Last %(count)s days", count=number)
        choices.append(Choice(str(number), label, number == days))
    return choices


def _days_since(posted_at: datetime, now: datetime | None = None) -> int:
    return max(((now or utcnow()) - posted_at).days, 0)


def posted_text(posted_at: datetime, now: datetime | None = None) -> str:
    """'posted today', 'posted 1 day ago', 'posted 12 days ago'."""
    _ = page_text()
    days = _days_since(posted_at, now)
    if days == 0:
        return _("posted today")
    return _.plural("posted %(count)s day ago", "posted %(count)s days ago", days)


def _place_text(hit: JobHit) -> str:
    if hit.distance_miles is None or hit.distance_miles < 1:
        return hit.town
    _ = page_text()
    return _("%(town)s (%(miles)s miles away)", town=hit.town, miles=f"{hit.distance_miles:.0f}")


def result_rows(
    db: Session, page: JobPage, public_base_url: str, now: datetime | None = None
) -> list[dict]:
    """One card per hit: title, employer, where, pay, type, age, typical pay in the
    area, its page and apply link."""
    _ = page_text()
    ids = [hit.id for hit in page.hits]
    codes = dict(db.execute(select(Job.id, Job.link_code).where(Job.id.in_(ids))).all())
    typical = postings_pay(db, [(hit.id, hit.title, hit.town) for hit in page.hits])
    rows = []
    for hit in page.hits:
        pay = pay_text(hit.salary_min, hit.salary_max, hit.salary_unit, hit.salary_text, _.language)
        rows.append(
            {
                "title": hit.title,
                "employer": hit.employer,
                "place": _place_text(hit),
                "pay": pay,
                "job_type": (job_type_text(hit.job_type, _.language) or "").capitalize() or None,
                "posted": posted_text(hit.posted_at, now).capitalize(),
                # Under the posting's own pay: its occupation's typical pay in the area.
                "typical": typical_pay_text(typical[hit.id], _.language)
                if typical[hit.id]
                else None,
                "page_url": url_for("public.job", job_id=hit.id),
                "apply_url": apply_url(public_base_url, codes[hit.id]),
                "apply_label": _(
                    "Apply for %(title)s at %(employer)s", title=hit.title, employer=hit.employer
                ),
            }
        )
    return rows


def page_links(
    args: Mapping[str, str], page: JobPage, widened_to: float | None = None
) -> dict[str, str | None]:
    """Previous and next page links that keep the search; ``widened_to`` is the radius
    the results came from when nothing was within the one asked."""
    kept = {name: args[name] for name in SEARCH_ARGS if args.get(name)}
    if widened_to is not None:
        kept["radius"] = f"{widened_to:g}"

    def link(number: int) -> str:
        return (
            url_for("public.jobs", **kept, page=number)
            if number > 1
            else url_for("public.jobs", **kept)
        )

    return {
        "previous": link(page.page - 1) if page.page > 1 else None,
        "next": link(page.page + 1) if page.has_more else None,
    }


def is_web_address(url: str | None) -> bool:
    """True for an http(s) address: the only kind an apply link may lead to."""
    return bool(url) and urlsplit(url).scheme in ("http", "https")


def job_page(
    db: Session, job_id: int, public_base_url: str, now: datetime | None = None
) -> tuple[dict | None, str | None]:
    """(what the job's own page shows, None), or (None, why it cannot be shown)."""
    now = now or utcnow()
    row = None
    if 0 < job_id <= MAX_JOB_ID:
        row = db.execute(
            select(Job, Employer.name, Place.name)
            .join(Employer, Job.employer_id == Employer.id)
            .join(Place, Job.place_id == Place.id)
            .where(Job.id == job_id)
        ).one_or_none()
    if row is None:
        return None, GONE
    job, employer, town = row
    if job.status == "pending":
        return None, PENDING
    if job.status != "active" or (job.valid_through is not None and job.valid_through < now):
        return None, GONE
    _ = page_text()
    days = _days_since(job.posted_at, now)
    posted = _("today") if days == 0 else _.plural("%(count)s day ago", "%(count)s days ago", days)
    typical = posting_pay(db, job.title, job.category, town)
    typical = typical_pay_text(typical, _.language) if typical else None
    facts = [
        (_("Employer"), employer),
        (_("Town"), town),
        (
            _("Pay"),
            pay_text(job.salary_min, job.salary_max, job.salary_unit, job.salary_text, _.language),
        ),
        # Under the posting's own pay: its occupation's typical pay in the town's area.
        (_("Typical pay in the area"), typical),
        (_("Job type"), job_type_text(job.job_type, _.language)),
        (_("Posted"), posted),
    ]
    return {
        "title": job.title,
        "employer": employer,
        "facts": [(name, value) for name, value in facts if value],
        "paragraphs": [p.strip() for p in (job.description or "").split("\n") if p.strip()],
        # Only a web address can be applied at; otherwise the page says whom to ask.
        "apply_url": apply_url(public_base_url, job.link_code) if is_web_address(job.url) else None,
    }, None
