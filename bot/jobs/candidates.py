"""Fetching search candidates with bounded work, whatever the size of the job table.

Each plan asks the database for the best few rows of many small sorted lists at
once (one UNION ALL statement), so a query reads a few hundred index entries even
when a word appears in thousands of jobs:

- keyword and place: one list per (index term, town), ordered by term weight, then
  posting date, from the (term, place_id, weight, posted_at) index;
- keyword only: one list per index term, from the (term, weight, posted_at) index;
- place only: one list per town, newest first, from the (status, place_id, posted_at)
  index; no place and no keyword: the newest jobs statewide;
- a shift: the same plans on the index terms of that shift ("#night:cashier"; with
  no keyword the shift's tag "#shift:night", whose postings all weigh the same).

Job type, freshness and minimum pay are conditions on each list's rows (job_terms
carries the job's type, dates and top pay per hour; place-only plans read them from
jobs): a list reads past the rows that fail them, one index entry and row each, at
worst every posting of its term in its town (every job of the town for a place-only
plan; every live job when neither a keyword nor a place is given).

Within one list every job has the same nearness, so its order is the ranking order
for that list, and the union of each list's top n holds the overall top n for
single-word searches. For several words the search re-scores these candidates on
all their terms (see bot.jobs.search).

The SQL is written as text because SQLAlchemy's compiler costs more than the
query itself for a 200-part union; every value is a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    # Top pay (the only pay when no range is given) per hour at least this.
    min_hourly_pay: float | None = None


# The pay condition on a job_terms row, and on a jobs row (top pay per hour, as
# bot.jobs.salary.hourly reckons it); no pay or no unit fails both.
_TERM_PAYS = "hourly_pay >= :min_hourly_pay"
_JOB_PAYS = (
    "COALESCE(salary_max, salary_min) >= :min_hourly_pay * CASE salary_unit "
    + " ".join(f"WHEN '{unit}' THEN {hours!r}" for unit, hours in HOURS_PER.items())
    + " END"
)


def _conditions(filters: Filters, pays: str) -> str:
    """The WHERE conditions a row must meet; ``pays`` is the pay condition on that table."""
    parts = ["(valid_through IS NULL OR valid_through >= :now)"]
    if filters.job_type:
        parts.append("job_type = :job_type")
    if filters.posted_after:
        parts.append("posted_at >= :posted_after")
    if filters.min_hourly_pay is not None:
        parts.append(pays)
    return " AND ".join(parts)


def _filter_binds(filters: Filters) -> tuple[list, dict]:
    """The typed bind parameters and values that ``_conditions`` refers to."""
    binds = [bindparam("now", type_=DateTime())]
    params: dict = {"now": filters.now}
    if filters.job_type:
        params["job_type"] = filters.job_type
    if filters.posted_after:
        binds.append(bindparam("posted_after", type_=DateTime()))
        params["posted_after"] = filters.posted_after
    if filters.min_hourly_pay is not None:
        binds.append(bindparam("min_hourly_pay", type_=Float()))
        params["min_hourly_pay"] = filters.min_hourly_pay
    return binds, params


def _run(session: Session, parts: list[str], params: dict, filters: Filters) -> list[Row]:
    if not parts:
        return []
    sql = " UNION ALL ".join(f"SELECT * FROM ({part}) AS p{i}" for i, part in enumerate(parts))
    binds, filter_params = _filter_binds(filters)
    statement = text(sql).bindparams(*binds)
    statement = statement.columns(
        job_id=Integer(), term=String(), weight=Float(), place_id=Integer(), posted_at=DateTime()
    )
    return [Row(*row) for row in session.execute(statement, {**params, **filter_params})]


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
    where = _conditions(filters, _TERM_PAYS)
    params: dict = {f"t{i}": term for i, term in enumerate(terms)}
    lists = []
    for i in range(len(terms)):
        if place_ids is None:
            lists.append(f"term = :t{i} AND {where}")
        else:
            lists += [f"term = :t{i} AND place_id = {int(pid)} AND {where}" for pid in place_ids]
    order = f"ORDER BY weight DESC, posted_at DESC LIMIT {int(per_list)}"
    parts = [f"{select_list} WHERE {condition} {order}" for condition in lists]
    rows: list[Row] = []
    for chunk in _chunks(parts):
        rows += _run(session, chunk, params, filters)
    return rows


def newest_jobs(
    session: Session,
    place_ids: list[int] | None,
    per_list: int,
    filters: Filters,
    tag: str | None = None,
) -> list[Row]:
    """The ``per_list`` newest active jobs of each town (or statewide); with ``tag``, of
    the jobs indexed under it (a shift's tag), from its lists in the job index."""
    if tag:
        return term_postings(session, [tag], place_ids, per_list, filters)
    select_list = "SELECT id AS job_id, NULL AS term, 1.0 AS weight, place_id, posted_at FROM jobs"
    where = f"status = 'active' AND {_conditions(filters, _JOB_PAYS)}"
    if place_ids is None:
        lists = [where]
    else:
        lists = [f"place_id = {int(pid)} AND {where}" for pid in place_ids]
    order = f"ORDER BY posted_at DESC LIMIT {int(per_list)}"
    parts = [f"{select_list} WHERE {condition} {order}" for condition in lists]
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


def count_jobs(
    session: Session,
    terms: list[str],
    place_ids: list[int] | None,
    filters: Filters,
    cap: int,
) -> int:
    """How many jobs the lists above can return, all pages together, counting no
    further than ``cap`` + 1 (the caller says "more than ``cap``"): jobs indexed under
    any of ``terms``, or with no terms every active job, in ``place_ids`` when given."""
    binds, params = _filter_binds(filters)
    if terms:
        source, pays = "SELECT DISTINCT job_id FROM job_terms WHERE term IN :terms AND ", _TERM_PAYS
        binds.append(bindparam("terms", expanding=True))
        params["terms"] = terms
    else:
        source, pays = "SELECT id FROM jobs WHERE status = 'active' AND ", _JOB_PAYS
    where = _conditions(filters, pays)
    if place_ids is not None:
        where += " AND place_id IN :places"
        binds.append(bindparam("places", expanding=True))
        params["places"] = place_ids or [-1]
    sql = f"SELECT COUNT(*) FROM ({source}{where} LIMIT {int(cap) + 1}) AS matching"
    return int(session.execute(text(sql).bindparams(*binds), params).scalar_one())
