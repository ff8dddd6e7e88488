"""Jobs posted through the employer portal, and the staff moderation queue.

A posting is checked like a feed record (`bot.jobs.records`), placed in a Connecticut
town, and screened for scam signals (bot.jobs.screening, as feed records are). It goes
live at once only when the employer is verified (staff approved one of its postings
before) and nothing was flagged; otherwise it waits in the moderation queue, with the
feed records held for the same reasons. Staff approve it (it becomes searchable on the
website and in the assistant's answers, and a portal employer is verified) or reject
it.

A job's ``posted_at`` is when it went live: the moment a clean posting is saved, or
the moment staff approve a held one. Job alerts ("new since the last digest") and
"posted N days ago" count from it, so a posting submitted before an alert was set up
but approved after it still reaches that alert's next digest.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import Employer, EmployerAccount, Job, Place
from bot.jobs.format import job_type_text, pay_text
from bot.jobs.records import Reject, validate
from bot.jobs.salary import pay_amount
from bot.jobs.screening import Screener
from bot.jobs.store import POSTING_FIELDS, ensure_places, locate, set_searchable
from bot.privacy.audit import record_audit

SOURCE = "portal"
# What the queue says of a posting's pay, type or kind of work when none was given.
NOT_STATED = "not stated"
APPLY_LINK_CHANGED = "apply_link_changed"
# Form field -> feed field, so a posting is checked exactly like a feed record.
FORM_FIELDS = {
    "title": "title",
    "place": "city",
    "description": "description",
    "salary_min": "salary_min",
    "salary_max": "salary_max",
    "salary_unit": "salary_unit",
    "job_type": "jobtype",
    "category": "category",
    "url": "url",
}


class PostingError(ValueError):
    """A posting that cannot be saved; the message says what to fix."""


@dataclass(frozen=True)
class QueuedPosting:
    """A posting awaiting staff, with what was flagged and where it came from, and
    its pay, job type and kind of work in words (:data:`NOT_STATED` when not given)."""

    id: int
    title: str
    employer: str
    town: str
    description: str
    url: str | None
    notes: tuple[str, ...]
    source: str
    pay: str
    job_type: str
    category: str

    @property
    def from_portal(self) -> bool:
        """Posted through the employer portal (else it came in a job feed)."""
        return self.source == SOURCE


def _checked(
    session: Session,
    account: EmployerAccount,
    form: Mapping[str, str],
    now: datetime,
    reference: str,
):
    """The form as a validated record, its place id and its scam signals."""
    raw = {feed: (form.get(field) or "").strip() for field, feed in FORM_FIELDS.items()}
    _check_pay_order(raw["salary_min"], raw["salary_max"])
    place = raw.pop("city")
    raw["postalcode" if place.isdigit() else "city"] = place
    raw.update(
        referencenumber=reference,
        company=account.employer.name,
        state="CT",
        date=now.date().isoformat(),
    )
    record = validate(raw, SOURCE, "the form")
    if isinstance(record, Reject):
        raise PostingError(f"Please check the posting: {record.reason}.")
    town = locate(record)
    if town is None:
        raise PostingError(f"We could not find a Connecticut town or ZIP code '{place}'.")
    notes = Screener(session).notes(record)
    return record, ensure_places(session)[town.name], notes


def _check_pay_order(low_text: str, high_text: str) -> None:
    """Refuse a pay range given backwards ("from $25 up to $18"): a feed's is read the
    right way round, but an employer typing it may have meant other numbers."""
    low, high = pay_amount(low_text), pay_amount(high_text)
    if low is not None and high is not None and low > high:
        raise PostingError(
            f'Please check the pay: "Pay from" ({low_text}) is more than "Pay up to" '
            f"({high_text}). Put the lower amount first."
        )


def _apply(
    session: Session,
    job: Job,
    account: EmployerAccount,
    record,
    place_id,
    notes,
    now: datetime,
) -> Job:
    """Write ``record`` onto ``job``: live when the employer is verified and nothing was
    flagged (or changed where applicants would be sent or paid), otherwise back in the
    moderation queue. A posting that goes live from the queue is posted now."""
    for name in POSTING_FIELDS:
        setattr(job, name, getattr(record, name))
    job.place_id = place_id
    live = account.employer.verified and not notes
    if live and job.status != "active":
        job.posted_at = now
    job.status = "active" if live else "pending"
    job.review_notes = "\n".join(notes) or None
    session.flush()
    set_searchable(session, job, live)
    return job


def submit(
    session: Session, account: EmployerAccount, form: Mapping[str, str], now: datetime | None = None
) -> Job:
    """Save a posting from ``form`` for ``account``'s employer; raises PostingError."""
    now = now or utcnow()
    record, place_id, notes = _checked(session, account, form, now, uuid.uuid4().hex)
    # Until it goes live (see _apply and decide), the time it was submitted.
    job = Job(
        source=SOURCE,
        reference=record.reference,
        employer_id=account.employer_id,
        posted_at=now,
        status="pending",
    )
    session.add(job)
    return _apply(session, job, account, record, place_id, notes, now)


