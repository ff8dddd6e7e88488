"""The web app over real HTTP: job and course API, search page, health, clear errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
    ],
)
def test_bad_parameters_get_a_clear_400(web, params, message):
    response = web.get("/api/jobs", **params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


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
