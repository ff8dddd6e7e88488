"""Public pages about free training: the course list and the eligibility checker.

Both work without JavaScript (plain GET forms) and use the same code as the
assistant: ``bot.courses.search`` for courses, ``bot.eligibility`` and its rules file
for eligibility.
"""

from __future__ import annotations

import re

from flask import Blueprint, render_template, request
from sqlalchemy import select

from bot.courses.search import search_courses
from bot.db.models import Program
from bot.eligibility.evaluator import ELIGIBLE, NEEDS_ANSWER, Evaluation, evaluate
from bot.eligibility.rules import Rules, default_rules
from bot.web.db import request_session
from bot.web.queries import MAX_TEXT

bp = Blueprint("training", __name__)

PAGE_SIZE = 20
# The rules file words questions for a text message; on a form the buttons say yes/no.
_REPLY_HINT = re.compile(r"\s*Reply YES or NO\.?\s*$", re.IGNORECASE)
ANSWERS = {"yes": True, "no": False}


@bp.get("/courses")
def courses():
    """Free online courses, by topic and program."""
    topic = request.args.get("topic", "").strip()[:MAX_TEXT]
    program = request.args.get("program", "").strip()[:MAX_TEXT]
    with request_session() as session:
        programs = session.execute(select(Program.code, Program.name).order_by(Program.name)).all()
        found = search_courses(
            session, topic=topic or None, program=program or None, limit=PAGE_SIZE
        )
    return render_template(
        "courses.html",
        topic=topic,
        program=program,
        programs=[{"code": code, "name": name} for code, name in programs],
        courses=found.courses,
        total=found.total,
        shown=len(found.courses),
    )


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
    rules = default_rules()
    answers = {
        qid: ANSWERS[request.args[qid]]
        for qid in rules.asked_order
        if request.args.get(qid) in ANSWERS
    }
    result = evaluate(answers, rules) if answers else None
    outcome = _outcome(rules, result) if result is not None else None
    return render_template(
        "eligibility.html",
        description=rules.description,
        questions=_question_rows(rules, answers),
        outcome=outcome,
    )
