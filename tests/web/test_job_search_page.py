"""The job board's results page over real HTTP: job cards, how many jobs matched and
paging through all of them, the date-posted filter, the page title, typo corrections
said out loud, unclear places offered as links, and plain-word problems."""

from __future__ import annotations

import re
from datetime import timedelta

import requests
from sqlalchemy import select

from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import Job
from tests.support.pages import page_words

CARD = re.compile(r'<li class="job-card">(.*?)</li>\s*(?=<li class="job-card">|</ol>)', re.S)


def _cards(page: requests.Response) -> list[str]:
    return CARD.findall(page.text)


def _title(page: requests.Response) -> str:
    return re.search(r"<title>([^<]+)</title>", page.text).group(1)


def _count(page: requests.Response) -> int:
    return int(re.search(r"\b(\d+) jobs? found", page_words(page)).group(1))


def test_each_result_is_a_card_with_its_facts_and_an_apply_button(demo_site):
    page = demo_site.get("/jobs", q="warehouse", place="Hartford", radius="25")
    cards = _cards(page)
    assert cards
    for card in cards:
        assert re.search(r'<h3 class="job-title"><a href="/jobs/\d+">[^<]+</a></h3>', card)
        assert re.search(r'<p class="employer">[^<]+</p>', card)
        assert re.search(r'<li class="place">[^<]+</li>', card)
        assert re.search(r'<li class="posted">(Posted today|Posted \d+ days? ago)</li>', card)
        assert re.search(r'<a class="button apply" href="[^"]+/j/[a-z2-9]{10}"', card)
    assert _title(page) == "Warehouse jobs near Hartford - CT Back to Work Assistant"


def test_the_count_says_how_many_jobs_and_the_pages_hold_exactly_that_many(demo_site):
    asked = {"q": "warehouse", "place": "Hartford", "radius": "5"}
    first = demo_site.get("/jobs", **asked)
    total = _count(first)
    assert total > 10, "the demo data should need more than one page here"
    pages = -(-total // 10)
    assert f"Page 1 of {pages}." in page_words(first)
    seen: list[str] = []
    for number in range(1, pages + 1):
        page = demo_site.get("/jobs", **asked, page=str(number))
        assert f"Page {number} of {pages}." in page_words(page)
        seen += re.findall(r'<a href="(/jobs/\d+)">', page.text)
        if number > 1:
            assert _title(page).startswith(f"Warehouse jobs near Hartford, page {number} - ")
    # Every job counted is on one of the pages, once.
    assert len(seen) == len(set(seen)) == total
    last = demo_site.get("/jobs", **asked, page=str(pages))
    assert 'rel="next"' not in last.text and 'rel="prev"' in last.text
    # A search with very many jobs says so without counting them all.
    everything = demo_site.get("/jobs", place="Hartford", radius="25")
    assert "More than 1,000 jobs found." in page_words(everything)


def test_the_date_posted_filter_keeps_only_recent_jobs_and_stays_selected(demo_site, demo_url):
    asked = {"q": "cashier", "place": "Hartford", "radius": "50"}
    every = _count(demo_site.get("/jobs", **asked))
    month = demo_site.get("/jobs", **asked, days="30")
    with session_scope(demo_url) as session:
        older = session.scalars(
            select(Job.id).where(Job.status == "active", Job.posted_at < utcnow() - timedelta(30))
        ).all()
    assert older, "the demo data should have jobs older than a month"
    assert 0 < _count(month) < every
    for card in _cards(month):
        days = re.search(r"Posted (today|(\d+) days? ago)", card)
        assert days.group(1) == "today" or int(days.group(2)) <= 30
    assert '<option value="30" selected>Last 30 days</option>' in month.text


def test_a_misspelled_town_or_job_word_says_what_was_searched_instead(demo_site):
    town = demo_site.get("/jobs", q="warehouse", place="Hartfrod")
    assert "Showing results for Warehouse jobs near Hartford." in page_words(town)
    assert _cards(town)
    word = demo_site.get("/jobs", q="forklfit", place="Hartford", radius="25")
    assert "Showing results for Forklift jobs near Hartford." in page_words(word)
    # What was typed stays in the form.
    assert 'value="forklfit"' in word.text
    spelled = demo_site.get("/jobs", q="forklift", place="Hartford", radius="25")
    assert "Showing results for" not in spelled.text


def test_a_place_that_could_be_several_towns_offers_each_as_a_link(demo_site):
    page = demo_site.get("/jobs", q="cna", place="Haven", radius="10")
    assert "'Haven' could be more than one town. Which one?" in page_words(page)
    link = re.search(r'<a href="([^"]+)">West Haven</a>', page.text).group(1).replace("&amp;", "&")
    assert "q=cna" in link and "radius=10" in link and "place=West+Haven" in link
    chosen = demo_site.get(link)
    assert chosen.status_code == 200 and "could be more than one town" not in chosen.text
    assert _title(chosen).startswith("CNA jobs near West Haven")


def test_problems_are_said_in_plain_words_and_keep_what_was_typed(demo_site):
    new_york = demo_site.get("/jobs", q="cashier", place="10001")
    assert "10001 is not a Connecticut ZIP code. Connecticut ZIP codes start with 06" in (
        page_words(new_york)
    )
    assert "town called" not in new_york.text
    radius = demo_site.get("/jobs", q="welder", place="Hartford", radius="lots")
    assert radius.status_code == 400
    assert "Choose a distance from the list." in page_words(radius)
    assert "must be a number" not in radius.text and 'value="welder"' in radius.text
    days = demo_site.get("/jobs", q="welder", days="soon")
    assert "Choose how recently the jobs were posted from the list." in page_words(days)
