"""Storing the course catalog: upsert the programs and the courses read from their
files (bot.courses.catalog_file)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.courses.catalog_file import (
    CatalogError,
    CourseRecord,
    read_catalog_csv,
    read_programs,
    shipped_catalog_path,
)
from bot.db.models import Course, Program


@dataclass(frozen=True)
class ImportSummary:
    """How many courses an import created, changed, or found already up to date."""

    created: int
    updated: int
    unchanged: int


def load_programs(session: Session, path: Path | str | None = None) -> list[Program]:
    """Insert or update the programs from ``programs.yml``; return their rows."""
    existing = {p.code: p for p in session.execute(select(Program)).scalars()}
    rows: list[Program] = []
    for info in read_programs(path):
        row = existing.get(info.code)
        if row is None:
            row = Program(code=info.code)
            session.add(row)
        row.name = info.name
        row.description = info.description
        rows.append(row)
    session.flush()
    return rows


def import_catalog(session: Session, records: Iterable[CourseRecord]) -> ImportSummary:
    """Upsert courses by code. Courses absent from ``records`` are left untouched.

    Programs missing from the database are loaded from ``programs.yml`` first. An
    existing course keeps its ``active`` flag, so staff deactivations survive re-imports,
    and its occupations when the file had no occupations column.
    """
    records = list(records)
    programs = {p.code: p for p in session.execute(select(Program)).scalars()}
    if {r.program for r in records} - programs.keys():
        programs.update({p.code: p for p in load_programs(session)})
    unknown = sorted({r.program for r in records} - programs.keys())
    if unknown:
        raise CatalogError(f"unknown program code(s): {', '.join(unknown)}")
    courses = {c.code: c for c in session.execute(select(Course)).scalars()}
    created = updated = unchanged = 0
    for record in records:
        values = _course_values(record, programs[record.program].id)
        course = courses.get(record.code)
        if course is None:
            course = Course(code=record.code, active=True, **values)
            session.add(course)
            courses[record.code] = course
            created += 1
        elif any(getattr(course, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(course, key, value)
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return ImportSummary(created, updated, unchanged)


def import_shipped_catalog(session: Session) -> ImportSummary:
    """Load the programs and the bundled catalog; raise if the bundled CSV has problems."""
    load_programs(session)
    result = read_catalog_csv(shipped_catalog_path())
    if not result.ok:
        raise CatalogError("; ".join(result.rejects + result.warnings))
    return import_catalog(session, result.records)


def _course_values(record: CourseRecord, program_id: int) -> dict[str, object]:
    occupations = {} if record.soc_codes is None else {"soc_codes": " ".join(record.soc_codes)}
    return {
        **occupations,
        "program_id": program_id,
        "title": record.title,
        "topic": record.topic,
        "level": record.level,
        "hours": record.hours,
        "credential": record.credential,
        "next_course_code": record.next_course_code,
        "url": record.url,
        "description": record.description,
        "keywords": record.keywords,
    }
