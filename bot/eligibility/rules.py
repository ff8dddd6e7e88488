"""Load and validate the free-training eligibility rules kept in ``rules.yml``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.i18n import translator

RULES_PATH = Path(__file__).parent / "rules.yml"
SMS_MAX_CHARS = 160

_TOP_KEYS = frozenset(
    {
        "version",
        "description",
        "questions",
        "requirements",
        "bases",
        "programs",
        "not_eligible",
    }
)


class RulesError(ValueError):
    """The rules file is missing something or contradicts itself."""


@dataclass(frozen=True)
class Question:
    """A yes/no question texted to the person."""

    id: str
    text: str
    explain: str


@dataclass(frozen=True)
class Requirement:
    """A question that must be answered yes before any basis counts."""

    question: str
    reason_if_no: str


@dataclass(frozen=True)
class Basis:
    """One way to qualify: a yes to ``question`` opens ``programs``."""

    id: str
    question: str
    programs: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Program:
    """A free training program."""

    code: str
    name: str
    next_step: str


@dataclass(frozen=True)
class NotEligible:
    """Wording used when nobody qualifies."""

    message: str
    no_basis_reason: str
    what_would_help: str


@dataclass(frozen=True)
class Rules:
    """A validated, immutable set of eligibility rules."""

    version: str
    description: str
    questions: tuple[Question, ...]
    requirements: tuple[Requirement, ...]
    bases: tuple[Basis, ...]
    programs: tuple[Program, ...]
    not_eligible: NotEligible

    def question(self, question_id: str) -> Question:
        """Return the question with this id (``KeyError`` if unknown)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def program(self, code: str) -> Program:
        """Return the program with this code (``KeyError`` if unknown)."""
        for program in self.programs:
            if program.code == code:
                return program
        raise KeyError(code)

    @property
    def asked_order(self) -> tuple[str, ...]:
        """Ids of the questions the rules use, in asking order: requirements, then bases."""
        return tuple(r.question for r in self.requirements) + tuple(b.question for b in self.bases)


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML loader that refuses duplicate mapping keys instead of keeping the last."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            line = key_node.start_mark.line + 1
            raise RulesError(f"duplicate id {key!r} (line {line})")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _mapping(
    value: Any, where: str, required: set[str], optional: frozenset[str] = frozenset()
) -> dict:
    if not isinstance(value, dict):
        raise RulesError(f"{where} must be a mapping of keys to values")
    missing = sorted(required - value.keys())
    if missing:
        raise RulesError(f"{where} is missing {', '.join(repr(k) for k in missing)}")
    unknown = sorted(str(k) for k in value.keys() - required - optional)
    if unknown:
        raise RulesError(f"{where} has unknown key(s) {', '.join(repr(k) for k in unknown)}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RulesError(f"{where} must be non-empty text")
    return value.strip()


def _ident(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise RulesError(f"{where} must be an id like 'ct_resident' (got {value!r})")
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise RulesError(f"{where} must be a list")
    return value


def _version(data: dict) -> str:
    value = data.get("version")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RulesError("missing 'version' (e.g. version: \"2026-11-01\")")
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise RulesError(f"'version' must be text, got {value!r}")
    return str(value).strip()


def _questions(raw: Any) -> tuple[Question, ...]:
    if not isinstance(raw, dict) or not raw:
        raise RulesError("'questions' must map each question id to its text and explain line")
    questions = []
    for qid, body in raw.items():
        qid = _ident(qid, "question id")
        where = f"question {qid!r}"
        body = _mapping(body, where, {"text", "explain"})
        text = _text(body["text"], f"{where} text")
        if len(text) > SMS_MAX_CHARS:
            raise RulesError(f"{where} text is {len(text)} characters; keep it to {SMS_MAX_CHARS}")
        if not text.isascii():
            raise RulesError(f"{where} text must be plain ASCII (no curly quotes or accents)")
        questions.append(Question(qid, text, _text(body["explain"], f"{where} explain")))
    return tuple(questions)


def _programs(raw: Any) -> tuple[Program, ...]:
    if not isinstance(raw, dict) or not raw:
        raise RulesError("'programs' must map each program code to its name and next_step")
    programs = []
    for code, body in raw.items():
        code = _ident(code, "program code")
        where = f"program {code!r}"
        body = _mapping(body, where, {"name", "next_step"})
        programs.append(
            Program(
                code,
                _text(body["name"], f"{where} name"),
                _text(body["next_step"], f"{where} next_step"),
            )
        )
    return tuple(programs)


def _requirements(raw: Any) -> tuple[Requirement, ...]:
    requirements = []
    for i, body in enumerate(_list(raw, "'requirements'"), start=1):
        where = f"requirement #{i}"
        body = _mapping(body, where, {"question", "reason_if_no"})
        requirements.append(
            Requirement(
                _ident(body["question"], f"{where} question"),
                _text(body["reason_if_no"], f"{where} reason_if_no"),
            )
        )
    return tuple(requirements)


def _bases(raw: Any) -> tuple[Basis, ...]:
    bases = []
    for i, body in enumerate(_list(raw, "'bases'"), start=1):
        body = _mapping(body, f"basis #{i}", {"id", "question", "programs", "reason"})
        bid = _ident(body["id"], f"basis #{i} id")
        where = f"basis {bid!r}"
        codes = _list(body["programs"], f"{where} programs")
        if not codes:
            raise RulesError(f"{where} must open at least one program")
        bases.append(
            Basis(
                bid,
                _ident(body["question"], f"{where} question"),
                tuple(_ident(code, f"{where} program") for code in codes),
                _text(body["reason"], f"{where} reason"),
            )
        )
    if not bases:
        raise RulesError("'bases' must list at least one way to qualify")
    return tuple(bases)


def _check_references(rules: Rules) -> None:
    known_questions = {q.id for q in rules.questions}
    known_programs = {p.code for p in rules.programs}
    users: dict[str, str] = {}
    uses = [(f"requirement {r.question!r}", r.question) for r in rules.requirements]
    uses += [(f"basis {b.id!r}", b.question) for b in rules.bases]
    for owner, qid in uses:
        if qid not in known_questions:
            raise RulesError(
                f"{owner} refers to unknown question {qid!r}; "
                f"known questions: {', '.join(sorted(known_questions))}"
            )
        if qid in users:
            raise RulesError(f"question {qid!r} is used by both {users[qid]} and {owner}")
        users[qid] = owner
    seen_bases: set[str] = set()
    for basis in rules.bases:
        if basis.id in seen_bases:
            raise RulesError(f"duplicate id {basis.id!r} in 'bases'")
        seen_bases.add(basis.id)
        if len(set(basis.programs)) != len(basis.programs):
            raise RulesError(f"basis {basis.id!r} lists a program twice")
        for code in basis.programs:
            if code not in known_programs:
                raise RulesError(
                    f"basis {basis.id!r} opens unknown program {code!r}; "
                    f"known programs: {', '.join(sorted(known_programs))}"
                )


def parse_rules(data: Any) -> Rules:
    """Validate already-parsed YAML data and build :class:`Rules`."""
    data = _mapping(
        data, "the rules file", {"questions", "bases", "programs", "not_eligible"}, _TOP_KEYS
    )
    not_eligible = _mapping(
        data["not_eligible"], "'not_eligible'", {"message", "no_basis_reason", "what_would_help"}
    )
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise RulesError("'description' must be text")
    rules = Rules(
        version=_version(data),
        description=" ".join(description.split()),
        questions=_questions(data["questions"]),
        requirements=_requirements(data.get("requirements") or []),
        bases=_bases(data["bases"]),
        programs=_programs(data["programs"]),
        not_eligible=NotEligible(
            _text(not_eligible["message"], "'not_eligible' message"),
            _text(not_eligible["no_basis_reason"], "'not_eligible' no_basis_reason"),
            _text(not_eligible["what_would_help"], "'not_eligible' what_would_help"),
        ),
    )
    _check_references(rules)
    return rules


def load_rules(path: str | Path) -> Rules:
    """Read, validate and return the rules in ``path``; raise :class:`RulesError` if invalid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(f"cannot read rules file {path}: {exc.strerror or exc}") from None
    try:
        return parse_rules(yaml.load(text, Loader=_StrictLoader))
    except RulesError as exc:
        raise RulesError(f"{path.name}: {exc}") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"{path.name}: not valid YAML: {exc}") from None


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The shipped ``rules.yml``, loaded and validated once per process."""
    return load_rules(RULES_PATH)


def translated(rules: Rules, language: str) -> Rules:
    """``rules`` with every text a person reads in ``language`` (the catalog holds the
    translations of rules.yml's texts; program names stay as they are)."""
    _ = translator(language)
    return replace(
        rules,
        description=_(rules.description),
        questions=tuple(replace(q, text=_(q.text), explain=_(q.explain)) for q in rules.questions),
        requirements=tuple(replace(r, reason_if_no=_(r.reason_if_no)) for r in rules.requirements),
        bases=tuple(replace(b, reason=_(b.reason)) for b in rules.bases),
        programs=tuple(replace(p, next_step=_(p.next_step)) for p in rules.programs),
        not_eligible=replace(
            rules.not_eligible,
            message=_(rules.not_eligible.message),
            no_basis_reason=_(rules.not_eligible.no_basis_reason),
            what_would_help=_(rules.not_eligible.what_would_help),
        ),
    )


@lru_cache(maxsize=4)
def rules_in(language: str = "en") -> Rules:
    """The shipped rules with their texts in ``language``: pass them to
    :func:`~bot.eligibility.evaluate` and its questions and reasons are in that language."""
    return translated(default_rules(), language)
