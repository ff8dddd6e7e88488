"""Job search benchmark: 100,000 generated jobs in SQLite and PostgreSQL.

Runs a fixed mix of queries (keyword + town + radius, keyword only, town only)
against both databases and against a naive baseline that scans every job with
haversine and fuzzy matching, then prints each figure as `name: value`.

    .venv/bin/python bench/search.py [--jobs 100000] [--queries 1000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path

from rapidfuzz import fuzz
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import geo  # noqa: E402
from bot.db import session_scope  # noqa: E402
from bot.db.engine import dispose_all  # noqa: E402
from bot.db.migrate import upgrade  # noqa: E402
from bot.db.models import Job, Place  # noqa: E402
from bot.jobs.demo_feed import generate_jobs  # noqa: E402
from bot.jobs.records import JobRecord, validate  # noqa: E402
from bot.jobs.search import JobQuery, search_jobs  # noqa: E402
from bot.jobs.store import import_records  # noqa: E402
from bot.web.job_search import COUNT_CAP  # noqa: E402

TODAY = date(2026, 11, 25)
NOW = datetime.combine(TODAY, dtime(15, 0))
KEYWORDS = [
    "cna", "nurse", "rn", "forklift", "warehouse", "cdl", "truck driver", "delivery driver",
    "cashier", "retail", "cook", "server", "machinist", "cnc", "welder", "assembler",
    "electrician", "carpenter", "janitor", "security", "customer service", "help desk",
    "software developer", "bank teller", "medical assistant", "home health aide",
    "administrative assistant", "teacher", "mechanic", "housekeeper", "forklfit", "machinst",
    "nurce", "part time cashier", "quality inspector", "line cook", "material handler",
]  # fmt: skip
BIG_TOWNS = [
    "Hartford", "New Haven", "Bridgeport", "Stamford", "Waterbury", "Norwalk", "Danbury",
    "New Britain", "West Hartford", "Meriden", "Bristol", "Manchester", "Middletown",
    "Norwich", "New London", "Milford", "Enfield", "Torrington", "Storrs", "06106", "06510",
]  # fmt: skip


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def make_records(count: int) -> list[JobRecord]:
    """The demo generator's jobs, validated as an importer would."""
    records = []
    for position, raw in enumerate(generate_jobs(count, TODAY), start=1):
        result = validate(raw, "bench", f"record {position}")
        if isinstance(result, JobRecord):
            records.append(result)
    return records


def make_queries(count: int, seed: int = 7) -> list[JobQuery]:
    """A deterministic mix: 40% keyword + town + radius, 30% keyword only, 30% town only."""
    rng = random.Random(seed)
    towns = BIG_TOWNS + [t.name for t in geo.towns()]
    queries = []
    for i in range(count):
        kind = i % 10
        town = rng.choice(BIG_TOWNS) if rng.random() < 0.6 else rng.choice(towns)
        keyword = rng.choice(KEYWORDS)
        radius = rng.choice([5, 10, 25, 25, 25, 50])
        if kind < 4:
            queries.append(JobQuery(keyword=keyword, place=town, radius_miles=radius))
        elif kind < 7:
            queries.append(JobQuery(keyword=keyword))
        else:
            queries.append(JobQuery(place=town, radius_miles=radius))
    return queries


def load(url: str, records: list[JobRecord], label: str) -> None:
    upgrade(url)
    started = time.perf_counter()
    with session_scope(url) as session:
        report = import_records(session, records, now=NOW)
    print(f"search.{label}.load_s: {time.perf_counter() - started:.1f}")
    print(f"search.{label}.jobs: {report.created}")


def run_queries(url: str, queries: list[JobQuery], count_up_to: int | None = None) -> list[float]:
    """Milliseconds per query, each in its own session as a request would be; with
    ``count_up_to``, also counting the matches as the job board does."""
    timings = []
    for query in queries[:50]:  # warm caches (vocabulary, pool) before measuring
        with session_scope(url) as session:
            search_jobs(session, query, NOW, count_up_to)
    for query in queries:
        started = time.perf_counter()
        with session_scope(url) as session:
            search_jobs(session, query, NOW, count_up_to)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def baseline_search(url: str, query: JobQuery) -> list[int]:
    """Scan every job: haversine to the place and a fuzzy match of the title."""
    origin = geo.resolve(query.place) if query.place else None
    with session_scope(url) as session:
        rows = session.execute(
            select(Job.id, Job.title, Job.posted_at, Place.lat, Place.lon)
            .join(Place)
            .where(Job.status == "active")
        ).all()
    scored = []
    for job_id, title, posted_at, lat, lon in rows:
        distance = None
        if origin is not None and origin.status == "found":
            distance = geo.distance_miles(origin.lat, origin.lon, lat, lon)
            if distance > query.radius_miles:
                continue
        relevance = 1.0
        if query.keyword:
            relevance = fuzz.partial_ratio(query.keyword.lower(), title.lower()) / 100
            if relevance < 0.8:
                continue
        age = (NOW - posted_at).days
        scored.append((relevance - (distance or 0) / 100 - age / 100, job_id))
    scored.sort(reverse=True)
    return [job_id for _, job_id in scored[: query.page_size]]


def postgres_schema_url(server: str) -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with create_engine(server, future=True).begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    return str(url), schema


def report(label: str, timings: list[float]) -> float:
    p95 = percentile(timings, 95)
    print(f"search.{label}.p50_ms: {statistics.median(timings):.2f}")
    print(f"search.{label}.p95_ms: {p95:.2f}")
    print(f"search.{label}.p99_ms: {percentile(timings, 99):.2f}")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline-queries", type=int, default=100)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()

    started = time.perf_counter()
    records = make_records(args.jobs)
    print(f"search.generate_s: {time.perf_counter() - started:.1f}")
    queries = make_queries(args.queries)
    print(f"search.queries: {len(queries)}")

    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        load(sqlite_url, records, "sqlite")
        sqlite_p95 = report("sqlite", run_queries(sqlite_url, queries))
        report("sqlite_counted", run_queries(sqlite_url, queries, COUNT_CAP))

        pg_url, schema = postgres_schema_url(args.postgres)
        try:
            load(pg_url, records, "postgres")
            pg_p95 = report("postgres", run_queries(pg_url, queries))
            report("postgres_counted", run_queries(pg_url, queries, COUNT_CAP))
        finally:
            dispose_all()
            with create_engine(args.postgres, future=True).begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

        sample = queries[: args.baseline_queries]
        baseline = []
        for query in sample:
            t0 = time.perf_counter()
            baseline_search(sqlite_url, query)
            baseline.append((time.perf_counter() - t0) * 1000)
        print(f"search.baseline.queries: {len(sample)}")
        base_p95 = report("baseline", baseline)
        print(f"search.sqlite.speedup_p95: {base_p95 / sqlite_p95:.1f}")
        print(f"search.postgres.speedup_p95: {base_p95 / pg_p95:.1f}")


if __name__ == "__main__":
    main()
