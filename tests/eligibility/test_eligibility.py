"""The eligibility evaluator: properties over every answer combination, the dialogue's
walks through the questions."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import pytest

from bot.eligibility import (
    ELIGIBLE,
    NEEDS_ANSWER,
    NOT_ELIGIBLE,
    Rules,
    default_rules,
    evaluate,
    load_rules,
)

RULES = default_rules()
QUESTION_IDS = ("ct_resident", "filed_ct_claim", "manufacturing_worker", "cscu_student")

ALT_RULES_YAML = """
version: "alt-1"
questions:
  adult: {text: "Are you 18 or older? Reply YES or NO", explain: "Age."}
  resident: {text: "Do you live here? Reply YES or NO", explain: "Residency."}
  veteran: {text: "Are you a veteran? Reply YES or NO", explain: "Veterans."}
  parent: {text: "Are you a parent? Reply YES or NO", explain: "Parents."}
  senior: {text: "Are you 65 or older? Reply YES or NO", explain: "Seniors."}
requirements:
  - {question: adult, reason_if_no: "You must be an adult."}
  - {question: resident, reason_if_no: "You must live here."}
bases:
  - {id: vet, question: veteran, programs: [a], reason: "Veteran."}
  - {id: par, question: parent, programs: [a, b], reason: "Parent."}
  - {id: sen, question: senior, programs: [c], reason: "Senior."}
programs:
  a: {name: "A", next_step: "Reply A."}
  b: {name: "B", next_step: "Reply B."}
  c: {name: "C", next_step: "Reply C."}
not_eligible:
  message: "Not eligible."
  no_basis_reason: "No basis."
  what_would_help: "Be a veteran."
