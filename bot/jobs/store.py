"""Saving imported job records: places, employers, jobs and their search terms.

Every new or changed record is screened for scam signals (bot.jobs.screening), the
same check employer postings get: a flagged record is saved but held in the staff
moderation queue, out of search, until staff approve it. A held or rejected job stays
so whatever the feed sends next; a live job whose posting text or pay changes is
screened again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot import geo
from bot.clock import utcnow
from bot.db.models import Employer, Job, JobTerm, Place
from bot.jobs.records import JobRecord, Reject
from bot.jobs.salary import hourly
from bot.jobs.screening import Screener
from bot.jobs.shifts import shift_terms
from bot.jobs.text import index_terms
from bot.text import fold

CHUNK_SIZE = 1000
ANALYZE_AFTER = 1000

# Columns copied from a record onto the jobs row; a change in any of them is an update.
# What an employer writes in a posting, the same as a feed record carries.
POSTING_FIELDS = (
    "title",
    "city",
    "postal_code",
    "description",
    "url",
    "salary_min",
    "salary_max",
    "salary_unit",
    "salary_text",
    "job_type",
    "category",
)
# Feeds also date their records.
_JOB_FIELDS = POSTING_FIELDS + ("posted_at", "valid_through")
LIVE, HELD, CLOSED = "active", "pending", "closed"


@dataclass(frozen=True)
class Held:
    """A record saved but held for staff review, with the scam signals found."""

    reference: str
    title: str
    notes: tuple[str, ...]


@dataclass
class ImportReport:
    """What an import did: counts, one line per record that was not saved, and the
    records held for staff review (counted among those created or updated)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejects: list[Reject] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Human-readable report lines: rejected records, held records, then the counts."""
        out = [
            f"rejected {r.position} ({r.reference or 'no reference'}): {r.reason}"
            for r in self.rejects
        ]
        out += [
            f"held for staff review {h.reference} ({h.title}): {'; '.join(h.notes)}"
            for h in self.held
        ]
        summary = (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.rejects)} rejected"
        )
        if self.held:
            summary += f", {len(self.held)} held for staff review"
        out.append(summary)
        return out


def ensure_places(session: Session) -> dict[str, int]:
    """Make sure the 169 towns are in the places table; return town name -> place id."""
    existing = {name: pid for pid, name in session.execute(select(Place.id, Place.name))}
    missing = [t for t in geo.towns() if t.name not in existing]
    if missing:
        session.execute(
            insert(Place),
            [{"name": t.name, "county": t.county, "lat": t.lat, "lon": t.lon} for t in missing],
        )
        existing = {name: pid for pid, name in session.execute(select(Place.id, Place.name))}
    return existing


def locate(record: JobRecord) -> geo.Town | None:
    """The Connecticut town a record's postal code or city names, if any."""
    if record.postal_code:
        zip_info = geo.zip_code(record.postal_code)
        if zip_info is not None:
            return geo.town(zip_info.town)
    if record.city:
        match = geo.resolve(record.city)
        if match.status == "found":
            return match.town
    return None


def employer_key(name: str) -> str:
    """Normalized employer name used to avoid duplicate employers."""
    return fold(name)[:200]


def _employer_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    wanted = {employer_key(n): n.strip()[:200] for n in names}
    rows = session.execute(
        select(Employer.name_key, Employer.id).where(Employer.name_key.in_(list(wanted)))
    )
    ids = dict(rows.all())
    missing = [
        {"name": wanted[k], "name_key": k, "created_at": utcnow()} for k in wanted if k not in ids
    ]
    if missing:
        session.execute(insert(Employer), missing)
        rows = session.execute(
            select(Employer.name_key, Employer.id).where(
                Employer.name_key.in_([m["name_key"] for m in missing])
            )
        )
        ids.update(rows.all())
    return ids


def _term_rows(job_id: int, values: dict) -> list[dict]:
    top_pay = values["salary_max"] if values["salary_max"] is not None else values["salary_min"]
    copied = {
        "job_id": job_id,
        "place_id": values["place_id"],
        "posted_at": values["posted_at"],
        "valid_through": values["valid_through"],
        "job_type": values["job_type"],
        "hourly_pay": hourly(top_pay, values["salary_unit"]),
    }
    return [
        {**copied, "term": term, "weight": weight} for term, weight in _index_terms(values).items()
    ]


def _index_terms(values: dict) -> dict[str, float]:
    """A job's search terms: its title and category words and synonym tags, and the
    same within each shift it offers."""
    terms = index_terms(values["title"], values.get("category"))
    return {**terms, **shift_terms(terms, values["title"], values.get("description"))}


