"""One course's own page, prepared for its template: the facts, the jobs it leads to with
their typical pay in the person's area (statewide without a known town), and the next
stackable credential with the pay difference (bot.courses.pathways)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for
from sqlalchemy.orm import Session

from bot.courses.pathways import course_outcomes, next_step, next_step_text
from bot.courses.search import CourseHit, course_by_code
from bot.geo import resolve
from bot.i18n import N_, Translator
from bot.wages.pay import typical_pay_text

# Translators: a course's level on its page.
LEVELS = {
    "beginner": N_("Beginner"),
    "intermediate": N_("Intermediate"),
    "advanced": N_("Advanced"),
}
MAX_TOWN = 60


@dataclass
class CoursePageView:
    """What the course page shows; every text already in the page's language."""

    course: CourseHit
    facts: list[tuple[str, str]]
    town: str  # the town the pay is for, "" for statewide
    town_asked: str
    note: str | None
    outcomes: list[dict] = field(default_factory=list)
    next_course: dict | None = None
    enroll_message: str = ""
    enroll_label: str = ""


def course_facts(course: CourseHit, _: Translator) -> list[tuple[str, str]]:
    """Program, level, hours, credential and code as (name, value) pairs."""
    facts = [(_("Program"), course.program_name)]
    if course.level:
        level = _(LEVELS[course.level]) if course.level in LEVELS else course.level
        facts.append((_("Level"), level))
    if course.hours:
        facts.append((_("Length"), _("%(hours)s hours", hours=f"{course.hours:g}")))
    if course.credential:
        facts.append((_("Credential"), course.credential))
    facts.append((_("Course code"), course.code))
    return facts


def _outcome_rows(session: Session, course: CourseHit, town: str, _: Translator) -> list[dict]:
    rows = []
    for outcome in course_outcomes(session, course.code, town or None, _.language):
        jobs = {"q": outcome.keyword, **({"place": town} if town else {})}
        rows.append(
            {
                "label": outcome.label,
                "pay": typical_pay_text(outcome.pay, _.language, outcome.label)
                if outcome.pay
                else _("No typical pay is published for %(occupation)s.", occupation=outcome.label),
                "jobs_url": url_for("public.jobs", **jobs) if outcome.keyword else None,
                "jobs_label": _("Find %(occupation)s jobs", occupation=outcome.label),
            }
        )
    return rows


def _next_row(session: Session, course: CourseHit, town: str, _: Translator) -> dict | None:
    step = next_step(session, course.code, town or None, _.language)
    if step is None:
        return None
    kept = {"town": town} if town else {}
    return {
        "title": step.course.title,
        "url": url_for("training.course", code=step.course.code, **kept),
        "text": next_step_text(step, _.language),
    }


def course_page(
    session: Session, code: str, town_asked: str, _: Translator, enroll_word: str
) -> CoursePageView | None:
    """The page of the active course ``code``; None when there is none. ``town_asked``
    (the ``town`` query) sets the pay's area when it names a Connecticut town."""
    course = course_by_code(session, code)
    if course is None:
        return None
    town_asked = " ".join(town_asked.split())[:MAX_TOWN]
    # The same place reading as the job search: typos, villages and ZIP codes count.
    place = resolve(town_asked) if town_asked else None
    found = place.town if place is not None and place.status == "found" else None
    note = None
    if town_asked and found is None:
        note = _("We could not find a Connecticut town called '%(town)s'.", town=town_asked)
    town = found.name if found else ""
    return CoursePageView(
        course=course,
        facts=course_facts(course, _),
        town=town,
        town_asked=town_asked,
        note=note,
        outcomes=_outcome_rows(session, course, town, _),
        next_course=_next_row(session, course, town, _),
        enroll_message=f"{enroll_word} {course.code}",
        enroll_label=_("Enroll in %(title)s", title=course.title),
    )
