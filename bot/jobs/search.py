"""Job search: keyword (typo tolerant, synonyms), place + radius, job type, shift,
minimum pay, freshness.

Results are ranked by relevance, nearness and recency, and paged. Candidates come
from bot.jobs.candidates with bounded work; this module understands the query and
scores the candidates.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.clock import utcnow
from bot.config import DEFAULT_RADIUS_MILES
from bot.db.models import Employer, Job, JobTerm, Place
from bot.jobs import candidates
from bot.jobs.shifts import shift_tag, term_in_shift
from bot.jobs.text import (
    TAG_PREFIX,
    one_word_synonyms,
    split_job_type,
    tags_with_words,
    terms,
    words,
)

MAX_RADIUS_MILES = 100.0
MAX_HOURLY_PAY = 500.0
FRESHNESS_HORIZON_DAYS = 45.0
SYNONYM_WEIGHT = 0.85
TYPO_WEIGHT = 0.8
TYPO_CLEAR_LEAD = 5
TYPO_CUTOFF = 80
VOCABULARY_TTL_SECONDS = 300.0
BANDS = 5
WEIGHTS = {"relevance": 0.6, "distance": 0.25, "recency": 0.15}


@dataclass(frozen=True)
class JobQuery:
    """What a person asked for. ``place`` is free text: a town, village or ZIP.

    ``shift`` (one of bot.jobs.shifts.SHIFTS) keeps jobs whose title or description
    names that shift. ``min_hourly_pay`` keeps jobs whose top pay (or only pay) is at
    least that many dollars an hour, yearly, weekly... pay converted as bot.jobs.salary
    does; jobs that state no pay are left out when a minimum is asked.
    """

    keyword: str | None = None
    place: str | None = None
    radius_miles: float = DEFAULT_RADIUS_MILES
    job_type: str | None = None
    shift: str | None = None
    min_hourly_pay: float | None = None
    posted_within_days: int | None = None
    # Only jobs posted after this moment (job alerts: "new since the last digest").
    posted_after: datetime | None = None
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
    place: geo.PlaceMatch | None = None
    corrections: dict[str, str] = field(default_factory=dict)
    # When the page asked for is past the end of the results: the last page with any.
    last_page: int | None = None
    # How many jobs match in all, when the search was asked to count (up to its cap).
    total: int | None = None

    @property
    def place_problem(self) -> str | None:
        """'ambiguous' or 'unknown' when the place could not be used, else None."""
        if self.place is None or self.place.status == "found":
            return None
        return "ambiguous" if self.place.status == "ambiguous" else "unknown"


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


def _spelling_alternatives(word: str, vocab: frozenset[str]) -> dict[str, float]:
    """Indexed words a misspelled ``word`` may mean, with weights.

    A clear winner replaces the word outright, so a typo finds exactly what the right
    spelling finds; near ties are all kept, weighted by similarity.
    """
    matches = process.extract(word, vocab, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=3)
    if not matches:
        return {word: 1.0}
    if len(matches) == 1 or matches[0][1] - matches[1][1] >= TYPO_CLEAR_LEAD:
        return {matches[0][0]: 1.0}
    return {match: TYPO_WEIGHT * score / 100 for match, score, _ in matches}


def _concepts(
    session: Session, keyword: str, corrections: dict[str, str]
) -> list[dict[str, float]]:
    """One dict per query word: index term -> how well finding it answers that word."""
    vocab = vocabulary(session)
    concepts: list[dict[str, float]] = []
    for word in terms(keyword):
        # A one-word synonym is a job word, not a typo, even when no stored job uses
        # it: "bodega" finds warehouse work, not the indexed word nearest to it.
        if word in vocab or word in one_word_synonyms() or len(word) <= 3 or word.isdigit():
            concepts.append({word: 1.0})
            continue
        alternatives = _spelling_alternatives(word, vocab)
        best = max(alternatives, key=alternatives.get)
        if best != word:
            corrections[word] = best
        concepts.append(alternatives)
    # Synonym tags are looked up on the corrected text: "forklfit" also finds warehouse work.
    corrected_words = [corrections.get(w, w) for w in words(keyword)]
    for tag, matched in tags_with_words(corrected_words).items():
        for concept in concepts:
            if any(term in matched for term in concept):
                concept[tag] = max(concept.get(tag, 0.0), SYNONYM_WEIGHT)
    return concepts


def _score(
    relevance: float, distance: float | None, posted_at: datetime, radius: float, now: datetime
) -> float:
    age_days = max((now - posted_at).total_seconds() / 86400, 0.0)
    recency = 1 - min(age_days, FRESHNESS_HORIZON_DAYS) / FRESHNESS_HORIZON_DAYS
    nearness = 1.0 if distance is None else 1 - min(distance, radius) / radius
    return (
        WEIGHTS["relevance"] * relevance
        + WEIGHTS["distance"] * nearness
        + WEIGHTS["recency"] * recency
    )


def _relevance(concepts: list[dict[str, float]], found: dict[str, float]) -> float:
    """Mean over query words of the best way this job answers each word."""
    matched = sum(
        max((found[t] * w for t, w in concept.items() if t in found), default=0.0)
        for concept in concepts
    )
    return matched / len(concepts)


def _place_ids_within(session: Session, match: geo.PlaceMatch, radius: float) -> dict[int, float]:
    """Place id -> distance in miles for every town within ``radius`` of the match."""
    ids = dict(session.execute(select(Place.name, Place.id)).all())
    nearby = geo.towns_within(match.lat, match.lon, radius)
    return {ids[town.name]: distance for town, distance in nearby if town.name in ids}


def _bands(
    distances: dict[int, float] | None, radius: float
) -> list[tuple[list[int] | None, float | None]]:
    """Towns in rings of growing distance, each with the distance where the next begins.

    Searching ring by ring lets a search stop early: once a page is full of jobs that
    score better than anything farther away could, the outer rings are not read.
    """
    if distances is None:
        return [(None, None)]
    rings: list[list[int]] = [[] for _ in range(BANDS)]
    for place_id, distance in distances.items():
        rings[min(int(distance / radius * BANDS), BANDS - 1)].append(place_id)
    rings = [sorted(ring) for ring in rings if ring]
    starts = [min(distances[pid] for pid in ring) for ring in rings]
    return [(ring, starts[i + 1] if i + 1 < len(rings) else None) for i, ring in enumerate(rings)]


@dataclass(frozen=True)
class _Scored:
    job_id: int
    score: float
    posted_at: datetime
    distance: float | None


def search_jobs(
    session: Session, query: JobQuery, now: datetime | None = None, count_up_to: int | None = None
) -> JobPage:
    """Run ``query`` and return one page of ranked results; with ``count_up_to``, also
    how many jobs match in all (``total``, at most ``count_up_to`` + 1)."""
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
    keyword, said_job_type = split_job_type(query.keyword or "")
    limits = [query.posted_after]
    if query.posted_within_days:
        limits.append(now - timedelta(days=query.posted_within_days))
    filters = candidates.Filters(
        now=now,
        job_type=query.job_type or said_job_type,
        posted_after=max((limit for limit in limits if limit), default=None),
        min_hourly_pay=query.min_hourly_pay,
    )
    shift = shift_tag(query.shift) if query.shift else None

    wanted = page * size + 1
    concepts = _concepts(session, keyword, result.corrections) if keyword else []
    if query.shift:
        # Within a shift each term has lists of its own ("#night:cashier").
        concepts = [{term_in_shift(t, query.shift): w for t, w in c.items()} for c in concepts]
    all_terms = sorted({term for concept in concepts for term in concept})
    if count_up_to is not None:
        counted = all_terms or ([shift] if shift else [])
        places = None if distances is None else sorted(distances)
        result.total = candidates.count_jobs(session, counted, places, filters, count_up_to)
    # Several words are re-scored on all their terms, so fetch a slightly deeper pool.
    per_list = wanted if len(concepts) <= 1 else wanted + 2

    scored: dict[int, _Scored] = {}
    for band, next_distance in _bands(distances, radius):
        if concepts:
            rows = candidates.term_postings(session, all_terms, band, per_list, filters)
            found = candidates.job_terms(session, sorted({r.job_id for r in rows}), all_terms)
        else:
            rows = candidates.newest_jobs(session, band, wanted, filters, tag=shift)
            found = {}
        for row in rows:
            if row.job_id in scored:
                continue
            distance = None if distances is None else distances[row.place_id]
            relevance = _relevance(concepts, found.get(row.job_id, {})) if concepts else 1.0
            score = _score(relevance, distance, row.posted_at, radius, now)
            scored[row.job_id] = _Scored(row.job_id, score, row.posted_at, distance)
        if next_distance is not None and len(scored) >= wanted:
            kth_best = sorted((c.score for c in scored.values()), reverse=True)[wanted - 1]
            if kth_best > _score(1.0, next_distance, now, radius, now):
                break  # no job farther out can make it onto this page

    ranked = sorted(scored.values(), key=lambda c: (-c.score, -c.posted_at.timestamp(), c.job_id))
    start = (page - 1) * size
    result.has_more = len(ranked) > start + size
    result.hits = _load_hits(session, ranked[start : start + size])
    if ranked and start >= len(ranked):
        # Fewer results than the page asks for means every list was read to its end
        # (nothing stopped early), so ``ranked`` holds them all.
        result.last_page = -(-len(ranked) // size)
    return result


def _load_hits(session: Session, chosen: list[_Scored]) -> list[JobHit]:
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
        hits.append(
            JobHit(
                id=job.id,
                title=job.title,
                employer=employer,
                town=town,
                distance_miles=None if candidate.distance is None else round(candidate.distance, 1),
                salary_min=job.salary_min,
                salary_max=job.salary_max,
                salary_unit=job.salary_unit,
                salary_text=job.salary_text,
                job_type=job.job_type,
                posted_at=job.posted_at,
                url=job.url,
                score=round(candidate.score, 4),
            )
        )
    return hits
