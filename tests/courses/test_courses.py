"""Course catalog: CSV validation, import into a real database, search and pathways."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from sqlalchemy import func, select, update

from bot.courses import (
    CourseRecord,
    import_catalog,
    import_shipped_catalog,
    load_programs,
    next_course,
    pathway,
    pathway_starts,
    read_catalog_csv,
    read_programs,
    search_courses,
    shipped_catalog_path,
)
from bot.courses.catalog import COLUMNS, LEVELS
from bot.db.engine import session_scope
from bot.db.models import Course, Program

SHIPPED = read_catalog_csv(shipped_catalog_path())
RECORDS = {r.code: r for r in SHIPPED.records}
HEADER = ",".join(COLUMNS)


@pytest.fixture
def catalog_url(db_url: str) -> str:
    """The database with the programs and the shipped catalog imported."""
    with session_scope(db_url) as session:
        import_shipped_catalog(session)
    return db_url


def _codes(records: list[CourseRecord] | dict, program: str) -> list[str]:
    values = records.values() if isinstance(records, dict) else records
    return [r.code for r in values if r.program == program]


def _chains() -> list[list[str]]:
    targets = {r.next_course_code for r in RECORDS.values() if r.next_course_code}
    chains = []
    for code in _codes(RECORDS, "180_skills"):
        if code in targets:
            continue
        chain = [code]
        while RECORDS[chain[-1]].next_course_code:
            chain.append(RECORDS[chain[-1]].next_course_code)
        chains.append(chain)
    return chains


def _search_all(url: str, **filters) -> list:
    with session_scope(url) as session:
        page = search_courses(session, limit=1000, **filters)
    assert page.total == len(page.courses)
    return page.courses


# --- the shipped catalog ---------------------------------------------------------------


def test_shipped_catalog_parses_cleanly_and_is_big_enough() -> None:
    assert SHIPPED.rejects == []
    assert SHIPPED.warnings == []
    assert len(SHIPPED.records) >= 170
    programs = Counter(r.program for r in SHIPPED.records)
    assert programs["skillup_ct"] >= 110
    assert programs["180_skills"] >= 50
    topics = {p: {r.topic for r in SHIPPED.records if r.program == p} for p in programs}
    assert len(topics["skillup_ct"]) >= 10
    assert len(topics["180_skills"]) >= 8


def test_shipped_catalog_rows_are_well_formed() -> None:
    assert shipped_catalog_path().read_bytes().isascii()
    for r in SHIPPED.records:
        prefix = "SU-" if r.program == "skillup_ct" else "180-"
        folder = "skillup" if r.program == "skillup_ct" else "180skills"
        assert re.fullmatch(re.escape(prefix) + r"[A-Z]+-\d{3}", r.code), r.code
        assert r.url == f"https://learn.example.org/{folder}/{r.code}"
        assert r.level in LEVELS
        assert r.hours and r.hours > 0
        assert r.description and r.description.count(". ") <= 1
        assert r.keywords and r.keywords == r.keywords.lower()
        if r.program == "180_skills":
            assert r.credential and r.credential.startswith("180 Skills ")
        else:
            assert r.next_course_code is None


def test_programs_file_describes_both_programs() -> None:
    programs = {p.code: p for p in read_programs()}
    assert set(programs) == {"skillup_ct", "180_skills"}
    assert programs["skillup_ct"].name == "SkillUp CT"
    assert programs["180_skills"].name == "180 Skills"
    assert all(0 < len(p.description) <= 300 for p in programs.values())


def test_every_180_skills_pathway_is_acyclic_and_ends() -> None:
    chains = _chains()
    assert len(chains) >= 4
    assert all(len(chain) >= 2 for chain in chains)
    for chain in chains:
        assert len(chain) == len(set(chain))
        assert RECORDS[chain[-1]].next_course_code is None
        assert {RECORDS[c].program for c in chain} == {"180_skills"}
        assert len({RECORDS[c].credential for c in chain}) == len(chain)
    walked = [code for chain in chains for code in chain]
    assert sorted(walked) == sorted(_codes(RECORDS, "180_skills"))


# --- validation ------------------------------------------------------------------------

GOOD = (
    "A-1,skillup_ct,Excel Basics,Microsoft Office,beginner,6,,,https://x.example/a1,"
    "Spreadsheets.,excel"
)
BAD_CSV = "\n".join(
    [
        HEADER,
        GOOD,
        "A-2,skillupct,Word Basics,Microsoft Office,beginner,5,,,,Docs.,word",
        "A-3,skillup_ct,Outlook,Microsoft Office,beginner,ten,,,,Mail.,outlook",
        "A-1,skillup_ct,Excel Again,Microsoft Office,beginner,6,,,,Dup.,excel",
        "A-4,skillup_ct,,Microsoft Office,beginner,6,,,,No title.,",
        "A-5,skillup_ct,Teams,Microsoft Office,expert,2,,,,Chat.,teams",
        "A-6,skillup_ct,Too many,Microsoft Office,beginner,2,,,,Oops, a comma,teams",
        "",
        "B-1,180_skills,Safety,Safety,beginner,4,Cert B1,B-2,,Safe.,safety",
        "B-2,180_skills,Safety 2,Safety,beginner,4,Cert B2,,ftp://nope,Safer.,safety",
        "C-1,180_skills,Loop 1,Quality,beginner,4,Cert C1,C-2,,Loop.,quality",
        "C-2,180_skills,Loop 2,Quality,beginner,4,Cert C2,C-1,,Loop.,quality",
        "D-1,180_skills,Dangling,Quality,beginner,4,Cert D1,Z-9,,Points nowhere.,quality",
    ]
)


def test_bad_rows_are_reported_one_line_each_and_do_not_block_the_rest() -> None:
    result = read_catalog_csv(io.StringIO(BAD_CSV))

    assert result.rejects == [
        "line 3: unknown program 'skillupct'",
        "line 4: hours is not a number: 'ten'",
        "line 5: duplicate code 'A-1' (first on line 2)",
        "line 6: missing title",
        "line 7: level must be one of beginner, intermediate, advanced: 'expert'",
        "line 8: expected 11 fields, found 12 (check commas and quotes)",
        "line 11: url must start with http:// or https://: 'ftp://nope'",
    ]
    assert [r.code for r in result.records] == ["A-1", "B-1", "C-1", "C-2", "D-1"]
    by_code = {r.code: r for r in result.records}
    assert result.warnings == [
        "line 10: next_course_code 'B-2' is not a course in this file; link dropped",
        "line 14: next_course_code 'Z-9' is not a course in this file; link dropped",
        "line 13: pathway cycle C-1 -> C-2 -> C-1; link from C-2 to C-1 dropped",
    ]
    assert by_code["B-1"].next_course_code is None
    assert by_code["C-1"].next_course_code == "C-2"
    assert by_code["C-2"].next_course_code is None
    assert by_code["A-1"].hours == 6.0 and by_code["A-1"].url == "https://x.example/a1"


def test_good_rows_of_a_bad_file_are_imported(db_url: str) -> None:
    result = read_catalog_csv(io.StringIO(BAD_CSV))
    with session_scope(db_url) as session:
        summary = import_catalog(session, result.records)
    assert (summary.created, summary.updated, summary.unchanged) == (5, 0, 0)
    with session_scope(db_url) as session:
        codes = session.execute(select(Course.code).order_by(Course.code)).scalars().all()
        programs = session.execute(select(Program.code)).scalars().all()
    assert codes == ["A-1", "B-1", "C-1", "C-2", "D-1"]
    assert sorted(programs) == ["180_skills", "skillup_ct"]


def test_missing_columns_reject_the_whole_file() -> None:
    result = read_catalog_csv(io.StringIO("code,program,title\nA-1,skillup_ct,Excel\n"))
    assert result.records == []
    assert len(result.rejects) == 1
    assert result.rejects[0].startswith("line 1: missing column(s): topic, level, hours")


def test_cells_are_normalised(tmp_path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER.upper() + "\n"
        "su-x-001, SkillUp_CT ,  Excel   Basics ,Office,Beginner,,,,,"
        '"Line one.\nLine two.",Excel  Spreadsheet\n',
        encoding="utf-8",
    )
    result = read_catalog_csv(str(path))
    assert result.ok
    (record,) = result.records
    assert (record.code, record.program, record.title) == ("SU-X-001", "skillup_ct", "Excel Basics")
    assert (record.level, record.hours, record.url) == ("beginner", None, None)
    assert record.description == "Line one. Line two."
    assert record.keywords == "excel spreadsheet"


# --- import ----------------------------------------------------------------------------


def test_import_creates_then_reimport_updates_without_duplicating(db_url: str) -> None:
    records = SHIPPED.records
    with session_scope(db_url) as session:
        first = import_shipped_catalog(session)
    assert (first.created, first.updated, first.unchanged) == (len(records), 0, 0)

    changed = [
        CourseRecord(**{**vars(r), "title": "Excel From Scratch"}) if r.code == "SU-OFF-001" else r
        for r in records
        if r.code != "SU-PM-001"
    ]
    with session_scope(db_url) as session:
        again = import_catalog(session, changed)
    assert (again.created, again.updated, again.unchanged) == (0, 1, len(records) - 2)

    with session_scope(db_url) as session:
        count = session.execute(select(func.count(Course.id))).scalar_one()
        titles = dict(session.execute(select(Course.code, Course.title)).all())
        program_count = session.execute(select(func.count(Program.id))).scalar_one()
    assert count == len(records)
    assert titles["SU-OFF-001"] == "Excel From Scratch"
    assert titles["SU-PM-001"] == RECORDS["SU-PM-001"].title
    assert program_count == 2


def test_reimport_keeps_staff_deactivation_and_load_programs_is_idempotent(
    catalog_url: str,
) -> None:
    with session_scope(catalog_url) as session:
        session.execute(update(Course).where(Course.code == "SU-OFF-001").values(active=False))
    with session_scope(catalog_url) as session:
        load_programs(session)
        summary = import_shipped_catalog(session)
        active = session.execute(
            select(Course.active).where(Course.code == "SU-OFF-001")
        ).scalar_one()
        programs = session.execute(select(func.count(Program.id))).scalar_one()
    assert summary.unchanged == len(SHIPPED.records)
    assert active is False
    assert programs == 2


# --- search ----------------------------------------------------------------------------


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
    assert len(hits) == len(_codes(RECORDS, "skillup_ct"))


@pytest.mark.parametrize("name", ["180 skills", "180", "180_skills", "manufacturing"])
def test_program_filter_180_skills(catalog_url: str, name: str) -> None:
    hits = _search_all(catalog_url, program=name)
    assert len(hits) == len(_codes(RECORDS, "180_skills"))
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
    assert len(anything) == len(_codes(RECORDS, "180_skills"))
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
    assert totals == {len(_codes(RECORDS, "skillup_ct"))}
    assert len(seen) == 42 and len(set(seen)) == 42
    assert past_end.courses == [] and past_end.total in totals
    assert len(data.courses) == 5 and data.total == data_rest.total > 5
    assert not {h.code for h in data.courses} & {h.code for h in data_rest.courses}


def test_inactive_courses_are_not_found(catalog_url: str) -> None:
    with session_scope(catalog_url) as session:
        session.execute(update(Course).where(Course.code == "SU-OFF-001").values(active=False))
    codes = [h.code for h in _search_all(catalog_url, topic="excel")]
    assert codes and "SU-OFF-001" not in codes


# --- pathways --------------------------------------------------------------------------


def test_pathway_from_the_first_course_walks_to_its_end(catalog_url: str) -> None:
    chain = next(c for c in _chains() if c[0] == "180-MFG-001")
    with session_scope(catalog_url) as session:
        steps = pathway(session, "180-mfg-001")
        middle = pathway(session, chain[3])
    assert [h.code for h in steps] == chain
    assert steps[-1].next_course_code is None
    assert all(a.next_course_code == b.code for a, b in zip(steps, steps[1:], strict=False))
    assert all(h.credential for h in steps)
    assert [h.code for h in middle] == chain[3:]


def test_every_pathway_start_walks_its_whole_chain(catalog_url: str) -> None:
    chains = {c[0]: c for c in _chains()}
    with session_scope(catalog_url) as session:
        starts = pathway_starts(session, "180 skills")
        walks = {h.code: [s.code for s in pathway(session, h.code)] for h in starts}
        skillup_starts = pathway_starts(session, "skillup")
    assert walks == chains
    assert skillup_starts == []


def test_next_course(catalog_url: str) -> None:
    chain = _chains()[0]
    with session_scope(catalog_url) as session:
        assert next_course(session, chain[0]).code == chain[1]
        assert next_course(session, chain[-1]) is None
        assert next_course(session, "NOPE-1") is None
        assert pathway(session, "NOPE-1") == []


def test_pathway_skips_a_retired_course_but_keeps_going(catalog_url: str) -> None:
    chain = _chains()[0]
    with session_scope(catalog_url) as session:
        session.execute(update(Course).where(Course.code == chain[1]).values(active=False))
    with session_scope(catalog_url) as session:
        steps = [h.code for h in pathway(session, chain[0])]
        following = next_course(session, chain[0])
    assert steps == [chain[0], *chain[2:]]
    assert following is not None and following.code == chain[2]


def test_pathway_starts_with_a_retired_first_course_and_unknown_program(catalog_url: str) -> None:
    chain = _chains()[0]
    with session_scope(catalog_url) as session:
        session.execute(update(Course).where(Course.code == chain[0]).values(active=False))
    with session_scope(catalog_url) as session:
        starts = [h.code for h in pathway_starts(session)]
        unknown = pathway_starts(session, "coursera")
    assert chain[1] in starts and chain[0] not in starts
    assert len(starts) == len(_chains())
    assert unknown == []
