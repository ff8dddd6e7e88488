"""Public pages about free training: the course list and the eligibility checker.

Both work without JavaScript (plain GET forms) and use the same code as the
assistant: ``bot.courses.search`` for courses, ``bot.eligibility`` and its rules file
for eligibility. With JavaScript, each course's Enroll button sends "enroll <code>"
in the page's chat widget, so the assistant's own enrollment and eligibility
questions run there.
"""

from __future__ import annotations

import re
from dataclasses import asdict

from flask import Blueprint, render_template, request, url_for
from sqlalchemy import select

from bot.contacts import contacts
from bot.courses.search import CourseHit, search_courses
from bot.db.models import Program
from bot.eligibility.evaluator import ELIGIBLE, NEEDS_ANSWER, Evaluation, evaluate
from bot.eligibility.rules import Rules, rules_in
from bot.i18n import N_, Translator
from bot.web.course_page import course_page
from bot.web.db import request_session
from bot.web.language import page_text
from bot.web.queries import MAX_TEXT, lenient_page

bp = Blueprint("training", __name__)

PAGE_SIZE = 20
# What the Enroll button says to the assistant, followed by the course code, in the
# page's language (the chat shows it as the person's message).
# Translators: the word a person texts to enroll ("ENROLL 2"); the Spanish catalog's
# replies name INSCRIBIR.
ENROLL_WORD = N_("enroll")
# The rules file words questions for a text message; on a form the buttons say yes/no.
_REPLY_HINT = re.compile(r"\s*(Reply YES or NO|Responda S[IÍ] o NO)\.?\s*$", re.IGNORECASE)
ANSWERS = {"yes": True, "no": False}
CHECKED = "check"
EMPTY_CHECK = N_("Answer at least the first question with Yes or No, then press Check.")
# Who offers the courses and who may take them free, one line each (/courses).
PROGRAM_LINES = (
    N_(
        "SkillUp CT: online courses in IT, business, project management, data, healthcare "
        "administration and digital skills, with certificates of completion."
    ),
    N_(
        "180 Skills: online manufacturing courses that earn stackable, industry-recognized "
        "credentials."
    ),
    N_(
        "CSCU: students of the Connecticut State Colleges and Universities can take both "
        "programs free."
    ),
)


@bp.get("/courses")
def courses():
    """Free online courses, by topic and program, a page at a time; each can be
    enrolled in through the chat."""
    _ = page_text()
    topic = request.args.get("topic", "").strip()[:MAX_TEXT]
    program = request.args.get("program", "").strip()[:MAX_TEXT]
    number, note = lenient_page(request.args, _)
    with request_session() as db:
        programs = db.execute(select(Program.code, Program.name).order_by(Program.name)).all()
        found = _course_page(db, topic, program, number)
        last = max(-(-found.total // PAGE_SIZE), 1)
        if number > last:
            note = _(
                "That page is past the end of the list: this is the last page, page %(last)s.",
                last=last,
            )
            number = last
            found = _course_page(db, topic, program, number)
    kept = {name: value for name, value in (("topic", topic), ("program", program)) if value}
    first = (number - 1) * PAGE_SIZE + 1
    return render_template(
        "courses.html",
        topic=topic,
        program=program,
        programs=[{"code": code, "name": name} for code, name in programs],
        courses=[_course_row(course, _) for course in found.courses],
        total=found.total,
        first=first,
        last_shown=first + len(found.courses) - 1,
        note=note,
        previous=_courses_link(kept, number - 1) if number > 1 else None,
        next=_courses_link(kept, number + 1) if number < last else None,
        program_lines=[_(line) for line in PROGRAM_LINES],
        claims_url=contacts()["unemployment"].get("claims_url") or None,
    )


@bp.get("/courses/<code>")
def course(code: str):
    """One course: what it is, the jobs it leads to with their typical pay (in the
    ``town`` query's area, else statewide), the next credential and the Enroll button."""
    _ = page_text()
    town = request.args.get("town", "")[:MAX_TEXT]
    with request_session() as db:
        shown = course_page(db, code, town, _, _(ENROLL_WORD))
    if shown is None:
        message = _("There is no course %(code)s in our list.", code=code[:40])
        return render_template("error.html", message=message), 404
    return render_template("course.html", page=shown)


def _course_page(db, topic: str, program: str, number: int):
    return search_courses(
        db,
        topic=topic or None,
        program=program or None,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )


def _courses_link(kept: dict[str, str], number: int) -> str:
    """The courses page ``number`` of the same search."""
    return url_for("training.courses", **kept, **({"page": number} if number > 1 else {}))


def _course_facts(course: CourseHit, _: Translator) -> str:
    """'SkillUp CT, beginner, 6 hours. Credential: certificate. Course code SU-101.'"""
    facts = ", ".join(
        part
        for part in (
            course.program_name,
            course.level,
            _("%(hours)s hours", hours=f"{course.hours:g}") if course.hours else None,
        )
        if part
    )
    if course.credential:
        facts += ". " + _("Credential: %(credential)s", credential=course.credential)
    return facts + ". " + _("Course code %(code)s.", code=course.code)


def _course_row(course: CourseHit, _: Translator) -> dict:
    """A course as the page lists it, with the chat message that enrolls in it."""
    return {
        **asdict(course),
        "facts": _course_facts(course, _),
        "page_url": url_for("training.course", code=course.code),
        "enroll_message": f"{_(ENROLL_WORD)} {course.code}",
        "enroll_label": _("Enroll in %(title)s", title=course.title),
    }


def _question_rows(rules: Rules, answers: dict[str, bool]) -> list[dict]:
    return [
        {
            "id": question.id,
            "text": _REPLY_HINT.sub("", question.text),
            "explain": question.explain,
            "answer": {True: "yes", False: "no"}.get(answers.get(question.id)),
        }
        for question in (rules.question(qid) for qid in rules.asked_order)
    ]


def _outcome(rules: Rules, result: Evaluation) -> dict:
    """What the page says about ``result``."""
    not_eligible = result.status not in (ELIGIBLE, NEEDS_ANSWER)
    return {
        "status": result.status,
        "reasons": result.reasons,
        "programs": [rules.program(code) for code in result.programs],
        "missing": _REPLY_HINT.sub("", result.next_question.text)
        if result.status == NEEDS_ANSWER
        else None,
        "message": rules.not_eligible.message if not_eligible else None,
        "what_would_help": rules.not_eligible.what_would_help if not_eligible else None,
    }


@bp.get("/eligibility")
def eligibility():
    """Who can take free training: the rules' questions, then the outcome and why."""
    rules = rules_in(page_text().language)
    answers = {
        qid: ANSWERS[request.args[qid]]
        for qid in rules.asked_order
        if request.args.get(qid) in ANSWERS
    }
    result = evaluate(answers, rules) if answers else None
    outcome = _outcome(rules, result) if result is not None else None
    # The Check button names itself, so a form sent with no answer can say what to do.
    empty = CHECKED in request.args and not answers
    return render_template(
        "eligibility.html",
        description=rules.description,
        questions=_question_rows(rules, answers),
        outcome=outcome,
        empty_note=page_text()(EMPTY_CHECK) if empty else None,
        checked=CHECKED,
    )
