"""Course search (typos, topics, ranking, program and credential filters, paging) and
180 Skills pathways, on the shipped catalog in a real database."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from bot.courses import (
    next_course,
    pathway,
    pathway_starts,
    search_courses,
)
from bot.courses.catalog_file import LEVELS
from bot.db.engine import session_scope
from bot.db.models import Course
from tests.support.catalog import RECORDS, codes, pathways


def _search_all(url: str, **filters) -> list:
    with session_scope(url) as session:
        page = search_courses(session, limit=1000, **filters)
    assert page.total == len(page.courses)
    return page.courses


def _keywords(code: str) -> str:
    return RECORDS[code].keywords


@pytest.mark.parametrize("query", ["excell", "exel", "Excel", "excel courses"])
def test_excel_typos_find_only_excel_courses(catalog_url: str, query: str) -> None:
    hits = _search_all(catalog_url, topic=query)
    assert hits
    assert all("excel" in h.title.lower() or "excel" in _keywords(h.code) for h in hits)
    assert "Microsoft Excel: Beginner" in [h.title for h in hits]


@pytest.mark.parametrize(
    "query", ["project management", "proj mgmt", "project managment", "Project Mgmt"]
)
def test_project_management_variants(catalog_url: str, query: str) -> None:
    hits = _search_all(catalog_url, topic=query)
    expected = {r.code for r in RECORDS.values() if r.topic == "Project Management"}
    assert {h.code for h in hits} == expected


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        ("cnc", "CNC Machining"),
        ("welding", "Welding"),
        ("weldng", "Welding"),
        ("six sigma", "Six Sigma"),
        ("forklift", "Material Handling"),
        ("quick books", "Bookkeeping and Accounting"),
        ("cyber security", "Cybersecurity"),
    ],
)
def test_topic_queries_stay_on_topic(catalog_url: str, query: str, topic: str) -> None:
    hits = _search_all(catalog_url, topic=query)
    assert hits
    assert {h.topic for h in hits} == {topic}


def test_blueprints_and_computer_basics(catalog_url: str) -> None:
    blueprints = _search_all(catalog_url, topic="blueprints")
    assert blueprints[0].title == "Blueprint Reading Basics"
    assert all("blueprint" in (h.title + " " + _keywords(h.code)).lower() for h in blueprints)
    basics = _search_all(catalog_url, topic="computer basics")
    assert basics[0].title.startswith("Computer Basics")
    assert {h.topic for h in basics} == {"Digital Literacy"}


def test_unknown_topic_returns_nothing(catalog_url: str) -> None:
    with session_scope(catalog_url) as session:
        page = search_courses(session, topic="underwater basket weaving")
    assert page.courses == [] and page.total == 0


def test_ranking_exact_title_first_then_keywords_then_level_and_title(catalog_url: str) -> None:
    hits = _search_all(catalog_url, topic="excel")
    in_title = ["excel" in h.title.lower() for h in hits]
    assert in_title == sorted(in_title, reverse=True)
    title_hits = [h for h in hits if "excel" in h.title.lower()]
    ranks = [LEVELS.index(h.level) for h in title_hits]
    assert ranks == sorted(ranks)
    assert title_hits[0].title == "Microsoft Excel: Beginner"
    assert hits[-1].title == "Microsoft 365 Overview"
    weld = _search_all(catalog_url, topic="weld")
    assert weld[0].title == "Weld Inspection and Quality"


def test_no_topic_lists_every_active_course_beginner_first(catalog_url: str) -> None:
    hits = _search_all(catalog_url)
    assert len(hits) == len(RECORDS)
    ranks = [LEVELS.index(h.level) for h in hits]
    assert ranks == sorted(ranks)
    assert _search_all(catalog_url, topic="free online courses") == hits


@pytest.mark.parametrize("name", ["skillup", "skill up ct", "SkillUp CT", "skillup_ct", "skilup"])
def test_program_filter_skillup(catalog_url: str, name: str) -> None:
    hits = _search_all(catalog_url, program=name)
    assert {h.program_code for h in hits} == {"skillup_ct"}
    assert {h.program_name for h in hits} == {"SkillUp CT"}
    assert len(hits) == len(codes(RECORDS, "skillup_ct"))


@pytest.mark.parametrize("name", ["180 skills", "180", "180_skills", "manufacturing"])
def test_program_filter_180_skills(catalog_url: str, name: str) -> None:
    hits = _search_all(catalog_url, program=name)
    assert len(hits) == len(codes(RECORDS, "180_skills"))
    assert {h.program_code for h in hits} == {"180_skills"}


def test_program_filter_combines_with_topic_and_unknown_program_matches_nothing(
    catalog_url: str,
) -> None:
    everywhere = _search_all(catalog_url, topic="safety")
    assert {h.program_code for h in everywhere} == {"skillup_ct", "180_skills"}
    manufacturing = _search_all(catalog_url, topic="safety", program="180")
    assert manufacturing and {h.program_code for h in manufacturing} == {"180_skills"}
    assert _search_all(catalog_url, program="coursera") == []


def test_credential_filter(catalog_url: str) -> None:
    cnc = _search_all(catalog_url, credential="cnc")
    assert len(cnc) >= 3
    assert all("CNC" in (h.credential or "") for h in cnc)
    yellow = _search_all(catalog_url, credential="six sigma yellow belt")
    assert [h.code for h in yellow] == ["180-SIX-001"]
    measure = _search_all(catalog_url, credential="Precision Measurment Certificate")
    assert [h.credential for h in measure] == ["180 Skills Precision Measurement Certificate"]
    anything = _search_all(catalog_url, credential="certificate")
    assert len(anything) == len(codes(RECORDS, "180_skills"))
    assert _search_all(catalog_url, credential="pilot license") == []
    both = _search_all(catalog_url, topic="machining", credential="programmer")
    assert both and all("Programmer" in (h.credential or "") for h in both)


def test_paging_has_no_overlap_and_a_stable_total(catalog_url: str) -> None:
    seen: list[str] = []
    totals = set()
    with session_scope(catalog_url) as session:
        for offset in range(0, 40, 7):
            page = search_courses(session, program="skillup", limit=7, offset=offset)
            totals.add(page.total)
            seen.extend(h.code for h in page.courses)
        past_end = search_courses(session, program="skillup", limit=7, offset=10_000)
        data = search_courses(session, topic="data", limit=5)
        data_rest = search_courses(session, topic="data", limit=5, offset=5)
    assert totals == {len(codes(RECORDS, "skillup_ct"))}
    assert len(seen) == 42 and len(set(seen)) == 42
    assert past_end.courses == [] and past_end.total in totals
    assert len(data.courses) == 5 and data.total == data_rest.total > 5
    assert not {h.code for h in data.courses} & {h.code for h in data_rest.courses}


def test_inactive_courses_are_not_found(catalog_url: str) -> None:
    with session_scope(catalog_url) as session:
        session.execute(update(Course).where(Course.code == "SU-OFF-001").values(active=False))
    codes = [h.code for h in _search_all(catalog_url, topic="excel")]
    assert codes and "SU-OFF-001" not in codes


def test_pathway_from_the_first_course_walks_to_its_end(catalog_url: str) -> None:
    chain = next(c for c in pathways() if c[0] == "180-MFG-001")
    with session_scope(catalog_url) as session:
        steps = pathway(session, "180-mfg-001")
        middle = pathway(session, chain[3])
    assert [h.code for h in steps] == chain
    assert steps[-1].next_course_code is None
    assert all(a.next_course_code == b.code for a, b in zip(steps, steps[1:], strict=False))
    assert all(h.credential for h in steps)
    assert [h.code for h in middle] == chain[3:]


def test_every_pathway_start_walks_its_whole_chain(catalog_url: str) -> None:
    chains = {c[0]: c for c in pathways()}
    with session_scope(catalog_url) as session:
        starts = pathway_starts(session, "180 skills")
        walks = {h.code: [s.code for s in pathway(session, h.code)] for h in starts}
        skillup_starts = pathway_starts(session, "skillup")
    assert walks == chains
    assert skillup_starts == []


def test_next_course(catalog_url: str) -> None:
    chain = pathways()[0]
    with session_scope(catalog_url) as session:
        assert next_course(session, chain[0]).code == chain[1]
        assert next_course(session, chain[-1]) is None
        assert next_course(session, "NOPE-1") is None
        assert pathway(session, "NOPE-1") == []


def test_pathway_skips_a_retired_course_but_keeps_going(catalog_url: str) -> None:
    chain = pathways()[0]
    with session_scope(catalog_url) as session:
        session.execute(update(Course).where(Course.code == chain[1]).values(active=False))
    with session_scope(catalog_url) as session:
        steps = [h.code for h in pathway(session, chain[0])]
        following = next_course(session, chain[0])
    assert steps == [chain[0], *chain[2:]]
    assert following is not None and following.code == chain[2]


def test_pathway_starts_with_a_retired_first_course_and_unknown_program(catalog_url: str) -> None:
    chain = pathways()[0]
    with session_scope(catalog_url) as session:
        session.execute(update(Course).where(Course.code == chain[0]).values(active=False))
    with session_scope(catalog_url) as session:
        starts = [h.code for h in pathway_starts(session)]
        unknown = pathway_starts(session, "coursera")
    assert chain[1] in starts and chain[0] not in starts
    assert len(starts) == len(pathways())
    assert unknown == []
