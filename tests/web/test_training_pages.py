"""The courses page and the eligibility checker, over real HTTP without JavaScript."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Course
from bot.eligibility.rules import default_rules
from bot.web.training import PAGE_SIZE


def _text(page) -> str:
    return html.unescape(re.sub(r"\s+", " ", page.text))


def test_the_checker_asks_every_question_of_the_rules_file_in_plain_words(demo_site):
    page = demo_site.get("/eligibility")
    assert page.status_code == 200
    text = _text(page)
    for question in default_rules().questions:
        assert question.text.replace(" Reply YES or NO", "") in text
        assert question.explain in text
    assert "Reply YES or NO" not in text
    assert "One more answer" not in text and "Not at the moment" not in text


def test_a_claimant_is_told_yes_why_and_where_the_courses_are(demo_site):
    text = _text(demo_site.get("/eligibility", ct_resident="yes", filed_ct_claim="yes"))
    assert "Yes, you can take free training" in text
    assert "You filed a Connecticut unemployment claim." in text
    assert 'href="/courses?program=skillup_ct"' in text
    assert 'href="/courses?program=180_skills"' in text


def test_someone_outside_connecticut_is_told_why_not_and_what_would_help(demo_site):
    text = _text(demo_site.get("/eligibility", ct_resident="no"))
    assert "Not at the moment" in text
    assert "Free training is for Connecticut residents." in text
    assert default_rules().not_eligible.what_would_help in text


def test_a_partial_answer_asks_for_the_one_that_decides_and_keeps_the_others(demo_site):
    page = demo_site.get("/eligibility", ct_resident="yes")
    text = _text(page)
    assert "One more answer, please" in text
    assert "Have you filed an unemployment claim with Connecticut?" in text
    assert re.search(r'name="ct_resident" value="yes"[^>]*checked', page.text)


def test_nonsense_answers_are_ignored_rather_than_failing(demo_site):
    page = demo_site.get("/eligibility", ct_resident="maybe", filed_ct_claim="<script>")
    assert page.status_code == 200 and "<script>" not in page.text.split("</h1>", 1)[1]


def test_the_courses_page_finds_courses_by_topic_and_program(demo_site):
    text = _text(demo_site.get("/courses", topic="excel"))
    assert re.search(r"Showing courses 1 to \d+ of \d+\.", text)
    assert "Excel" in text
    only = _text(demo_site.get("/courses", program="180_skills"))
    assert "180 Skills" in only and "SkillUp CT," not in only
    assert 'value="180_skills" selected' in only


def test_a_course_search_with_no_match_says_what_to_try(demo_site):
    text = _text(demo_site.get("/courses", topic="zzqx underwater basketweaving"))
    assert "No courses matched. Try another topic or all programs." in text


def _course_codes(page) -> list[str]:
    return re.findall(r'data-chat-message="enroll ([^"]+)"', page.text)


def test_every_course_can_be_reached_page_by_page(demo_site, demo_url):
    with session_scope(demo_url) as session:
        active = set(session.scalars(select(Course.code).where(Course.active.is_(True))))
    seen: list[str] = []
    path, pages = "/courses", 0
    while path:
        page = demo_site.get(path)
        assert page.status_code == 200
        seen += _course_codes(page)
        found = re.search(r'<a href="([^"]+)" rel="next">Next page</a>', page.text)
        path = html.unescape(found.group(1)) if found else None
        pages += 1
    assert sorted(seen) == sorted(active)
    assert pages == -(-len(active) // PAGE_SIZE) > 1
    text = _text(demo_site.get("/courses", page=str(pages)))
    first = (pages - 1) * PAGE_SIZE + 1
    assert f"Showing courses {first} to {len(active)} of {len(active)}." in text


def test_paging_keeps_the_search_and_a_bad_page_number_loses_nothing(demo_site):
    second = demo_site.get("/courses", program="skillup_ct", page="2")
    assert 'href="/courses?program=skillup_ct"' in second.text  # back to page 1
    assert "Showing courses 21 to 40 of" in _text(second)
    typo = _text(demo_site.get("/courses", program="skillup_ct", page="two"))
    assert "'two' is not a page number, so this is page 1." in typo
    assert "Showing courses 1 to 20 of" in typo and 'value="skillup_ct" selected' in typo
    past = _text(demo_site.get("/courses", program="skillup_ct", page="99999999999"))
    assert "That page is past the end of the list: this is the last page, page " in past


def test_each_course_offers_to_enroll_through_the_chat(demo_site):
    page = demo_site.get("/courses", topic="excel")
    codes = _course_codes(page)
    assert codes and all(re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)+", code) for code in codes)
    assert 'aria-label="Enroll in ' in page.text and 'id="chat-form"' in page.text


def test_the_courses_page_says_who_offers_them_and_links_the_claim(demo_site):
    page = demo_site.get("/courses")
    text = _text(page)
    assert "SkillUp CT: online courses in IT, business" in text
    assert "180 Skills: online manufacturing courses" in text
    assert "CSCU: students of the Connecticut State Colleges and Universities" in text
    assert '(<a href="https://reemployct.ct.gov">file a claim</a>)' in page.text


def test_an_empty_check_says_what_to_do_and_an_outcome_is_marked_by_kind(demo_site):
    empty = demo_site.get("/eligibility", check="1")
    assert (
        '<p class="error" role="alert">Answer at least the first question with Yes or No, '
        "then press Check.</p>" in empty.text
    )
    assert "Answer at least" not in demo_site.get("/eligibility").text
    yes = demo_site.get("/eligibility", ct_resident="yes", filed_ct_claim="yes", check="1")
    assert 'class="outcome outcome-eligible"' in yes.text and "Answer at least" not in yes.text
    no = demo_site.get("/eligibility", ct_resident="no")
    assert 'class="outcome outcome-not_eligible"' in no.text