def import_records(
    session: Session, records: Sequence[JobRecord], now: datetime | None = None
) -> ImportReport:
    """Insert new jobs and update changed ones, matched on (source, reference).

    A record whose place is not in Connecticut is rejected with a reason; the rest
    are saved. Safe to run again with the same feed: nothing is duplicated.
    """
    now = now or utcnow()
    report = ImportReport()
    places = ensure_places(session)
    screener = Screener(session)
    for start in range(0, len(records), CHUNK_SIZE):
        chunk = records[start : start + CHUNK_SIZE]
        _import_chunk(session, chunk, places, now, report, screener)
    if report.created + report.updated >= ANALYZE_AFTER and _is_postgres(session):
        # Fresh statistics after a bulk load, or PostgreSQL plans searches on stale
        # row estimates (a 15 ms bitmap scan where a 0.1 ms index scan would do).
        session.execute(text("ANALYZE jobs, job_terms"))
    return report


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _import_chunk(
    session: Session,
    chunk: Sequence[JobRecord],
    places: dict[str, int],
    now: datetime,
    report: ImportReport,
    screener: Screener,
) -> None:
    located: dict[tuple[str, str], tuple[JobRecord, int]] = {}
    for record in chunk:
        town = locate(record)
        if town is None:
            where = record.postal_code or record.city or "no location"
            report.rejects.append(
                Reject(
                    position=f"record {record.reference}",
                    reference=record.reference,
                    reason=f"unknown Connecticut location '{where}'",
                )
            )
            continue
        # The last occurrence of a reference within one feed wins.
        located[(record.source, record.reference)] = (record, places[town.name])
    if not located:
        return
    employers = _employer_ids(session, {r.company for r, _ in located.values()})
    existing = _existing_jobs(session, list(located))

    new_rows: list[dict] = []
    changed: list[dict] = []
    for key, (record, place_id) in located.items():
        values = {name: getattr(record, name) for name in _JOB_FIELDS}
        values["place_id"] = place_id
        values["employer_id"] = employers[employer_key(record.company)]
        current = existing.get(key)
        if current is None:
            notes = _screen(record, screener, report)
            new_rows.append(
                {
                    **values,
                    "source": record.source,
                    "reference": record.reference,
                    "status": HELD if notes else LIVE,
                    "review_notes": "\n".join(notes) or None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            continue
        # A job keeps the time it went live: a feed re-sending an older date (after
        # staff approved the job later than that) does not make it older.
        values["posted_at"] = max(values["posted_at"], current["posted_at"])
        if all(current[name] == value for name, value in values.items()):
            report.unchanged += 1
            continue
        status, review_notes = current["status"], current["review_notes"]
        posting_changed = any(current[name] != values[name] for name in POSTING_FIELDS)
        if posting_changed and status != CLOSED:
            notes = _screen(record, screener, report)
            if notes:
                status, review_notes = HELD, "\n".join(notes)
        changed.append(
            {
                **values,
                "status": status,
                "review_notes": review_notes,
                "job_id": current["id"],
                "updated_at": now,
            }
        )

    if new_rows:
        session.execute(insert(Job), new_rows)
        ids = _existing_jobs(session, [(r["source"], r["reference"]) for r in new_rows])
        _insert_terms(
            session,
            [
                (ids[(values["source"], values["reference"])]["id"], values)
                for values in new_rows
                if values["status"] == LIVE
            ],
        )
        report.created += len(new_rows)
    if changed:
        session.execute(
            update(Job.__table__).where(Job.__table__.c.id == bindparam("job_id")),
            changed,
        )
        changed_ids = [values["job_id"] for values in changed]
        session.execute(delete(JobTerm).where(JobTerm.job_id.in_(changed_ids)))
        _insert_terms(
            session, [(values["job_id"], values) for values in changed if values["status"] == LIVE]
        )
        report.updated += len(changed)


def _screen(record: JobRecord, screener: Screener, report: ImportReport) -> list[str]:
    """The record's scam signals; a flagged record is noted in the report as held."""
    notes = screener.notes(record)
    if notes:
        report.held.append(Held(record.reference, record.title, tuple(notes)))
    return notes


def _insert_terms(session: Session, jobs: list[tuple[int, dict]]) -> None:
    """Index live jobs: (job id, its column values) pairs."""
    rows = [row for job_id, values in jobs for row in _term_rows(job_id, values)]
    if rows:
        session.execute(insert(JobTerm), rows)


def _existing_jobs(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    by_source: dict[str, list[str]] = {}
    for source, reference in keys:
        by_source.setdefault(source, []).append(reference)
    columns = [Job.id, Job.source, Job.reference, Job.place_id, Job.employer_id]
    columns += [Job.status, Job.review_notes]
    columns += [getattr(Job, name) for name in _JOB_FIELDS]
    found: dict[tuple[str, str], dict] = {}
    for source, references in by_source.items():
        rows = session.execute(
            select(*columns).where(Job.source == source, Job.reference.in_(references))
        )
        for row in rows.mappings():
            found[(row["source"], row["reference"])] = dict(row)
    return found


def set_searchable(session: Session, job: Job, searchable: bool) -> None:
    """Put ``job`` in the search index (it is live) or take it out (pending, closed).

    Imported jobs are indexed as they are saved; postings from the employer portal go
    live through here once approved.
    """
    session.execute(delete(JobTerm).where(JobTerm.job_id == job.id))
    if searchable:
        values = {name: getattr(job, name) for name in _JOB_FIELDS}
        values["place_id"] = job.place_id
        rows = _term_rows(job.id, values)
        if rows:
            session.execute(insert(JobTerm), rows)


def employer_id_for(session: Session, name: str) -> int:
    """The id of the employer called ``name``, created if new."""
    return _employer_ids(session, [name])[employer_key(name)]


def reindex_jobs(session: Session | Connection) -> int:
    """Rebuild the search index of every live job, for when the indexing rules changed
    (synonym groups, shift words). Returns how many jobs were indexed. Takes a
    connection too, as a migration has."""
    jobs = Job.__table__.c
    columns = [jobs.id, jobs.place_id, *(jobs[name] for name in _JOB_FIELDS)]
    last_id, indexed = 0, 0
    while True:
        rows = (
            session.execute(
                select(*columns)
                .where(jobs.status == "active", jobs.id > last_id)
                .order_by(jobs.id)
                .limit(CHUNK_SIZE)
            )
            .mappings()
            .all()
        )
        if not rows:
            return indexed
        ids = [row["id"] for row in rows]
        session.execute(delete(JobTerm).where(JobTerm.job_id.in_(ids)))
        term_rows = [term for row in rows for term in _term_rows(row["id"], dict(row))]
        if term_rows:
            session.execute(insert(JobTerm), term_rows)
        last_id, indexed = ids[-1], indexed + len(rows)
