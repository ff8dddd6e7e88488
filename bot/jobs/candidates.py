"""Fetching search candidates with bounded work, whatever the size of the job table.

Each plan asks the database for the best few rows of many small sorted lists at
once (one UNION ALL statement), so a query reads a few hundred index entries even
when a word appears in thousands of jobs:

- keyword and place: one list per (index term, town), ordered by term weight, then
  posting date, from the (term, place_id, weight, posted_at) index;
- keyword only: one list per index term, from the (term, weight, posted_at) index;
- place only: one list per town, newest first, from the (status, place_id, posted_at)
  index; no place and no keyword: the newest jobs statewide;
- a shift and no keyword: the shift's tag is the index term (every posting of it
  weighs the same, so its lists are newest first).

A shift with a keyword, and a minimum pay, are conditions on each list's rows (the
job's shift tag, by primary key; the job's pay, by primary key). A list then reads
past the rows that fail them: a rare shift or a high minimum makes lists read
further, up to every posting of the term in that town, never the whole table.

Within one list every job has the same nearness, so its order is the ranking order
for that list, and the union of each list's top n holds the overall top n for
single-word searches. For several words the search re-scores these candidates on
all their terms (see bot.jobs.search).

The SQL is written as text because SQLAlchemy's compiler costs more than the
query itself for a 200-part union; every value is a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, String, bindparam, text
from sqlalchemy.orm import Session

from bot.jobs.salary import HOURS_PER

# SQLite refuses compound statements of more than 500 parts.
MAX_PARTS = 450


@dataclass(frozen=True)
class Row:
    """One posting of an index term (or, for place-only plans, of a job)."""

    job_id: int
    term: str | None
    weight: float
    place_id: int
    posted_at: datetime


@dataclass(frozen=True)
class Filters:
    """Conditions every candidate must meet."""

    now: datetime
    job_type: str | None = None
    posted_after: datetime | None = None
    # A job index term every candidate must have (a shift's tag).
    shift_term: str | None = None
    # Top pay (the only pay when no range is given) per hour at least this.
    min_hourly_pay: float | None = None


# A job's pay row (alias pay) per hour is at least :min_hourly_pay; no pay or no unit fails.
_PAY_AT_LEAST = (
    "COALESCE(pay.salary_max, pay.salary_min) >= :min_hourly_pay * CASE pay.salary_unit "
    + " ".join(f"WHEN '{unit}' THEN {hours!r}" for unit, hours in HOURS_PER.items())
    + " END"
)


def _conditions(filters: Filters, job_id: str) -> str:
    """The WHERE conditions for rows of job_terms or jobs whose job id is ``job_id``."""
    parts = ["(valid_through IS NULL OR valid_through >= :now)"]
    if filters.job_type:
        parts.append("job_type = :job_type")
    if filters.posted_after:
        parts.append("posted_at >= :posted_after")
    if filters.shift_term:
        parts.append(
            "EXISTS (SELECT 1 FROM job_terms shift_posting WHERE shift_posting.job_id = "
            f"{job_id} AND shift_posting.term = :shift_term)"
        )
    if filters.min_hourly_pay is not None:
        parts.append(f"EXISTS (SELECT 1 FROM jobs pay WHERE pay.id = {job_id} AND {_PAY_AT_LEAST})")
    return " AND ".join(parts)


def _run(session: Session, parts: list[str], params: dict, filters: Filters) -> list[Row]:
    if not parts:
        return []
    sql = " UNION ALL ".join(f"SELECT * FROM ({part}) AS p{i}" for i, part in enumerate(parts))
    statement = text(sql).bindparams(
        bindparam("now", type_=DateTime()),
        *([bindparam("posted_after", type_=DateTime())] if filters.posted_after else []),
        *(
            [bindparam("min_hourly_pay", type_=Float())]
            if filters.min_hourly_pay is not None
            else []
        ),
    )
    statement = statement.columns(
        job_id=Integer(), term=String(), weight=Float(), place_id=Integer(), posted_at=DateTime()
    )
    params = {**params, "now": filters.now}
    if filters.job_type:
        params["job_type"] = filters.job_type
    if filters.posted_after:
        params["posted_after"] = filters.posted_after
    if filters.shift_term:
        params["shift_term"] = filters.shift_term
    if filters.min_hourly_pay is not None:
        params["min_hourly_pay"] = filters.min_hourly_pay
    return [Row(*row) for row in session.execute(statement, params)]


def _chunks(parts: list[str]) -> list[list[str]]:
    return [parts[i : i + MAX_PARTS] for i in range(0, len(parts), MAX_PARTS)]


def term_postings(
    session: Session,
    terms: list[str],
    place_ids: list[int] | None,
    per_list: int,
    filters: Filters,
) -> list[Row]:
    """The top ``per_list`` postings of each term (in each town, when towns are given)."""
    select_list = "SELECT job_id, term, weight, place_id, posted_at FROM job_terms"
    order = f"ORDER BY weight DESC, posted_at DESC LIMIT {int(per_list)}"
    where = _conditions(filters, "job_terms.job_id")
    params: dict = {f"t{i}": term for i, term in enumerate(terms)}
    parts = []
    for i in range(len(terms)):
        if place_ids is None:
            parts.append(f"{select_list} WHERE term = :t{i} AND {where} {order}")
        else:
            parts += [
                f"{select_list} WHERE term = :t{i} AND place_id = {int(pid)} AND {where} {order}"
                for pid in place_ids
            ]
    rows: list[Row] = []
    for chunk in _chunks(parts):
        rows += _run(session, chunk, params, filters)
    return rows


def newest_jobs(
    session: Session, place_ids: list[int] | None, per_list: int, filters: Filters
) -> list[Row]:
    """The ``per_list`` newest active jobs of each town (or statewide)."""
    if filters.shift_term:
        return term_postings(
            session, [filters.shift_term], place_ids, per_list, replace(filters, shift_term=None)
        )
    select_list = "SELECT id AS job_id, NULL AS term, 1.0 AS weight, place_id, posted_at FROM jobs"
    where = f"status = 'active' AND {_conditions(filters, 'jobs.id')}"
    order = f"ORDER BY posted_at DESC LIMIT {int(per_list)}"
    if place_ids is None:
        parts = [f"{select_list} WHERE {where} {order}"]
    else:
        parts = [
            f"{select_list} WHERE place_id = {int(pid)} AND {where} {order}" for pid in place_ids
        ]
    rows: list[Row] = []
    for chunk in _chunks(parts):
        rows += _run(session, chunk, {}, filters)
    return rows


def job_terms(
    session: Session, job_ids: list[int], terms: list[str]
) -> dict[int, dict[str, float]]:
    """For each job, the weights of those of ``terms`` it is indexed under."""
    if not job_ids:
        return {}
    statement = text(
        "SELECT job_id, term, weight FROM job_terms WHERE job_id IN :ids AND term IN :terms"
    ).bindparams(bindparam("ids", expanding=True), bindparam("terms", expanding=True))
    found: dict[int, dict[str, float]] = {}
    for job_id, term, weight in session.execute(statement, {"ids": job_ids, "terms": terms}):
        found.setdefault(job_id, {})[term] = weight
    return found
