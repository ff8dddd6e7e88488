"""Job search on the demo feed and on hand-made jobs: filters, typos, synonyms, ranking,
and messages read as the assistant reads them (job word, type, shift, pay, distance)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from bot import geo
from bot.db import session_scope
from bot.db.models import Job, JobTerm, Place
from bot.jobs.salary import hourly
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.search_request import read_search_request
from bot.jobs.shifts import job_shifts
from bot.jobs.store import import_records, reindex_jobs
from bot.jobs.text import synonym_groups, words
from tests.conftest import DEMO_NOW
from tests.support.jobs_factory import NOW, record


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


# What a person texts, read and searched as the assistant does.


def _find(session, message: str, place: str | None = None) -> list:
    asked = read_search_request(message, place=place)
    return search_jobs(session, asked.job_query(place, page_size=10), NOW).hits


def _in(town: str, zip_code: str) -> dict:
    return {"city": town, "postal_code": zip_code}


WATERBURY = _in("Waterbury", "06702")


def test_an_rn_search_finds_rns_not_the_newest_drivers_and_clerks(db_url):
    healthcare = {"category": "Healthcare", **WATERBURY}
    records = [
        record("rn", title="Registered Nurse (RN)", **healthcare),
        record("rn-icu", title="ICU RN", posted_at=NOW - timedelta(days=3), **healthcare),
        record("driver", title="CDL Truck Driver", posted_at=NOW - timedelta(hours=2), **WATERBURY),
        record("clerk", title="Records Clerk", posted_at=NOW - timedelta(hours=1), **WATERBURY),
    ]
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)
        titles = [hit.title for hit in _find(session, "RN jobs in Waterbury", "Waterbury")]
        assert titles == ["Registered Nurse (RN)", "ICU RN"]
        # Without the job word the newest jobs in town come first: the clerk and the driver.
        newest = search_jobs(session, JobQuery(place="Waterbury"), NOW).hits
        assert [hit.title for hit in newest][:2] == ["Records Clerk", "CDL Truck Driver"]


@pytest.mark.parametrize(
    "message",
    ["part time cna jobs in Hartford", "cna part time hartford", "Hartford: CNA, part-time"],
)
def test_job_word_and_job_type_apply_together_in_any_order(db_url, message):
    records = [
        record("pt-cna", title="Certified Nursing Assistant", job_type="part_time"),
        record("ft-cna", title="CNA", job_type="full_time"),
        record("pt-cashier", title="Cashier", job_type="part_time"),
    ]
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)
        assert [hit.title for hit in _find(session, message, "Hartford")] == [
            "Certified Nursing Assistant"
        ]


def _pay(low: float | None, high: float | None, unit: str | None) -> dict:
    return {"salary_min": low, "salary_max": high, "salary_unit": unit, "salary_text": None}


def test_a_minimum_pay_drops_lower_paid_jobs_and_jobs_that_state_no_pay(db_url):
    records = [
        record("22", title="Warehouse Associate", **_pay(18, 22, "hour")),
        record("17", title="Warehouse Packer", **_pay(15, 17, "hour")),
        record("none", title="Warehouse Loader", **_pay(None, None, None)),
        record("52k", title="Warehouse Supervisor", **_pay(48_000, 52_000, "year")),
        record("40k", title="Warehouse Clerk", **_pay(38_000, 40_000, "year")),
        record("from-21", title="Warehouse Picker", **_pay(21, None, "hour")),
        record("900-week", title="Warehouse Lead", **_pay(None, 900, "week")),
    ]
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)
        every = {hit.title for hit in _find(session, "warehouse jobs", "Hartford")}
        assert len(every) == 7
        paid = {hit.title for hit in _find(session, "warehouse jobs that pay 20+", "Hartford")}
        assert paid == {
            "Warehouse Associate",
            "Warehouse Supervisor",
            "Warehouse Picker",
            "Warehouse Lead",
        }
        # $45,000 a year is $21.63 an hour: the $40,000 job and the $21 one fall short.
        yearly = {hit.title for hit in _find(session, "warehouse over $45k a year", "Hartford")}
        assert yearly == {"Warehouse Associate", "Warehouse Supervisor", "Warehouse Lead"}
        # Without a job word too.
        anything = {hit.title for hit in _find(session, "anything paying $22/hr", "Hartford")}
        assert anything == {"Warehouse Associate", "Warehouse Supervisor", "Warehouse Lead"}


def test_a_shift_keeps_the_jobs_whose_title_or_description_names_it(db_url):
    records = [
        record("suffix", title="Warehouse Associate - 3rd Shift"),
        record("listed", title="Forklift Operator", description="Day, evening and night shifts."),
        record("overnight", title="Overnight Stocker", category="Retail"),
        record("days", title="Material Handler", description="Day shift. No nights or weekends."),
        record("plain", title="Order Picker"),
    ]
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)
        assert len(_find(session, "warehouse jobs in Hartford", "Hartford")) == 5
        nights = {hit.title for hit in _find(session, "night shift warehouse jobs", "Hartford")}
        assert nights == {
            "Warehouse Associate - 3rd Shift",
            "Forklift Operator",
            "Overnight Stocker",
        }
        days = {hit.title for hit in _find(session, "warehouse 1st shift", "Hartford")}
        assert days == {"Forklift Operator", "Material Handler"}


def test_part_time_nights_without_a_job_word(db_url):
    norwich = _in("Norwich", "06360")
    records = [
        record("pt-night", title="Cashier - 3rd Shift", job_type="part_time", **WATERBURY),
        record("ft-night", title="Night Security Officer", job_type="full_time", **WATERBURY),
        record("pt-day", title="Cashier", description="Day shift only.", job_type="part_time",
               **WATERBURY),
        record("pt-night-far", title="Night Cashier", job_type="part_time", **norwich),
    ]  # fmt: skip
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)
        hits = _find(session, "do u have anything part time nights in waterbury", "waterbury")
        assert [hit.title for hit in hits] == ["Cashier - 3rd Shift"]


def test_a_distance_in_the_message_limits_the_search(db_url):
    records = [
        record("stonington", title="Cashier", **_in("Stonington", "06378")),
        record("groton", title="Cashier", **_in("Groton", "06340")),
        record("norwich", title="Cashier", **_in("Norwich", "06360")),
    ]
    with session_scope(db_url) as session:
        import_records(session, records, now=NOW)
        near = _find(session, "cashier jobs within 10 miles of Mystic", "Mystic")
        assert {hit.town for hit in near} == {"Stonington", "Groton"}
        assert {hit.town for hit in _find(session, "cashier jobs", "Mystic")} == {
            "Stonington",
            "Groton",
            "Norwich",
        }
        by_zip = read_search_request("cashier within 10 mi of 06378").job_query()
        assert {hit.town for hit in search_jobs(session, by_zip, NOW).hits} == {
            "Stonington",
            "Groton",
        }


def test_stored_jobs_are_reindexed_with_their_shifts(db_url):
    with session_scope(db_url) as session:
        import_records(session, [record("night", title="Night Auditor")], now=NOW)
        session.execute(delete(JobTerm))
        assert not _find(session, "nights", "Hartford")
        assert reindex_jobs(session) == 1
        assert [hit.title for hit in _find(session, "nights", "Hartford")] == ["Night Auditor"]


def test_shift_and_pay_filters_on_the_demo_feed(demo_url):
    asked = read_search_request("warehouse nights paying $20/hr", place="Hartford")
    assert (asked.keyword, asked.shift, asked.min_hourly_pay) == ("warehouse", "night", 20.0)
    wanted = {"shift": asked.shift, "min_hourly_pay": asked.min_hourly_pay}
    hits = _all_pages(demo_url, keyword=asked.keyword, place="Hartford", **wanted)
    assert hits
    with session_scope(demo_url) as session:
        jobs = session.scalars(select(Job).where(Job.id.in_([hit.id for hit in hits]))).all()
        for job in jobs:
            assert "night" in job_shifts(job.title, job.description), job.title
            assert hourly(job.salary_max or job.salary_min, job.salary_unit) >= 20, job.title
    every = _all_pages(demo_url, keyword="warehouse", place="Hartford")
    night_only = _all_pages(demo_url, keyword="warehouse", place="Hartford", shift="night")
    assert len(hits) < len(night_only) < len(every)
