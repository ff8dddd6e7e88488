"""Staff edits to the course catalog: wording, link, length, and taking a course off
the list. Codes, programs and pathways stay as the catalog file sets them."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Course, Program
from bot.jobs.cleaning import http_url

TITLE_MAX = 200
URL_MAX = 500
DESCRIPTION_MAX = 2000


class CourseEditError(ValueError):
    """An edit that cannot be saved; the message says what to fix."""


def catalog(session: Session) -> list[dict]:
    """Every course (shown or not) with its program, for the staff list."""
    rows = session.execute(
        select(Course, Program.name).join(Program).order_by(Program.name, Course.code)
    ).all()
    return [
        {"id": course.id, "code": course.code, "title": course.title, "program": program,
         "active": course.active}
        for course, program in rows
    ]  # fmt: skip


def edit_course(session: Session, course_id: int, form: Mapping[str, str]) -> Course | None:
    """Apply ``form`` (title, url, hours, description, active) to a course; None if
    there is no such course. Raises CourseEditError."""
    course = session.get(Course, course_id)
    if course is None:
        return None
    title = " ".join((form.get("title") or "").split())
    if not title or len(title) > TITLE_MAX:
        raise CourseEditError(f"The title is required, at most {TITLE_MAX} characters.")
    raw_url = (form.get("url") or "").strip()
    url = http_url(raw_url, URL_MAX) if raw_url else None
    if raw_url and url is None:
        raise CourseEditError("The link must be a web address starting with http:// or https://.")
    raw_hours = (form.get("hours") or "").strip()
    try:
        hours = float(raw_hours) if raw_hours else None
    except ValueError:
        raise CourseEditError("Hours must be a number, for example 6 or 7.5.") from None
    if hours is not None and not 0 < hours <= 1000:
        raise CourseEditError("Hours must be between 0 and 1,000.")
    description = (form.get("description") or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise CourseEditError(f"The description is limited to {DESCRIPTION_MAX:,} characters.")
    course.title, course.url, course.hours, course.description = title, url, hours, description
    course.active = form.get("active") == "yes"
    return course