def edit(
    session: Session,
    account: EmployerAccount,
    job_id: int,
    form: Mapping[str, str],
    now: datetime | None = None,
) -> Job | None:
    """Change one of the employer's open postings (checked again, as when posted);
    None if it is not theirs or is closed. Raises PostingError."""
    job = own_posting(session, account, job_id)
    if job is None or job.status == "closed":
        return None
    now = now or utcnow()
    record, place_id, notes = _checked(session, account, form, now, job.reference)
    changes = _sensitive_changes(job, record)
    if job.url != record.url:
        record_audit(
            session,
            APPLY_LINK_CHANGED,
            f"job {job.id}",
            f"{account.email} changed the apply link from {job.url or '(none)'} "
            f"to {record.url or '(none)'}",
            actor=f"{account.email} (employer)",
        )
    return _apply(session, job, account, record, place_id, [*notes, *changes], now)


def _sensitive_changes(job: Job, record) -> list[str]:
    """What an edit changed that sends applicants elsewhere or promises other pay: such
    an edit waits for staff even from a verified employer (an account taken over, or a
    posting turned into a phishing page, must not go live by itself)."""
    changes = []
    if job.url != record.url:
        changes.append(f"apply link changed from {job.url or '(none)'} to {record.url or '(none)'}")
    pay = ("salary_min", "salary_max", "salary_unit")
    if any(getattr(job, name) != getattr(record, name) for name in pay):
        changes.append("pay changed")
    return changes


def own_posting(session: Session, account: EmployerAccount, job_id: int) -> Job | None:
    """The employer's own portal posting ``job_id``, or None."""
    job = session.get(Job, job_id)
    if job is None or job.employer_id != account.employer_id or job.source != SOURCE:
        return None
    return job


def form_values(job: Job) -> dict[str, str]:
    """A posting as the form's fields, to edit it."""

    def text(value) -> str:
        return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    values = {field: text(getattr(job, field, None)) for field in FORM_FIELDS if field != "place"}
    values["job_type"] = job.job_type or ""
    values["place"] = job.postal_code or job.city or ""
    return values


def queue(session: Session) -> list[QueuedPosting]:
    """Postings awaiting staff, oldest first."""
    rows = session.execute(
        select(Job, Employer.name, Place.name)
        .join(Employer, Job.employer_id == Employer.id)
        .join(Place, Job.place_id == Place.id)
        .where(Job.status == "pending")
        .order_by(Job.created_at, Job.id)
    ).all()
    return [
        QueuedPosting(
            job.id,
            job.title,
            employer,
            town,
            job.description,
            job.url,
            tuple((job.review_notes or "").splitlines()),
            job.source,
            pay=pay_text(job.salary_min, job.salary_max, job.salary_unit, job.salary_text)
            or NOT_STATED,
            job_type=job_type_text(job.job_type) or NOT_STATED,
            category=job.category or NOT_STATED,
        )
        for job, employer, town in rows
    ]


def decide(session: Session, job_id: int, approve: bool, now: datetime | None = None) -> Job | None:
    """Approve or reject a pending posting or held feed job.

    Approved, it goes live and searchable, posted ``now``; an employer portal posting
    also makes its employer verified. (A feed job does not: the feed, not the
    employer, sent it, and the employer may have portal accounts of its own.)
    """
    job = session.get(Job, job_id)
    if job is None or job.status != "pending":
        return None
    if approve:
        job.status = "active"
        job.posted_at = max(job.posted_at, now or utcnow())
        if job.source == SOURCE:
            session.get(Employer, job.employer_id).verified = True
        set_searchable(session, job, True)
    else:
        job.status = "closed"
    return job


def own_postings(session: Session, account: EmployerAccount) -> list[Job]:
    """The account's employer's portal postings, newest first."""
    return list(
        session.scalars(
            select(Job)
            .where(Job.employer_id == account.employer_id, Job.source == SOURCE)
            .order_by(Job.created_at.desc(), Job.id.desc())
        )
    )


def close(session: Session, account: EmployerAccount, job_id: int) -> Job | None:
    """Withdraw one of the employer's own postings; None if it is not theirs."""
    job = own_posting(session, account, job_id)
    if job is None:
        return None
    job.status = "closed"
    set_searchable(session, job, False)
    return job
