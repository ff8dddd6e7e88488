"""The web app over real HTTP: job and course API, search page, health, clear errors."""

from __future__ import annotations

import html
import re

import pytest
import requests
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Job, JobClick
from bot.jobs.format import job_type_text, pay_text
from bot.jobs.salary import hourly
from bot.jobs.shifts import job_shifts
from bot.jobs.store import import_records
from tests.conftest import TWILIO_FROM_NUMBER
from tests.support.jobs_factory import NOW, record
from tests.support.pages import page_words
from tests.support.servers import LiveServer


def test_job_api_returns_ranked_jobs_near_the_place(demo_site):
    response = demo_site.get("/api/jobs", q="cna", place="New Haven", radius="10", size="5")
    assert response.status_code == 200
    body = response.json()
    assert body["place"]["town"] == "New Haven"
    assert 0 < len(body["jobs"]) <= 5
    assert all(job["distance_miles"] <= 10 for job in body["jobs"])
    scores = [job["score"] for job in body["jobs"]]
    assert scores == sorted(scores, reverse=True)


def test_job_api_reports_typo_corrections_and_unclear_places(demo_site):
    body = demo_site.get("/api/jobs", q="forklfit", place="Hartford").json()
    assert body["corrections"] == {"forklfit": "forklift"}
    body = demo_site.get("/api/jobs", place="Haven").json()
    assert body["place"]["status"] == "ambiguous" and body["jobs"] == []
    assert "West Haven" in body["place"]["candidates"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"radius": "far"}, "radius must be a number"),
        ({"radius": "500"}, "radius must be between 1 and 100"),
        (
            {"type": "weekends"},
            "type must be one of full_time, part_time, contract, temporary, internship, per_diem",
        ),
        ({"q": "x" * 101}, "q and place are limited to 100 characters"),
        ({"shift": "nights"}, "shift must be one of day, evening, night, weekend"),
        ({"min_pay": "lots"}, "min_pay must be a number of dollars an hour, for example 18.50"),
        ({"min_pay": "45000"}, "min_pay must be between 1 and 500 dollars an hour"),
        ({"min_pay": "nan"}, "min_pay must be between 1 and 500 dollars an hour"),
    ],
)
def test_bad_parameters_get_a_clear_400(demo_site, params, message):
    response = demo_site.get("/api/jobs", **params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_job_api_filters_by_shift_and_minimum_pay(demo_site, demo_url):
    asked = {"q": "cna", "place": "Hartford", "size": "50"}
    every = demo_site.get("/api/jobs", **asked).json()["jobs"]
    body = demo_site.get("/api/jobs", **asked, shift="night", min_pay="20").json()
    assert body["jobs"] and len(body["jobs"]) < len(every)
    with session_scope(demo_url) as session:
        for found in body["jobs"]:
            job = session.get(Job, found["id"])
            assert "night" in job_shifts(job.title, job.description), job.title
            assert hourly(job.salary_max or job.salary_min, job.salary_unit) >= 20, job.title


def test_course_api_finds_courses_by_topic_and_program(demo_site):
    body = demo_site.get("/api/courses", topic="excell", program="skillup").json()
    assert body["total"] > 0
    assert all(course["program_code"] == "skillup_ct" for course in body["courses"])
    assert "excel" in body["courses"][0]["title"].lower()


def test_place_lookup(demo_site):
    assert demo_site.get("/api/places/resolve", q="W Hartford").json()["town"] == "West Hartford"
    assert demo_site.get("/api/places/resolve", q="asdf").json()["status"] == "none"


def test_search_page_lists_jobs_and_explains_unknown_towns(demo_site):
    page = demo_site.get("/jobs", q="welder", place="Waterbury")
    assert page.status_code == 200
    assert page.text.count('class="job-card"') >= 1 and "Welder" in page.text
    page = demo_site.get("/jobs", q="welder", place="Springfield")
    assert "We could not find a Connecticut town called &#39;Springfield&#39;. Check" in page.text


def test_home_page_and_health(demo_site):
    assert "Find a job in Connecticut" in demo_site.get("/").text
    assert demo_site.get("/healthz").json() == {"status": "ok", "database": "ok"}
    assert demo_site.get("/api/nothing-here").status_code == 404


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
        assert no_url.status_code == 200 and "how to apply" in no_url.text
        assert "no online application" in no_url.text

        for guess in (str(jobs["a"].id), "aaaaaaaaaa"):
            missing = server.get(f"/j/{guess}")
            assert missing.status_code == 404 and "could not find that job link" in missing.text
    finally:
        server.stop()
    with session_scope(db_url) as session:
        clicks = session.scalars(select(JobClick.job_id)).all()
    assert sorted(clicks) == sorted([jobs["a"].id] * 2 + [jobs["b"].id, jobs["c"].id])


def test_each_result_links_to_its_own_page_and_its_apply_link(demo_site, demo_url):
    results = demo_site.get("/jobs", q="welder", place="Waterbury")
    ids = [int(i) for i in re.findall(r'class="job-title"><a href="/jobs/(\d+)">', results.text)]
    codes = re.findall(rf'href="{re.escape(demo_site.url)}/j/([a-z2-9]+)"', results.text)
    assert len(ids) == len(codes) >= 2
    with session_scope(demo_url) as session:
        link_codes = dict(session.execute(select(Job.id, Job.link_code)).all())
        job = session.get(Job, ids[0])
        employer, town = job.employer.name, job.place.name
        pay = pay_text(job.salary_min, job.salary_max, job.salary_unit, job.salary_text)
    assert [link_codes[i] for i in ids] == codes

    text = page_words(demo_site.get(f"/jobs/{ids[0]}"))
    assert f"{job.title} - CT Back to Work Assistant" in text
    assert f"Employer {employer}" in text and f"Town {town}" in text
    assert pay is None or f"Pay {pay}" in text
    assert f"Job type {job_type_text(job.job_type)}" in text
    assert re.search(r"Posted (today|1 day ago|\d+ days ago)", text)
    assert " ".join(job.description.split("\n")[0].split()) in text
    apply = demo_site.get(f"/j/{codes[0]}", allow_redirects=False)
    assert apply.status_code == 302 and apply.headers["Location"] == job.url


def test_a_job_that_is_not_live_gets_a_clear_404(db_url):
    with session_scope(db_url) as session:
        import_records(session, [record("closed"), record("pending"), record("live")], now=NOW)
        jobs = {job.reference: job.id for job in session.scalars(select(Job))}
        session.get(Job, jobs["closed"]).status = "closed"
        session.get(Job, jobs["pending"]).status = "pending"
    server = LiveServer(db_url)
    try:
        assert server.get(f"/jobs/{jobs['live']}").status_code == 200
        for path, message in [
            (f"/jobs/{jobs['closed']}", "That job is no longer posted."),
            (f"/jobs/{jobs['pending']}", "This job is being checked by our staff."),
            (f"/jobs/{max(jobs.values()) + 1}", "That job is no longer posted."),
            ("/jobs/99999999999999999999", "That job is no longer posted."),
        ]:
            page = server.get(path)
            assert page.status_code == 404 and message in page.text, path
    finally:
        server.stop()


def test_a_mistyped_or_huge_page_number_gets_a_message_and_keeps_the_search(demo_site):
    typo = demo_site.get("/jobs", q="cna", place="Hartford", page="x2")
    assert typo.status_code == 200
    assert "'x2' is not a page number, so this is page 1." in page_words(typo)
    assert '<ol class="results jobs" start="1">' in typo.text
    for huge in ("400", "99999999999999999999"):
        # Every job near Hartford: many pages, fewer than 400.
        page = demo_site.get("/jobs", place="Hartford", page=huge)
        assert page.status_code == 200
        last = int(re.search(r"this is the last page, page (\d+)\.", page.text).group(1))
        assert 2 < last < 400
        assert f'<ol class="results jobs" start="{(last - 1) * 10 + 1}">' in page.text
        assert 'rel="next"' not in page.text
        assert f'href="/jobs?place=Hartford&amp;page={last - 1}" rel="prev"' in page.text
        same = demo_site.get("/jobs", place="Hartford", page=str(last))
        assert re.findall(r"/jobs/\d+", same.text) == re.findall(r"/jobs/\d+", page.text)


def test_the_board_searches_by_distance_and_job_type_like_the_api(demo_site):
    args = {"q": "cna", "place": "New Haven", "radius": "5", "type": "part_time"}
    page = demo_site.get("/jobs", **args)
    api = demo_site.get("/api/jobs", **args).json()["jobs"]
    assert api and all(hit["job_type"] == "part_time" for hit in api)
    assert all(hit["distance_miles"] is None or hit["distance_miles"] <= 5 for hit in api)
    assert re.findall(r'<a href="/jobs/(\d+)">', page.text) == [str(hit["id"]) for hit in api]
    assert '<option value="5" selected>5 miles</option>' in page.text
    assert '<option value="part_time" selected>Part time</option>' in page.text


def test_the_home_page_gives_the_number_to_text_when_there_is_one(conversation_url):
    server = LiveServer(conversation_url, env={"TWILIO_FROM_NUMBER": TWILIO_FROM_NUMBER})
    try:
        english = html.unescape(server.get("/").text)
        spanish = html.unescape(
            requests.get(server.url + "/", headers={"Accept-Language": "es"}, timeout=30).text
        )
    finally:
        server.stop()
    assert (
        'No computer? Text "jobs in Hartford" to 860-555-0000 and the assistant answers by text.'
        in english
    )
    assert 'Mande "trabajo en Hartford" por texto al 860-555-0000' in spanish
