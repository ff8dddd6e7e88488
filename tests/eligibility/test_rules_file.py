"""The eligibility rules file (bot/eligibility/rules.yml): the shipped file's content,
and a clear error for each kind of mistake staff could make editing it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.eligibility import (
    RULES_PATH,
    RulesError,
    default_rules,
    load_rules,
)

RULES = default_rules()
QUESTION_IDS = ("ct_resident", "filed_ct_claim", "manufacturing_worker", "cscu_student")


def test_shipped_rules_file() -> None:
    rules = load_rules(RULES_PATH)
    assert rules == RULES
    assert default_rules() is default_rules()
    assert rules.version == "2026-11-01"
    assert [q.id for q in rules.questions] == list(QUESTION_IDS)
    assert [r.question for r in rules.requirements] == ["ct_resident"]
    assert rules.requirements[0].reason_if_no == "Free training is for Connecticut residents."
    assert {b.question: b.programs for b in rules.bases} == {
        "filed_ct_claim": ("skillup_ct", "180_skills"),
        "manufacturing_worker": ("180_skills",),
        "cscu_student": ("skillup_ct", "180_skills"),
    }
    assert {p.code for p in rules.programs} == {"skillup_ct", "180_skills"}
    for question in rules.questions:
        assert len(question.text) <= 160 and question.text.isascii()
        assert question.text.endswith("Reply YES or NO")
        assert question.explain
    contact = re.compile(r"https?://|www\.|\.(com|org|gov)\b|\d{3}[-. )]*\d{3}[-. ]*\d{4}")
    for program in rules.programs:
        assert not contact.search(program.next_step)
    assert rules.not_eligible.message and rules.not_eligible.what_would_help


def _shipped_data() -> dict:
    return yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "rules.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_error_basis_with_unknown_question(tmp_path: Path) -> None:
    data = _shipped_data()
    data["bases"][1]["question"] = "is_welder"
    with pytest.raises(RulesError, match=r"basis 'manufacturing'.*unknown question 'is_welder'"):
        load_rules(_write(tmp_path, data))


def test_error_requirement_with_unknown_question(tmp_path: Path) -> None:
    data = _shipped_data()
    data["requirements"][0]["question"] = "lives_in_ct"
    with pytest.raises(RulesError, match=r"unknown question 'lives_in_ct'"):
        load_rules(_write(tmp_path, data))


def test_error_unknown_program(tmp_path: Path) -> None:
    data = _shipped_data()
    data["bases"][2]["programs"] = ["skillup_ct", "skillup_ny"]
    with pytest.raises(RulesError, match=r"basis 'cscu'.*unknown program 'skillup_ny'"):
        load_rules(_write(tmp_path, data))


def test_error_missing_version(tmp_path: Path) -> None:
    data = _shipped_data()
    del data["version"]
    with pytest.raises(RulesError, match=r"rules\.yml: missing 'version'"):
        load_rules(_write(tmp_path, data))


def test_error_duplicate_basis_id(tmp_path: Path) -> None:
    data = _shipped_data()
    data["bases"][2]["id"] = "ct_claimant"
    with pytest.raises(RulesError, match=r"duplicate id 'ct_claimant'"):
        load_rules(_write(tmp_path, data))


def test_error_duplicate_question_key(tmp_path: Path) -> None:
    text = RULES_PATH.read_text(encoding="utf-8").replace(
        "  cscu_student:", "  ct_resident:\n    text: x\n    explain: y\n  cscu_student:"
    )
    path = tmp_path / "rules.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=r"duplicate id 'ct_resident' \(line \d+\)"):
        load_rules(path)


def test_error_question_used_twice(tmp_path: Path) -> None:
    data = _shipped_data()
    data["bases"][2]["question"] = "filed_ct_claim"
    with pytest.raises(RulesError, match=r"'filed_ct_claim' is used by both"):
        load_rules(_write(tmp_path, data))


@pytest.mark.parametrize(
    ("text", "problem"),
    [("x" * 161, "161 characters"), ("Vous \u00eates r\u00e9sident? Reply YES or NO", "ASCII")],
)
def test_error_question_text_not_sms_safe(tmp_path: Path, text: str, problem: str) -> None:
    data = _shipped_data()
    data["questions"]["cscu_student"]["text"] = text
    with pytest.raises(RulesError, match=rf"question 'cscu_student' text.*{problem}"):
        load_rules(_write(tmp_path, data))


def test_error_misspelled_key(tmp_path: Path) -> None:
    data = _shipped_data()
    data["bases"][0]["program"] = data["bases"][0].pop("programs")
    with pytest.raises(RulesError, match=r"basis #1 is missing 'programs'"):
        load_rules(_write(tmp_path, data))


def test_error_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read rules file"):
        load_rules(tmp_path / "nope.yml")


def test_unquoted_date_version_is_text(tmp_path: Path) -> None:
    text = RULES_PATH.read_text(encoding="utf-8").replace(
        'version: "2026-11-01"', "version: 2026-12-15"
    )
    path = tmp_path / "rules.yml"
    path.write_text(text, encoding="utf-8")
    assert load_rules(path).version == "2026-12-15"
