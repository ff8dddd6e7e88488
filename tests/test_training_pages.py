"""The courses page and the eligibility checker, over real HTTP without JavaScript."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest

from bot.eligibility.rules import default_rules
from tests.servers import LiveServer


@pytest.fixture(scope="module")
def web(demo_url: str) -> Iterator[LiveServer]:
    server = LiveServer(demo_url)
    yield server
    server.stop()


def _text(page) -> str:
    return html.unescape(re.sub(r"\s+", " ", page.text))


def test_the_checker_asks_every_question_of_the_rules_file_in_plain_words(web):
    page = web.get("/eligibility")
    assert page.status_code == 200
    text = _text(page)
    for question in default_rules().questions:
        assert question.text.replace(" Reply YES or NO", "") in text
        assert question.explain in text
    assert "Reply YES or NO" not in text
    assert "One more answer" not in text and "Not at the moment" not in text


def test_a_claimant_is_told_yes_why_and_where_the_courses_are(web):
    text = _text(web.get("/eligibility", ct_resident="yes", filed_ct_claim="yes"))
    assert "Yes, you can take free training" in text
    assert "You filed a Connecticut unemployment claim." in text
    assert 'href="/courses?program=skillup_ct"' in text
    assert 'href="/courses?program=180_skills"' in text


def test_someone_outside_connecticut_is_told_why_not_and_what_would_help(web):
    text = _text(web.get("/eligibility", ct_resident="no"))
    assert "Not at the moment" in text
    assert "Free training is for Connecticut residents." in text
    assert default_rules().not_eligible.what_would_help in text


def test_a_partial_answer_asks_for_the_one_that_decides_and_keeps_the_others(web):
    page = web.get("/eligibility", ct_resident="yes")
    text = _text(page)
    assert "One more answer, please" in text
    assert "Have you filed an unemployment claim with Connecticut?" in text
    assert re.search(r'name="ct_resident" value="yes"[^>]*checked', page.text)


def test_nonsense_answers_are_ignored_rather_than_failing(web):
    page = web.get("/eligibility", ct_resident="maybe", filed_ct_claim="<script>")
    assert page.status_code == 200 and "<script>" not in page.text.split("</h1>", 1)[1]


def test_the_courses_page_finds_courses_by_topic_and_program(web):
    text = _text(web.get("/courses", topic="excel"))
    assert re.search(r"Showing \d+ of \d+ courses", text)
    assert "Excel" in text
    only = _text(web.get("/courses", program="180_skills"))
    assert "180 Skills" in only and "SkillUp CT," not in only
    assert 'value="180_skills" selected' in only


def test_a_course_search_with_no_match_says_what_to_try(web):
    text = _text(web.get("/courses", topic="zzqx underwater basketweaving"))
    assert "No courses matched. Try another topic or all programs." in text
