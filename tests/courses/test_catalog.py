"""The course catalog: the shipped CSV and programs, validation of a staff CSV, and
import into a real database."""

from __future__ import annotations

import io
import re
from collections import Counter

from sqlalchemy import func, select, update

from bot.courses import (
    CourseRecord,
    import_catalog,
    import_shipped_catalog,
    load_programs,
    read_catalog_csv,
    read_programs,
    shipped_catalog_path,
)
from bot.courses.catalog_file import COLUMNS, LEVELS
from bot.db.engine import session_scope
from bot.db.models import Course, Program
from tests.support.catalog import RECORDS, SHIPPED, codes, pathways

HEADER = ",".join(COLUMNS)


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
    chains = pathways()
    assert len(chains) >= 4
    assert all(len(chain) >= 2 for chain in chains)
    for chain in chains:
        assert len(chain) == len(set(chain))
        assert RECORDS[chain[-1]].next_course_code is None
        assert {RECORDS[c].program for c in chain} == {"180_skills"}
        assert len({RECORDS[c].credential for c in chain}) == len(chain)
    walked = [code for chain in chains for code in chain]
    assert sorted(walked) == sorted(codes(RECORDS, "180_skills"))


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


def test_every_occupation_of_the_shipped_catalog_is_a_connecticut_one_with_pay(oews_release):
    published = {
        f.soc_code
        for f in oews_release.figures
        if f.area_code == "0900000"
        and (f.values.get("hourly_median") is not None or f.values.get("annual_median"))
    }
    detailed = {o.soc_code for o in oews_release.occupations if o.level == 3}
    listed = {code for r in SHIPPED.records for code in r.soc_codes or ()}
    assert listed and listed - (published & detailed) == set()
    # Checked against those occupations, the shipped file keeps every code.
    checked = read_catalog_csv(shipped_catalog_path(), occupation_codes=published & detailed)
    assert checked.warnings == []


def test_the_manufacturing_and_it_courses_name_their_occupations():
    assert RECORDS["180-CNC-001"].soc_codes == ("51-9161",)
    assert "51-4121" in RECORDS["180-WLD-003"].soc_codes
    assert "51-9061" in RECORDS["180-QUA-001"].soc_codes
    assert "15-1232" in RECORDS["SU-IT-002"].soc_codes
    assert RECORDS["SU-PM-001"].soc_codes == ("13-1082",)
    assert RECORDS["SU-ACC-001"].soc_codes == ("43-3031",)
    # Awareness courses prepare for no occupation in particular.
    assert RECORDS["SU-DL-002"].soc_codes == ()
    share = sum(bool(r.soc_codes) for r in SHIPPED.records) / len(SHIPPED.records)
    assert share >= 0.75


OCCUPATIONS_CSV = "\n".join(
    [
        HEADER + ",occupations",
        "A-1,skillup_ct,Help,IT,beginner,6,,,,Help desk.,help,15-1232 15-1244",
        "A-2,skillup_ct,Bad,IT,beginner,6,,,,Bad code.,help,15-1232 151244",
        "A-3,skillup_ct,Odd,IT,beginner,6,,,,Unknown code.,help,15-1232 99-9999",
        "A-4,skillup_ct,None,IT,beginner,6,,,,No occupation.,help,",
    ]
)


def test_occupation_codes_are_checked_like_the_other_cells() -> None:
    result = read_catalog_csv(io.StringIO(OCCUPATIONS_CSV), occupation_codes={"15-1232", "15-1244"})
    assert result.rejects == [
        "line 3: occupations must be SOC codes like 51-4041: '151244'",
    ]
    assert result.warnings == [
        "line 4: occupation(s) 99-9999 not among the Connecticut OEWS occupations; dropped"
    ]
    by_code = {r.code: r.soc_codes for r in result.records}
    assert by_code == {"A-1": ("15-1232", "15-1244"), "A-3": ("15-1232",), "A-4": ()}


def test_a_file_without_the_occupations_column_keeps_the_stored_ones(catalog_url: str) -> None:
    old_file = "\n".join(
        [HEADER, "180-CNC-001,180_skills,CNC Operator Fundamentals,CNC Machining,beginner,10,"
         "180 Skills CNC Operator Certificate,,,Run a CNC machine.,cnc"]
    )  # fmt: skip
    result = read_catalog_csv(io.StringIO(old_file))
    assert result.ok and result.records[0].soc_codes is None
    with session_scope(catalog_url) as session:
        import_catalog(session, result.records)
    with session_scope(catalog_url) as session:
        stored = session.scalar(select(Course.soc_codes).where(Course.code == "180-CNC-001"))
    assert stored == "51-9161"
