"""Decide free-training eligibility from partial yes/no answers, one question at a time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from bot.eligibility.rules import Question, Rules, default_rules

NEEDS_ANSWER = "needs_answer"
ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"

Outcome = tuple[bool, frozenset[str]]


@dataclass(frozen=True)
class Evaluation:
    """Where a person stands given the answers so far."""

    status: str
    next_question: Question | None
    programs: tuple[str, ...]
    reasons: tuple[str, ...]
    rules_version: str


def evaluate(answers: Mapping[str, bool | None], rules: Rules | None = None) -> Evaluation:
    """Evaluate partial ``answers`` (question id -> yes/no; missing or None = not answered).

    The result is final as soon as every way of answering the remaining questions leads to
    the same outcome (eligible or not, and the same programs). Otherwise ``next_question`` is
    the first unanswered question, in the rules' order, whose answer can still change the
    outcome. ``programs`` holds the programs already certain; ``reasons`` explains them (or,
    when not eligible, why not).
    """
    rules = rules or default_rules()
    known = _known_answers(answers, rules)
    unknown = [qid for qid in rules.asked_order if qid not in known]
    outcomes = {_outcome(rules, completion) for completion in _completions(known, unknown)}

    if len(outcomes) == 1:
        ((eligible, programs),) = outcomes
        if eligible:
            return Evaluation(
                ELIGIBLE,
                None,
                _ordered(rules, programs),
                _basis_reasons(rules, known),
                rules.version,
            )
        return Evaluation(
            NOT_ELIGIBLE, None, (), _not_eligible_reasons(rules, known), rules.version
        )

    next_id = next(qid for qid in unknown if _matters(rules, known, unknown, qid))
    certain = frozenset.intersection(*(programs for _, programs in outcomes))
    return Evaluation(
        NEEDS_ANSWER,
        rules.question(next_id),
        _ordered(rules, certain),
        _basis_reasons(rules, known) if certain else (),
        rules.version,
    )


def _known_answers(answers: Mapping[str, bool | None], rules: Rules) -> dict[str, bool]:
    known: dict[str, bool] = {}
    for qid in rules.asked_order:
        value = answers.get(qid)
        if value is None:
            continue
        if not isinstance(value, bool):
            raise TypeError(f"answer to {qid!r} must be True, False or None, got {value!r}")
        known[qid] = value
    return known


def _completions(known: Mapping[str, bool], unknown: list[str]) -> Iterator[dict[str, bool]]:
    for values in itertools.product((True, False), repeat=len(unknown)):
        yield {**known, **dict(zip(unknown, values))}


def _outcome(rules: Rules, answers: Mapping[str, bool]) -> Outcome:
    if not all(answers[r.question] for r in rules.requirements):
        return False, frozenset()
    applied = [b for b in rules.bases if answers[b.question]]
    return bool(applied), frozenset(code for b in applied for code in b.programs)


def _matters(rules: Rules, known: Mapping[str, bool], unknown: list[str], qid: str) -> bool:
    others = [other for other in unknown if other != qid]
    return any(
        _outcome(rules, {**completion, qid: True}) != _outcome(rules, {**completion, qid: False})
        for completion in _completions(known, others)
    )


def _ordered(rules: Rules, codes: frozenset[str]) -> tuple[str, ...]:
    return tuple(p.code for p in rules.programs if p.code in codes)


def _basis_reasons(rules: Rules, known: Mapping[str, bool]) -> tuple[str, ...]:
    return tuple(b.reason for b in rules.bases if known.get(b.question))


def _not_eligible_reasons(rules: Rules, known: Mapping[str, bool]) -> tuple[str, ...]:
    failed = tuple(r.reason_if_no for r in rules.requirements if known.get(r.question) is False)
    return failed or (rules.not_eligible.no_basis_reason,)