"""


def _alt_rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    path = tmp_path_factory.mktemp("alt") / "rules.yml"
    path.write_text(ALT_RULES_YAML, encoding="utf-8")
    return load_rules(path)


def _question_ids(rules: Rules) -> list[str]:
    return [r.question for r in rules.requirements] + [b.question for b in rules.bases]


def _expected(rules: Rules, answers: Mapping[str, bool]) -> tuple[bool, frozenset[str]]:
    """Oracle, straight from the rule statement: resident and some basis yes."""
    if not all(answers[r.question] for r in rules.requirements):
        return False, frozenset()
    yes = [b for b in rules.bases if answers[b.question]]
    return bool(yes), frozenset(p for b in yes for p in b.programs)


def _completions(rules: Rules, answers: Mapping[str, bool | None]) -> list[dict[str, bool]]:
    missing = [q for q in _question_ids(rules) if answers.get(q) is None]
    known = {q: v for q, v in answers.items() if v is not None}
    return [
        {**known, **dict(zip(missing, values))}
        for values in itertools.product((True, False), repeat=len(missing))
    ]


def _all_partial_answers(rules: Rules) -> list[dict[str, bool | None]]:
    ids = _question_ids(rules)
    return [
        dict(zip(ids, values)) for values in itertools.product((True, False, None), repeat=len(ids))
    ]


def _check_properties(rules: Rules, answers: dict[str, bool | None]) -> None:
    result = evaluate(answers, rules)
    assert result.rules_version == rules.version
    outcomes = {_expected(rules, c) for c in _completions(rules, answers)}

    if result.status == NEEDS_ANSWER:
        assert len(outcomes) > 1, f"asked a question although the outcome is settled: {answers}"
        asked = result.next_question
        assert asked is not None and answers.get(asked.id) is None
        assert any(
            _expected(rules, {**c, asked.id: True}) != _expected(rules, {**c, asked.id: False})
            for c in _completions(rules, {**answers, asked.id: True})
        ), f"asked {asked.id} but no answer to it changes the outcome: {answers}"
        order = _question_ids(rules)
        for earlier in order[: order.index(asked.id)]:
            if answers.get(earlier) is None:
                assert all(
                    _expected(rules, {**c, earlier: True})
                    == _expected(rules, {**c, earlier: False})
                    for c in _completions(rules, {**answers, earlier: True})
                ), f"skipped {earlier}, which matters, to ask {asked.id}: {answers}"
        certain = frozenset.intersection(*(programs for _, programs in outcomes))
        assert set(result.programs) == certain
        return

    assert result.next_question is None
    assert len(outcomes) == 1, f"final answer depends on unanswered questions: {answers}"
    ((eligible, programs),) = outcomes
    assert result.status == (ELIGIBLE if eligible else NOT_ELIGIBLE)
    assert set(result.programs) == programs
    assert len(result.programs) == len(set(result.programs))
    assert result.reasons

    if all(v is not None for v in answers.values()):
        resident = all(answers[r.question] for r in rules.requirements)
        yes_bases = [b for b in rules.bases if answers[b.question]]
        assert (result.status == ELIGIBLE) == (resident and bool(yes_bases))
        if result.status == ELIGIBLE:
            assert set(result.programs) == {p for b in yes_bases for p in b.programs}

    if result.status == ELIGIBLE:
        for basis in rules.bases:
            if answers.get(basis.question):
                assert basis.reason in result.reasons
    else:
        assert result.programs == ()
        for requirement in rules.requirements:
            if answers.get(requirement.question) is False:
                assert requirement.reason_if_no in result.reasons


@pytest.mark.parametrize(
    "answers", _all_partial_answers(RULES), ids=lambda a: "-".join(str(v)[0] for v in a.values())
)
def test_properties_for_every_answer_combination(answers: dict[str, bool | None]) -> None:
    _check_properties(RULES, answers)


def test_every_combination_is_covered() -> None:
    combos = _all_partial_answers(RULES)
    assert len(combos) == 81
    assert set(combos[0]) == set(QUESTION_IDS)


def test_properties_hold_for_other_rules(tmp_path_factory: pytest.TempPathFactory) -> None:
    rules = _alt_rules(tmp_path_factory)
    combos = _all_partial_answers(rules)
    assert len(combos) == 3**5
    for answers in combos:
        _check_properties(rules, answers)


def test_question_that_cannot_matter_is_skipped(tmp_path_factory: pytest.TempPathFactory) -> None:
    rules = _alt_rules(tmp_path_factory)
    result = evaluate({"adult": True, "resident": True, "parent": True}, rules)
    assert result.status == NEEDS_ANSWER
    assert result.next_question is not None and result.next_question.id == "senior"
    assert result.programs == ("a", "b")
    assert result.reasons == ("Parent.",)
    final = evaluate({"adult": True, "resident": True, "parent": True, "senior": True}, rules)
    assert final.status == ELIGIBLE
    assert final.programs == ("a", "b", "c")
    assert final.reasons == ("Parent.", "Senior.")


def _walk(persona: Mapping[str, bool], rules: Rules = RULES) -> tuple[list[str], object]:
    """Answer each question as it is asked; return the questions asked and the final result."""
    answers: dict[str, bool | None] = {}
    asked: list[str] = []
    result = evaluate(answers, rules)
    while result.status == NEEDS_ANSWER:
        assert result.next_question is not None
        question_id = result.next_question.id
        assert question_id not in asked
        asked.append(question_id)
        answers[question_id] = persona[question_id]
        result = evaluate(answers, rules)
    return asked, result


def _persona(resident: bool, claim: bool, manufacturing: bool, student: bool) -> dict[str, bool]:
    return dict(zip(QUESTION_IDS, (resident, claim, manufacturing, student)))


@pytest.mark.parametrize(
    ("persona", "asked", "status", "programs"),
    [
        pytest.param(
            _persona(True, True, False, False),
            ["ct_resident", "filed_ct_claim"],
            ELIGIBLE,
            ("skillup_ct", "180_skills"),
            id="claimant",
        ),
        pytest.param(
            _persona(True, True, True, True),
            ["ct_resident", "filed_ct_claim"],
            ELIGIBLE,
            ("skillup_ct", "180_skills"),
            id="claimant-who-is-everything",
        ),
        pytest.param(
            _persona(True, False, True, False),
            ["ct_resident", "filed_ct_claim", "manufacturing_worker", "cscu_student"],
            ELIGIBLE,
            ("180_skills",),
            id="manufacturing-worker",
        ),
        pytest.param(
            _persona(True, False, False, True),
            ["ct_resident", "filed_ct_claim", "manufacturing_worker", "cscu_student"],
            ELIGIBLE,
            ("skillup_ct", "180_skills"),
            id="student",
        ),
        pytest.param(
            _persona(False, True, True, True),
            ["ct_resident"],
            NOT_ELIGIBLE,
            (),
            id="non-resident",
        ),
        pytest.param(
            _persona(True, False, False, False),
            ["ct_resident", "filed_ct_claim", "manufacturing_worker", "cscu_student"],
            NOT_ELIGIBLE,
            (),
            id="resident-with-nothing",
        ),
    ],
)
def test_dialogue_walks(
    persona: dict[str, bool], asked: list[str], status: str, programs: tuple[str, ...]
) -> None:
    questions, result = _walk(persona)
    assert questions == asked
    assert result.status == status
    assert result.programs == programs
    assert result.next_question is None


def test_non_resident_reason() -> None:
    _, result = _walk(_persona(False, False, False, False))
    assert result.reasons == ("Free training is for Connecticut residents.",)


def test_resident_with_nothing_reason() -> None:
    _, result = _walk(_persona(True, False, False, False))
    assert result.reasons == (RULES.not_eligible.no_basis_reason,)


def test_manufacturing_worker_keeps_180_skills_while_asked_about_cscu() -> None:
    result = evaluate({"ct_resident": True, "filed_ct_claim": False, "manufacturing_worker": True})
    assert result.status == NEEDS_ANSWER
    assert result.next_question is not None and result.next_question.id == "cscu_student"
    assert result.programs == ("180_skills",)
    assert result.reasons == ("You work in manufacturing.",)


def test_unknown_keys_ignored_and_bad_values_rejected() -> None:
    assert evaluate({"ct_resident": False, "favorite_color": True}).status == NOT_ELIGIBLE
    with pytest.raises(TypeError, match="ct_resident"):
        evaluate({"ct_resident": "yes"})  # type: ignore[dict-item]
