"""Job search on the demo feed and on hand-made jobs: filters, typos, synonyms, ranking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import geo
from bot.db import session_scope
from bot.db.models import JobTerm, Place
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.store import import_records
from bot.jobs.text import synonym_groups, words
from tests.conftest import DEMO_NOW
from tests.jobs_factory import NOW, record


def _search(url: str, **kwargs):
    with session_scope(url) as session:
        return search_jobs(session, JobQuery(**kwargs), DEMO_NOW)


def _at(town: str) -> tuple[float, float]:
    found = geo.town(town)
    return found.lat, found.lon


def _all_pages(url: str, **kwargs):
    hits, page = [], 1
    while True:
        result = _search(url, page=page, page_size=10, **kwargs)
        hits += result.hits
        if not result.has_more:
            return hits
        page += 1


def test_town_search_returns_jobs_within_the_radius_best_first(demo_url):
    result = _search(demo_url, place="Hartford", page_size=10)
    assert len(result.hits) == 10 and result.has_more
    assert all(hit.distance_miles is not None and hit.distance_miles <= 25 for hit in result.hits)
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_pages_do_not_overlap(demo_url):
    first = _search(demo_url, place="New Haven", page=1, page_size=5)
    second = _search(demo_url, place="New Haven", page=2, page_size=5)
    assert {h.id for h in first.hits}.isdisjoint({h.id for h in second.hits})
    assert min(h.score for h in first.hits) >= max(h.score for h in second.hits)


def test_paging_through_a_keyword_search_reaches_every_match_once(demo_url):
    hits = _all_pages(demo_url, keyword="welder", place="Waterbury")
    ids = [hit.id for hit in hits]
    assert len(ids) == len(set(ids))
    with session_scope(demo_url) as session:
        expected = {
            job_id
            for (job_id,) in session.execute(
                select(JobTerm.job_id).where(
                    JobTerm.term.in_(["welder", "#welder"]),
                    JobTerm.place_id.in_(
                        select(Place.id).where(
                            Place.name.in_(
                                [t.name for t, _ in geo.towns_within(*_at("Waterbury"), 25)]
                            )
                        )
                    ),
                )
            )
        }
    assert set(ids) == expected


def _phrases_of_group_with(query: str) -> list[tuple[str, ...]]:
    query_words = tuple(words(query))
    return [
        phrase
        for group in synonym_groups()
        if query_words in group.phrases
        for phrase in group.phrases
    ]


@pytest.mark.parametrize(
    ("query", "some_only_by_synonym"),
    [
        ("cna", True),
        ("nurse aide", True),
        ("cdl", False),
        ("truck driver", True),
        ("forklift", True),
    ],
)
def test_synonyms_find_the_same_kind_of_work(demo_url, query, some_only_by_synonym):
    phrases = _phrases_of_group_with(query)
    hits = _search(demo_url, keyword=query, place="Hartford", page_size=10).hits
    assert hits
    for hit in hits:
        title = words(hit.title)
        assert any(title[i : i + len(p)] == list(p) for p in phrases for i in range(len(title))), (
            hit.title
        )
    everything = _all_pages(demo_url, keyword=query)
    assert any(query not in hit.title.lower() for hit in everything) == some_only_by_synonym


@pytest.mark.parametrize(
    ("typo", "right"), [("forklfit", "forklift"), ("machinst", "machinist"), ("cashir", "cashier")]
)
def test_typos_find_what_the_right_spelling_finds(demo_url, typo, right):
    wrong = _search(demo_url, keyword=typo, place="Bridgeport", page_size=5)
    correct = _search(demo_url, keyword=right, place="Bridgeport", page_size=5)
    assert wrong.corrections == {typo: right}
    assert [h.id for h in wrong.hits] == [h.id for h in correct.hits]


def test_a_wider_radius_finds_more(demo_url):
    near = len(_all_pages(demo_url, keyword="nurse", place="Norwich", radius_miles=5))
    wide = len(_all_pages(demo_url, keyword="nurse", place="Norwich", radius_miles=40))
    assert 0 < near < wide


def test_job_type_and_freshness_filters(demo_url):
    part_time = _all_pages(demo_url, place="Stamford", job_type="part_time")
    assert part_time and all(hit.job_type == "part_time" for hit in part_time)
    fresh = _all_pages(demo_url, keyword="cashier", posted_within_days=7)
    assert fresh and all(DEMO_NOW - hit.posted_at <= timedelta(days=7) for hit in fresh)


def test_keyword_only_search_is_statewide(demo_url):
    result = _search(demo_url, keyword="electrician", page_size=10)
    assert result.hits and all(hit.distance_miles is None for hit in result.hits)
    assert len({hit.town for hit in _all_pages(demo_url, keyword="electrician")}) > 3


def test_unknown_and_ambiguous_places_are_reported_not_guessed(demo_url):
    unknown = _search(demo_url, keyword="cashier", place="Springfield")
    assert unknown.place_problem == "unknown" and not unknown.hits
    ambiguous = _search(demo_url, place="Haven")
    assert ambiguous.place_problem == "ambiguous" and not ambiguous.hits
    assert "New Haven" in ambiguous.place.candidates


def test_a_zip_searches_around_that_zip(demo_url):
    result = _search(demo_url, place="06106", page_size=5)
    assert result.place.town.name == "Hartford"
    hartford = geo.town("Hartford")
    for hit in result.hits:
        town = geo.town(hit.town)
        assert geo.distance_miles(hartford.lat, hartford.lon, town.lat, town.lon) <= 26


def test_expired_and_closed_postings_drop_out(db_url):
    records = [
        record("expired", title="Expired Welder", valid_through=NOW - timedelta(hours=1)),
        record("open", title="Open Welder", valid_through=NOW + timedelta(days=3)),
    ]
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)
        for query in (JobQuery(keyword="welder", place="Hartford"), JobQuery(place="Hartford")):
            titles = [hit.title for hit in search_jobs(session, query, NOW).hits]
            assert titles == ["Open Welder"]


def test_ranking_prefers_relevance_then_nearness_then_recency(db_url):
    records = [
        record("driver", title="Delivery Driver"),
        record("truck", title="CDL Truck Driver"),
        record("far", title="Bank Teller", postal_code="06051", city="New Britain"),
        record("near", title="Bank Teller"),
        record("old", title="Prep Cook", posted_at=NOW - timedelta(days=20)),
        record("new", title="Prep Cook", posted_at=NOW - timedelta(days=1)),
    ]
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)

        def refs(keyword):
            hits = search_jobs(session, JobQuery(keyword=keyword, place="Hartford"), NOW).hits
            return [hit.title for hit in hits], [hit.town for hit in hits]

        assert refs("truck driver")[0][0] == "CDL Truck Driver"
        assert refs("bank teller")[1] == ["Hartford", "New Britain"]
        hits = search_jobs(session, JobQuery(keyword="prep cook", place="Hartford"), NOW).hits
        assert [h.posted_at for h in hits] == [NOW - timedelta(days=1), NOW - timedelta(days=20)]


def test_saying_part_time_filters_by_job_type(demo_url):
    hits = _all_pages(demo_url, keyword="part time cashier", place="Hartford")
    assert hits and all(hit.job_type == "part_time" for hit in hits)
    assert len(hits) < len(_all_pages(demo_url, keyword="cashier", place="Hartford"))
