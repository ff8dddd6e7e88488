"""The area's typical pay (BLS OEWS) on the job page, in English and Spanish, and in
the JSON API, beside each posting's own pay; nothing when the posting names no
occupation."""

from __future__ import annotations

import requests
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Job
from bot.wages.occupations import posting_occupation
from tests.support.pages import page_words
from tests.support.servers import LiveServer

SPANISH_BROWSER = {"Accept-Language": "es-US,es;q=0.9,en;q=0.5"}


def _hartford_cnas(server: LiveServer) -> list[dict]:
    """The live CNA postings in Hartford, as the API lists them."""
    jobs = server.get("/api/jobs", q="cna", place="Hartford", radius="5", size="20").json()
    cnas = [
        job
        for job in jobs["jobs"]
        if job["title"] == "Certified Nursing Assistant (CNA)" and job["town"] == "Hartford"
    ]
    assert cnas
    return cnas


def _unmatched_job(url: str) -> int:
    with session_scope(url) as session:
        jobs = session.execute(
            select(Job.id, Job.title, Job.category).where(Job.status == "active").order_by(Job.id)
        ).all()
        return next(i for i, title, cat in jobs if posting_occupation(session, title, cat) is None)


def test_the_job_page_shows_the_areas_typical_pay_under_the_postings_own(demo_site):
    page = demo_site.get(f"/jobs/{_hartford_cnas(demo_site)[0]['id']}")
    text = page_words(page)
    own = text.index(" Pay $")
    typical = text.index(
        " Typical pay in the area Typical pay for nursing assistants in the Hartford area: "
        "$19-$22/hr, median $21 (BLS, May 2025) "
    )
    assert own < typical < text.index(" Job type ")


def test_the_job_page_in_spanish_says_it_in_spanish(demo_site: LiveServer):
    path = f"/jobs/{_hartford_cnas(demo_site)[0]['id']}"
    page = requests.get(demo_site.url + path, headers=SPANISH_BROWSER, timeout=30)
    text = page_words(page)
    assert " Pago $" in text
    assert (
        " Pago típico en el área Pago típico de auxiliares de enfermería en el área de Hartford: "
        "$19-$22/hora, mediana $21 (BLS, mayo de 2025) "
    ) in text


def test_the_job_board_gives_each_result_its_typical_pay_under_its_facts(demo_site):
    page = demo_site.get("/jobs", q="cna", place="Hartford", radius="5")
    results = page.text[page.text.index('<ol class="results jobs"') :]
    first = results.split('<li class="job-card">')[1]
    assert '<p class="typical-pay">Typical pay for nursing assistants in the ' in first
    assert first.index('class="pay"') < first.index('class="typical-pay"') < first.index(">Apply<")


def test_a_job_page_without_an_occupation_has_no_typical_pay(demo_site, demo_url):
    text = page_words(demo_site.get(f"/jobs/{_unmatched_job(demo_url)}"))
    assert "Employer " in text and "Typical pay" not in text


def test_the_job_api_gives_each_job_its_typical_pay_or_null(demo_site):
    cna = _hartford_cnas(demo_site)[0]
    assert cna["typical_pay"] == {
        "occupation_code": "31-1131",
        "occupation": "Nursing Assistants",
        "area_code": "0025540",
        "area": "Hartford-West Hartford-East Hartford, CT",
        "statewide_fallback_for": None,
        "release": "May 2025",
        "unit": "hour",
        "median": 21.32,
        "low": 19.19,
        "high": 22.39,
        "range_percentiles": "25-75",
        "source": "BLS OEWS",
    }
    # The posting's own pay stays as it was, beside it.
    assert cna["salary_unit"] == "hour" and cna["salary_max"] is not None


def test_a_job_without_an_occupation_has_a_null_typical_pay_in_the_api(demo_site, demo_url):
    with session_scope(demo_url) as session:
        job = session.get(Job, _unmatched_job(demo_url))
        title, town = job.title, job.place.name
    jobs = demo_site.get("/api/jobs", q=title, place=town, radius="5", size="50").json()["jobs"]
    same = [job for job in jobs if job["title"] == title and job["town"] == town]
    assert same and all(job["typical_pay"] is None for job in same)
