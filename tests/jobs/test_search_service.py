"""One job search for every channel: widened when nothing is near, logged under its
channel, related words when nothing is found; the job board and the API show it."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import get_engine, session_scope
from bot.db.models import JobSearch
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.search_log import API, ASSISTANT, JOB_BOARD
from bot.jobs.search_service import WIDER_RADIUS_MILES, find_jobs, related_words
from tests.conftest import DEMO_NOW
from tests.support.servers import LiveServer


@pytest.fixture
def session(demo_url: str) -> Iterator[Session]:
    """A session whose writes (the search log) are rolled back: the demo data stays."""
    with Session(get_engine(demo_url)) as session:
        yield session
        session.rollback()


@pytest.fixture(scope="module")
def web(demo_url: str) -> Iterator[LiveServer]:
    server = LiveServer(demo_url)
    yield server
    server.stop()


def _empty_nearby_but_not_farther(session: Session, now=None) -> tuple[str, str]:
    """A keyword and town with no match within 25 miles but some within 50."""
    for keyword in ("claims adjuster", "software developer", "plumber", "bank teller"):
        for town in ("Salisbury", "Sharon", "Thompson", "Union", "Norfolk"):
            near = search_jobs(session, JobQuery(keyword=keyword, place=town), now)
            far = JobQuery(keyword=keyword, place=town, radius_miles=WIDER_RADIUS_MILES)
            if not near.hits and search_jobs(session, far, now).hits:
                return keyword, town
    raise AssertionError("the demo data has no such keyword and town")


def _logged(session: Session) -> list[tuple[str, str | None, str | None, bool]]:
    return session.execute(
        select(JobSearch.source, JobSearch.keyword, JobSearch.town, JobSearch.found).order_by(
            JobSearch.id
        )
    ).all()


def test_nothing_nearby_widens_the_radius_and_logs_a_found_search(session):
    keyword, town = _empty_nearby_but_not_farther(session, DEMO_NOW)
    before = len(_logged(session))
    result = find_jobs(session, JobQuery(keyword=keyword, place=town), ASSISTANT, DEMO_NOW)
    assert result.widened and result.radius_miles == WIDER_RADIUS_MILES
    assert result.page.hits and result.town == town and result.related_words == ()
    assert result.query.radius_miles == 25
    assert _logged(session)[before:] == [(ASSISTANT, keyword, town, True)]


def test_results_nearby_are_not_widened(session):
    result = find_jobs(session, JobQuery(keyword="cna", place="New Haven"), JOB_BOARD, DEMO_NOW)
    assert result.page.hits and not result.widened and result.radius_miles == 25


def test_nothing_anywhere_offers_related_words_and_logs_a_miss(session):
    before = len(_logged(session))
    result = find_jobs(session, JobQuery(keyword="astronaut", place="Union"), API, DEMO_NOW)
    assert not result.page.hits and not result.widened
    assert _logged(session)[before:] == [(API, "astronaut", "Union", False)]
    assert related_words("cna") and "cna" not in related_words("cna")
    assert related_words("astronaut") == ()


def test_only_the_first_page_of_a_search_is_logged_and_unclear_places_are_not(session):
    before = len(_logged(session))
    find_jobs(session, JobQuery(keyword="cna", place="New Haven", page=2), ASSISTANT, DEMO_NOW)
    find_jobs(session, JobQuery(keyword="cna", place="Haven"), ASSISTANT, DEMO_NOW)
    assert _logged(session)[before:] == []


def test_the_job_board_says_when_it_widened_and_logs_the_search(web, demo_url):
    with Session(get_engine(demo_url)) as session:
        keyword, town = _empty_nearby_but_not_farther(session)
    page = web.get("/jobs", q=keyword, place=town, radius="25")
    text = html.unescape(page.text)
    assert page.status_code == 200
    assert "No jobs within 25 miles; showing jobs within 50 miles." in text
    assert '<option value="50" selected>50 miles</option>' in text
    assert 'class="results jobs"' in text
    with session_scope(demo_url) as session:
        logged = session.execute(
            select(JobSearch.source, JobSearch.found).where(
                JobSearch.keyword == keyword, JobSearch.town == town
            )
        ).all()
    assert (JOB_BOARD, True) in logged


def test_the_api_says_which_radius_it_used_and_logs_the_search(web, demo_url):
    with Session(get_engine(demo_url)) as session:
        keyword, town = _empty_nearby_but_not_farther(session)
    body = web.get("/api/jobs", q=keyword, place=town).json()
    assert (body["widened_from"], body["radius_miles"]) == (25, 50)
    assert body["jobs"] and all(job["distance_miles"] <= 50 for job in body["jobs"])
    near = web.get("/api/jobs", q="cna", place="New Haven").json()
    assert (near["widened_from"], near["radius_miles"]) == (None, 25)
    nothing = web.get("/api/jobs", q="astronaut", place="Union").json()
    assert (nothing["jobs"], nothing["widened_from"], nothing["related_words"]) == ([], None, [])
    with session_scope(demo_url) as session:
        sources = session.scalars(
            select(JobSearch.source).where(JobSearch.keyword == keyword, JobSearch.town == town)
        ).all()
    assert API in sources


def _nothing_within_50_miles(session: Session) -> tuple[str, str]:
    """A keyword with other words for it and a town with no such job within 50 miles."""
    for keyword in ("paramedic", "electrician", "cpa", "programmer", "diesel technician"):
        for town in ("Salisbury", "Norfolk", "Sharon", "Union", "Thompson"):
            far = JobQuery(keyword=keyword, place=town, radius_miles=WIDER_RADIUS_MILES)
            if related_words(keyword) and not search_jobs(session, far).hits:
                return keyword, town
    raise AssertionError("the demo data has no such keyword and town")


def test_the_board_and_the_api_offer_related_words_when_nothing_is_found(web, demo_url):
    with Session(get_engine(demo_url)) as session:
        keyword, town = _nothing_within_50_miles(session)
    words = related_words(keyword)
    page = html.unescape(web.get("/jobs", q=keyword, place=town).text)
    assert "No jobs matched." in page
    assert f"You could also try: {', '.join(words)}." in page
    body = web.get("/api/jobs", q=keyword, place=town).json()
    assert (body["jobs"], body["widened_from"]) == ([], None)
    assert body["related_words"] == list(words)
