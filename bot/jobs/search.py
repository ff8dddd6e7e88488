"""Job search: keyword (typo tolerant, synonyms), place + radius, job type, freshness.

Results are ranked by relevance, distance and recency, and paged. Two plans keep it
fast at 100,000 jobs on SQLite and PostgreSQL alike:

- with a keyword, candidates come from the ``job_terms`` inverted index only;
- without one, each town in the radius contributes its newest jobs through the
  (status, place_id, posted_at) index; within a town every job has the same
  relevance and distance, so the newest ones are the best ones there.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process
from sqlalchemy import or_, select, union_all
from sqlalchemy.orm import Session

from bot import geo
from bot.clock import utcnow
from bot.db.models import Employer, Job, JobTerm, Place
from bot.jobs.text import TAG_PREFIX, tags_with_words, terms, words

DEFAULT_RADIUS_MILES = 25.0
MAX_RADIUS_MILES = 100.0
FRESHNESS_HORIZON_DAYS = 45.0
SYNONYM_WEIGHT = 0.85
TYPO_WEIGHT = 0.8
TYPO_CUTOFF = 80
VOCABULARY_TTL_SECONDS = 300.0
WEIGHTS = {"relevance": 0.6, "distance": 0.25, "recency": 0.15}


@dataclass(frozen=True)
class JobQuery:
    """What a person asked for. ``place`` is free text: a town, village or ZIP."""

    keyword: str | None = None
    place: str | None = None
    radius_miles: float = DEFAULT_RADIUS_MILES
    job_type: str | None = None
    posted_within_days: int | None = None
    page: int = 1
    page_size: int = 3


@dataclass(frozen=True)
class JobHit:
    """One job in a result list."""

    id: int
    title: str
    employer: str
    town: str
    distance_miles: float | None
    salary_min: float | None
    salary_max: float | None
    salary_unit: str | None
    salary_text: str | None
    job_type: str | None
    posted_at: datetime
    url: str | None
    score: float


@dataclass
class JobPage:
    """A page of results and what the search understood."""

    hits: list[JobHit]
    page: int
    page_size: int
    has_more: bool
    total: int | None = None
    place: geo.PlaceMatch | None = None
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def place_problem(self) -> str | None:
        """'ambiguous' or 'unknown' when the place could not be used, else None."""
        if self.place is None or self.place.status == "found":
            return None
        return "ambiguous" if self.place.status == "ambiguous" else "unknown"


@dataclass(frozen=True)
class _Candidate:
    job_id: int
    place_id: int
    posted_at: datetime
    relevance: float


_vocabulary_cache: dict[str, tuple[float, frozenset[str]]] = {}


def vocabulary(session: Session) -> frozenset[str]:
    """Every word in the job index (cached per database for a few minutes)."""
    key = str(session.get_bind().url)
    cached = _vocabulary_cache.get(key)
    if cached and time.monotonic() - cached[0] < VOCABULARY_TTL_SECONDS:
        return cached[1]
    rows = session.execute(select(JobTerm.term).distinct()).scalars()
    vocab = frozenset(t for t in rows if not t.startswith(TAG_PREFIX))
    _vocabulary_cache[key] = (time.monotonic(), vocab)
    return vocab


def _concepts(
    session: Session, keyword: str, corrections: dict[str, str]
) -> list[dict[str, float]]:
    """One dict per query word: index term -> how well finding it answers that word."""
    vocab = vocabulary(session)
    corrected: list[str] = []
    concepts: list[dict[str, float]] = []
    for word in terms(keyword):
        alternatives = {word: 1.0}
        if word not in vocab and len(word) > 3 and not word.isdigit():
            for match, score, _ in process.extract(
                word, vocab, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=3
            ):
                alternatives[match] = TYPO_WEIGHT * score / 100
            best = max(alternatives.items(), key=lambda item: item[1] if item[0] != word else 0)
            if best[0] != word:
                corrections[word] = best[0]
        corrected.append(corrections.get(word, word))
        concepts.append(alternatives)
    corrected_words = [corrections.get(w, w) for w in words(keyword)]
    for tag, matched in tags_with_words(corrected_words).items():
        for concept, word in zip(concepts, corrected):
            if word in matched:
                concept[tag] = max(concept.get(tag, 0.0), SYNONYM_WEIGHT)
    return concepts


def _keyword_candidates(
    session: Session,
    concepts: list[dict[str, float]],
    place_ids: list[int] | None,
    job_type: str | None,
    posted_after: datetime | None,
    now: datetime,
) -> list[_Candidate]:
    all_terms = sorted({term for concept in concepts for term in concept})
    stmt = select(
        JobTerm.job_id, JobTerm.term, JobTerm.weight, JobTerm.place_id, JobTerm.posted_at
    ).where(
        JobTerm.term.in_(all_terms),
        or_(JobTerm.valid_through.is_(None), JobTerm.valid_through >= now),
    )
    if place_ids is not None:
        stmt = stmt.where(JobTerm.place_id.in_(place_ids))
    if job_type:
        stmt = stmt.where(JobTerm.job_type == job_type)
    if posted_after:
        stmt = stmt.where(JobTerm.posted_at >= posted_after)
    per_job: dict[int, tuple[int, datetime, dict[str, float]]] = {}
    for job_id, term, weight, place_id, posted_at in session.execute(stmt):
        per_job.setdefault(job_id, (place_id, posted_at, {}))[2][term] = weight
    candidates = []
    for job_id, (place_id, posted_at, found) in per_job.items():
        matched = sum(
            max((found[t] * w for t, w in concept.items() if t in found), default=0.0)
            for concept in concepts
        )
        candidates.append(_Candidate(job_id, place_id, posted_at, matched / len(concepts)))
    return candidates


def _newest_candidates(
    session: Session,
    place_ids: list[int] | None,
    per_place: int,
    job_type: str | None,
    posted_after: datetime | None,
    now: datetime,
) -> list[_Candidate]:
    def newest(place_id: int | None):
        stmt = select(Job.id, Job.place_id, Job.posted_at).where(
            Job.status == "active",
            or_(Job.valid_through.is_(None), Job.valid_through >= now),
        )
        if place_id is not None:
            stmt = stmt.where(Job.place_id == place_id)
        if job_type:
            stmt = stmt.where(Job.job_type == job_type)
        if posted_after:
            stmt = stmt.where(Job.posted_at >= posted_after)
        return stmt.order_by(Job.posted_at.desc()).limit(per_place)

    if place_ids is None:
        stmt = newest(None)
    elif not place_ids:
        return []
    else:
        parts = [newest(pid).subquery() for pid in place_ids]
        stmt = union_all(*[select(*part.c) for part in parts])
    return [_Candidate(job_id, pid, posted, 1.0) for job_id, pid, posted in session.execute(stmt)]


def _score(
    candidate: _Candidate, distance: float | None, radius: float, now: datetime
) -> float:
    age_days = max((now - candidate.posted_at).total_seconds() / 86400, 0.0)
    recency = 1 - min(age_days, FRESHNESS_HORIZON_DAYS) / FRESHNESS_HORIZON_DAYS
    nearness = 1.0 if distance is None else 1 - min(distance, radius) / radius
    return (
        WEIGHTS["relevance"] * candidate.relevance
        + WEIGHTS["distance"] * nearness
        + WEIGHTS["recency"] * recency
    )


def _place_ids_within(
    session: Session, match: geo.PlaceMatch, radius: float
) -> dict[int, float]:
    """Place id -> distance in miles for every town within ``radius`` of the match."""
    ids = dict(session.execute(select(Place.name, Place.id)).all())
    nearby = geo.towns_within(match.lat, match.lon, radius)
    return {ids[town.name]: distance for town, distance in nearby if town.name in ids}


def search_jobs(session: Session, query: JobQuery, now: datetime | None = None) -> JobPage:
    """Run ``query`` and return one page of ranked results."""
    now = now or utcnow()
    page = max(query.page, 1)
    size = max(query.page_size, 1)
    radius = min(max(query.radius_miles, 1.0), MAX_RADIUS_MILES)
    result = JobPage(hits=[], page=page, page_size=size, has_more=False)

    distances: dict[int, float] | None = None
    if query.place and query.place.strip():
        result.place = geo.resolve(query.place)
        if result.place.status != "found":
            return result
        distances = _place_ids_within(session, result.place, radius)
    place_ids = sorted(distances) if distances is not None else None
    posted_after = now - timedelta(days=query.posted_within_days) if query.posted_within_days else None

    concepts = _concepts(session, query.keyword, result.corrections) if query.keyword else []
    if concepts:
        candidates = _keyword_candidates(
            session, concepts, place_ids, query.job_type, posted_after, now
        )
        result.total = len(candidates)
    else:
        candidates = _newest_candidates(
            session, place_ids, page * size + 1, query.job_type, posted_after, now
        )

    def distance_of(candidate: _Candidate) -> float | None:
        return None if distances is None else distances.get(candidate.place_id)

    ranked = sorted(
        candidates,
        key=lambda c: (-_score(c, distance_of(c), radius, now), -c.posted_at.timestamp(), c.job_id),
    )
    start = (page - 1) * size
    chosen = ranked[start : start + size]
    result.has_more = len(ranked) > start + size
    result.hits = _load_hits(session, chosen, distance_of, radius, now)
    return result


def _load_hits(session, chosen, distance_of, radius, now) -> list[JobHit]:
    if not chosen:
        return []
    rows = session.execute(
        select(Job, Employer.name, Place.name)
        .join(Employer, Job.employer_id == Employer.id)
        .join(Place, Job.place_id == Place.id)
        .where(Job.id.in_([c.job_id for c in chosen]))
    ).all()
    by_id = {job.id: (job, employer, town) for job, employer, town in rows}
    hits = []
    for candidate in chosen:
        job, employer, town = by_id[candidate.job_id]
        distance = distance_of(candidate)
        hits.append(
            JobHit(
                id=job.id,
                title=job.title,
                employer=employer,
                town=town,
                distance_miles=None if distance is None else round(distance, 1),
                salary_min=job.salary_min,
                salary_max=job.salary_max,
                salary_unit=job.salary_unit,
                salary_text=job.salary_text,
                job_type=job.job_type,
                posted_at=job.posted_at,
                url=job.url,
                score=round(_score(candidate, distance, radius, now), 4),
            )
        )
    return hits
