"""Eligibility for free training in a conversation: the next question, the outcome, memory."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import EligibilityScreening, Person
from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.eligibility import ELIGIBLE, NEEDS_ANSWER, Evaluation, default_rules, evaluate, rules_in
from bot.i18n import DEFAULT_LANGUAGE, N_, Translator, translator

SLOT_PREFIX = "elig_"
# Set while a check the person asked for runs: earlier answers are not used.
FRESH_SLOT = "elig_fresh"
RECHECK = N_("If something changed or you answered wrong, reply CHECK AGAIN.")
INTRO = N_("Let's check if free training is open to you. A few yes/no questions.")


def slot_name(question_id: str) -> str:
    """The Rasa slot that holds the answer to ``question_id``."""
    return SLOT_PREFIX + question_id


def question_slots() -> list[str]:
    """Every answer slot, in asking order."""
    return [slot_name(qid) for qid in default_rules().asked_order]


def stored_answers(session: Session, person: Person) -> dict[str, bool]:
    """The answers of this person's latest screening."""
    latest = session.execute(
        select(EligibilityScreening.answers)
        .where(EligibilityScreening.person_id == person.id)
        .order_by(EligibilityScreening.created_at.desc(), EligibilityScreening.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return dict(latest or {})


def answers_from(slots: Mapping[str, object], stored: Mapping[str, bool]) -> dict[str, bool]:
    """Stored answers overridden by anything answered in this conversation."""
    answers = dict(stored)
    for qid in default_rules().asked_order:
        value = slots.get(slot_name(qid))
        if isinstance(value, bool):
            answers[qid] = value
    return answers


def next_slot(answers: Mapping[str, bool]) -> list[str]:
    """The one slot the form still needs, or none when the outcome is decided."""
    evaluation = evaluate(answers)
    if evaluation.status == NEEDS_ANSWER:
        return [slot_name(evaluation.next_question.id)]
    return []


def question_text(slot: str, context: Context | None = None) -> str:
    """The text that asks for ``slot``."""
    rules = rules_in(context.language if context else DEFAULT_LANGUAGE)
    return rules.question(slot.removeprefix(SLOT_PREFIX)).text


def start_check(context: Context) -> Reply:
    """A new check from the first question: answers given before are set aside."""
    cleared = {slot: None for slot in question_slots()}
    return (
        Reply([context.translate(INTRO)])
        .set(**cleared, **{FRESH_SLOT: True})
        .followed_by("eligibility_form")
    )


def why_we_ask(slot: str, context: Context | None = None) -> str:
    """Why ``slot``'s question matters, from the rules file."""
    rules = rules_in(context.language if context else DEFAULT_LANGUAGE)
    return rules.question(slot.removeprefix(SLOT_PREFIX)).explain


def known_answers(session: Session, person: Person, slots: Mapping[str, object]) -> dict[str, bool]:
    """The answers that count now: this conversation's, plus stored ones unless the
    person asked for a new check."""
    stored = {} if slots.get(FRESH_SLOT) else stored_answers(session, person)
    return answers_from(slots, stored)


def outcome_lines(evaluation: Evaluation, _: Translator | None = None) -> list[str]:
    """Plain-language outcome with the reasons and each program's next step."""
    _ = _ or translator(None)
    rules = rules_in(_.language)
    # The evaluation's reasons are the rules file's English texts, which the catalog holds.
    reasons = " ".join(_(reason) for reason in evaluation.reasons)
    if evaluation.status == ELIGIBLE:
        names = _(" and ").join(rules.program(code).name for code in evaluation.programs)
        lines = [
            _("Good news: you qualify for free %(names)s training.", names=names) + " " + reasons
        ]
        lines += [rules.program(code).next_step for code in evaluation.programs]
        return lines
    return [
        rules.not_eligible.message,
        reasons,
        rules.not_eligible.what_would_help,
        _(RECHECK),
    ]


def record(session: Session, person: Person, answers: Mapping[str, bool]) -> Evaluation:
    """Evaluate ``answers`` and keep them with the outcome, so they are not asked again."""
    evaluation = evaluate(answers)
    session.add(
        EligibilityScreening(
            person_id=person.id,
            answers=dict(answers),
            status=evaluation.status,
            programs=list(evaluation.programs),
            rules_version=evaluation.rules_version,
        )
    )
    return evaluation
