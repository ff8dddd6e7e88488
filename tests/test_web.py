"""The web app over real HTTP: job and course API, search page, health, clear errors."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Job, JobClick
from bot.jobs.salary import hourly
from bot.jobs.shifts import job_shifts
from bot.jobs.store import import_records
from tests.jobs_factory import NOW, record
from tests.servers import LiveServer


@pytest.fixture(scope="module")
def web(demo_url: str) -> Iterator[LiveServer]:
    server = LiveServer(demo_url)
    yield server
    server.stop()


def test_job_api_returns_ranked_jobs_near_the_place(web):
    response = web.get("/api/jobs", q="cna", place="New Haven", radius="10", size="5")
    assert response.status_code == 200
    body = response.json()
    assert body["place"]["town"] == "New Haven"
    assert 0 < len(body["jobs"]) <= 5
    assert all(job["distance_miles"] <= 10 for job in body["jobs"])
    scores = [job["score"] for job in body["jobs"]]
    assert scores == sorted(scores, reverse=True)


def test_job_api_reports_typo_corrections_and_unclear_places(web):
    body = web.get("/api/jobs", q="forklfit", place="Hartford").json()
    assert body["corrections"] == {"forklfit": "forklift"}
    body = web.get("/api/jobs", place="Haven").json()
    assert body["place"]["status"] == "ambiguous" and body["jobs"] == []
    assert "West Haven" in body["place"]["candidates"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"radius": "far"}, "radius must be a number"),
        ({"radius": "500"}, "radius must be between 1 and 100"),
        ({"type": "weekends"}, "type must be full_time or part_time"),
        ({"q": "x" * 101}, "q and place are limited to 100 characters"),
        ({"shift": "nights"}, "shift must be one of day, evening, night, weekend"),
        ({"min_pay": "lots"}, "min_pay must be a number of dollars an hour, for example 18.50"),
        ({"min_pay": "45000"}, "min_pay must be between 1 and 500 dollars an hour"),
        ({"min_pay": "nan"}, "min_pay must be between 1 and 500 dollars an hour"),
    ],
)
def test_bad_parameters_get_a_clear_400(web, params, message):
    response = web.get("/api/jobs", **params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_job_api_filters_by_shift_and_minimum_pay(web, demo_url):
    asked = {"q": "cna", "place": "Hartford", "size": "50"}
    every = web.get("/api/jobs", **asked).json()["jobs"]
    body = web.get("/api/jobs", **asked, shift="night", min_pay="20").json()
    assert body["jobs"] and len(body["jobs"]) < len(every)
    with session_scope(demo_url) as session:
        for found in body["jobs"]:
            job = session.get(Job, found["id"])
            assert "night" in job_shifts(job.title, job.description), job.title
            assert hourly(job.salary_max or job.salary_min, job.salary_unit) >= 20, job.title


def test_course_api_finds_courses_by_topic_and_program(web):
    body = web.get("/api/courses", topic="excell", program="skillup").json()
    assert body["total"] > 0
    assert all(course["program_code"] == "skillup_ct" for course in body["courses"])
    assert "excel" in body["courses"][0]["title"].lower()


def test_place_lookup(web):
    assert web.get("/api/places/resolve", q="W Hartford").json()["town"] == "West Hartford"
    assert web.get("/api/places/resolve", q="asdf").json()["status"] == "none"


def test_search_page_lists_jobs_and_explains_unknown_towns(web):
    page = web.get("/jobs", q="welder", place="Waterbury")
    assert page.status_code == 200
    assert page.text.count("<li>") >= 1 and "Welder" in page.text
    page = web.get("/jobs", q="welder", place="Springfield")
    assert "We could not find a Connecticut town called &#39;Springfield&#39;." in page.text


def test_home_page_and_health(web):
    assert "Find a job in Connecticut" in web.get("/").text
    assert web.get("/healthz").json() == {"status": "ok", "database": "ok"}
    assert web.get("/api/nothing-here").status_code == 404


def test_a_dead_database_gets_a_503_with_a_plain_message(tmp_path):
    dead = "postgresql://nobody@127.0.0.1:1/none"
    server = LiveServer(dead)
    try:
        health = server.get("/healthz")
        assert health.status_code == 503 and health.json()["database"] == "unreachable"
        api = server.get("/api/jobs", q="cna", place="Hartford")
        assert api.status_code == 503
        assert "not answering" in api.json()["error"]
        page = server.get("/jobs", q="cna", place="Hartford")
        assert page.status_code == 503 and "try again" in page.text
    finally:
        server.stop()


def test_the_apply_link_counts_the_click_and_cannot_be_guessed(db_url):
    with session_scope(db_url) as session:
        import_records(session, [record("a"), record("b"), record("c", url=None)], now=NOW)
        jobs = {job.reference: job for job in session.scalars(select(Job))}
    with session_scope(db_url) as session:
        session.get(Job, jobs["b"].id).status = "closed"
    server = LiveServer(db_url)
    try:
        codes = {job.link_code for job in jobs.values()}
        assert len(codes) == 3
        assert all(re.fullmatch(r"[a-z2-9]{10}", code) for code in codes)

        response = server.get(f"/j/{jobs['a'].link_code}", allow_redirects=False)
        assert response.status_code == 302
        assert response.headers["Location"] == jobs["a"].url
        # Retyped from a phone screen, in capitals.
        response = server.get(f"/j/{jobs['a'].link_code.upper()}", allow_redirects=False)
        assert response.status_code == 302

        closed = server.get(f"/j/{jobs['b'].link_code}")
        assert closed.status_code == 410 and "no longer posted" in closed.text
        no_url = server.get(f"/j/{jobs['c'].link_code}")
        assert no_url.status_code == 200 and "ask the employer how to apply" in no_url.text

        for guess in (str(jobs["a"].id), "aaaaaaaaaa"):
            missing = server.get(f"/j/{guess}")
            assert missing.status_code == 404 and "could not find that job link" in missing.text
    finally:
        server.stop()
    with session_scope(db_url) as session:
        clicks = session.scalars(select(JobClick.job_id)).all()
    assert sorted(clicks) == sorted([jobs["a"].id] * 2 + [jobs["b"].id, jobs["c"].id])
