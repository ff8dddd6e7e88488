"""Job search on the demo feed and on hand-made jobs: filters, typos, synonyms, ranking."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import geo
from bot.db import session_scope
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.store import import_records
from tests.conftest import DEMO_NOW
from tests.jobs_factory import NOW, record


def _search(url: str, **kwargs):
    with session_scope(url) as session:
        return search_jobs(session, JobQuery(**kwargs), DEMO_NOW)


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
    assert len(ids) == _search(demo_url, keyword="welder", place="Waterbury").total


@pytest.mark.parametrize(
    ("query", "expected_words"),
    [
        ("cna", ("cna", "nursing assistant", "nurse aide")),
        ("nurse aide", ("cna", "nursing assistant", "nurse aide")),
        ("cdl", ("cdl", "truck driver", "tractor trailer")),
        ("truck driver", ("cdl", "truck driver", "tractor trailer")),
        ("forklift", ("forklift", "warehouse", "material handler", "picker", "packer")),
    ],
)
def test_synonyms_find_the_same_kind_of_work(demo_url, query, expected_words):
    result = _search(demo_url, keyword=query, place="Hartford", page_size=10)
    assert result.hits
    for hit in result.hits:
        assert any(word in hit.title.lower() for word in expected_words), hit.title


@pytest.mark.parametrize(
    ("typo", "right"), [("forklfit", "forklift"), ("machinst", "machinist"), ("cashir", "cashier")]
)
def test_typos_find_what_the_right_spelling_finds(demo_url, typo, right):
    wrong = _search(demo_url, keyword=typo, place="Bridgeport", page_size=5)
    correct = _search(demo_url, keyword=right, place="Bridgeport", page_size=5)
    assert wrong.corrections == {typo: right}
    assert [h.id for h in wrong.hits] == [h.id for h in correct.hits]


def test_a_wider_radius_finds_more(demo_url):
    near = _search(demo_url, keyword="nurse", place="Norwich", radius_miles=5).total
    wide = _search(demo_url, keyword="nurse", place="Norwich", radius_miles=40).total
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
        record("far", title="Line Cook", postal_code="06051", city="New Britain"),
        record("near", title="Line Cook"),
        record("old", title="Prep Cook", posted_at=NOW - timedelta(days=20)),
        record("new", title="Prep Cook", posted_at=NOW - timedelta(days=1)),
    ]
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)

        def refs(keyword):
            hits = search_jobs(session, JobQuery(keyword=keyword, place="Hartford"), NOW).hits
            return [hit.title for hit in hits], [hit.town for hit in hits]

        assert refs("truck driver")[0][0] == "CDL Truck Driver"
        assert refs("line cook")[1][:2] == ["Hartford", "New Britain"]
        hits = search_jobs(session, JobQuery(keyword="prep cook", place="Hartford"), NOW).hits
        assert [h.posted_at for h in hits] == [NOW - timedelta(days=1), NOW - timedelta(days=20)]
