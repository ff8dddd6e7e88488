"""The shipped course catalog as records, and its 180 Skills pathways, for the course tests."""

from __future__ import annotations

from bot.courses import CourseRecord, read_catalog_csv, shipped_catalog_path

SHIPPED = read_catalog_csv(shipped_catalog_path())
RECORDS = {r.code: r for r in SHIPPED.records}


def codes(records: list[CourseRecord] | dict, program: str) -> list[str]:
    """The course codes of ``program`` among ``records``."""
    values = records.values() if isinstance(records, dict) else records
    return [r.code for r in values if r.program == program]


def pathways() -> list[list[str]]:
    """Every 180 Skills pathway of the shipped catalog, first course to last."""
    targets = {r.next_course_code for r in RECORDS.values() if r.next_course_code}
    found = []
    for code in codes(RECORDS, "180_skills"):
        if code in targets:
            continue
        chain = [code]
        while RECORDS[chain[-1]].next_course_code:
            chain.append(RECORDS[chain[-1]].next_course_code)
        found.append(chain)
    return found
