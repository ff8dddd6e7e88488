"""Who may take free SkillUp CT and 180 Skills training, driven by ``rules.yml``."""

from bot.eligibility.evaluator import (
    ELIGIBLE,
    NEEDS_ANSWER,
    NOT_ELIGIBLE,
    Evaluation,
    evaluate,
)
from bot.eligibility.rules import (
    RULES_PATH,
    Basis,
    NotEligible,
    Program,
    Question,
    Requirement,
    Rules,
    RulesError,
    default_rules,
    load_rules,
    parse_rules,
    rules_in,
    translated,
)

__all__ = [
    "ELIGIBLE",
    "NEEDS_ANSWER",
    "NOT_ELIGIBLE",
    "RULES_PATH",
    "Basis",
    "Evaluation",
    "NotEligible",
    "Program",
    "Question",
    "Requirement",
    "Rules",
    "RulesError",
    "default_rules",
    "evaluate",
    "load_rules",
    "parse_rules",
    "rules_in",
    "translated",
]
