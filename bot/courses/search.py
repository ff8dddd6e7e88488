"""Find courses by topic, program and credential, and walk 180 Skills credential pathways."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Course, Program
from bot.text import strip_accents


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LEVEL_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")
_STOPWORDS = _wordset(
    "a an the and or of for to in on at by with about i im me my we you your want wanna "
    "need like would learn learning study studying take taking find show get looking "
    "look some any free online course courses class classes training train program "
    "programs lesson lessons please do is are there what which how can could something "
    "stuff thing things more other new into"
)
_WEAK = _wordset(
    "beginner beginners intermediate advanced basic basics intro introduction "
    "fundamental fundamentals essential essentials skill skills work workplace"
)
_ALIASES = {
    "mgmt": ("management",),
    "mgt": ("management",),
    "mngmt": ("management",),
    "proj": ("project",),
    "pm": ("project", "management"),
    "it": ("information", "technology"),
    "ms": ("microsoft",),
    "qb": ("quickbooks",),
    "acct": ("accounting",),
}
_CREDENTIAL_GENERIC = _wordset(
    "180 skill skills certificate certificates certification cert credential credentials "
    "badge a an the of in for"
)
_PROGRAM_ALIASES = {"manufacturing": "180_skills", "mfg": "180_skills"}


@dataclass(frozen=True)
class CourseHit:
    """A course as shown to a person."""

    code: str
    title: str
    program_code: str
    program_name: str
    topic: str
    level: str | None
    hours: float | None
    credential: str | None
    next_course_code: str | None
    url: str | None
    description: str = ""


@dataclass
class CoursePage:
    """One page of search results and the number of matches over all pages."""

    courses: list[CourseHit]
    total: int


@dataclass(frozen=True)
class _Doc:
    hit: CourseHit
    primary: frozenset[str]
    secondary: frozenset[str]
    credential: frozenset[str]

    @property
    def order(self) -> tuple[int, str, str]:
        return (_LEVEL_RANK.get(self.hit.level or "", 3), self.hit.title.casefold(), self.hit.code)


def search_courses(
    session: Session,
    topic: str | None = None,
    program: str | None = None,
    credential: str | None = None,
    limit: int = 5,
    offset: int = 0,
) -> CoursePage:
    """Search active courses.

    ``topic`` is free text matched, typo tolerant, against topics, titles and keywords.
    ``program`` is a program code or friendly name ("skillup", "180 skills"); an
    unrecognised program matches nothing. ``credential`` keeps courses whose credential
    matches the text. Results rank exact title/topic word matches first, then keyword
    and fuzzy matches, then beginner level first, then title.
    """
    rows = session.execute(
        select(Course, Program).join(Program).where(Course.active.is_(True))
    ).all()
    docs = [_doc(course, prog) for course, prog in rows]
    if program is not None and program.strip():
        code = _resolve_program(program, {p.code: p.name for _, p in rows})
        docs = [d for d in docs if d.hit.program_code == code]
    if credential is not None and credential.strip():
        docs = _filter_credential(docs, credential)
    if topic is not None and _query_alternatives(topic):
        ranked = _rank_topic(docs, topic)
    else:
        ranked = sorted(docs, key=lambda d: d.order)
    start = max(offset, 0)
    page = ranked[start : start + max(limit, 0)]
    return CoursePage(courses=[d.hit for d in page], total=len(ranked))


def pathway(session: Session, course_code: str) -> list[CourseHit]:
    """The course and each following course in its credential pathway, in order.

    Inactive courses are skipped but their links are followed; an unknown code gives [].
    """
    return _walk(_all_courses(session), course_code)


def next_course(session: Session, course_code: str) -> CourseHit | None:
    """The next active course after ``course_code`` in its pathway, if any."""
    chain = pathway(session, course_code)
    if chain and chain[0].code.upper() == course_code.strip().upper():
        chain = chain[1:]
    return chain[0] if chain else None


def pathway_starts(session: Session, program: str | None = None) -> list[CourseHit]:
    """The first active course of every pathway, optionally of one program only.

    A pathway starts at a course that has a next course and that no course points to.
    Ordered by topic, then title.
    """
    courses = _all_courses(session)
    if program is not None:
        code = _resolve_program(program, {p.code: p.name for _, p in courses.values()})
        courses = {k: (c, p) for k, (c, p) in courses.items() if p.code == code}
    targets = {_upper(c.next_course_code) for c, _ in courses.values()}
    starts: list[CourseHit] = []
    for key, (course, _) in courses.items():
        if course.next_course_code and key not in targets:
            starts.extend(_walk(courses, key)[:1])
    return sorted(starts, key=lambda h: (h.topic.casefold(), h.title.casefold()))


def _upper(code: str | None) -> str:
    return (code or "").strip().upper()


def _all_courses(session: Session) -> dict[str, tuple[Course, Program]]:
    rows = session.execute(select(Course, Program).join(Program)).all()
    return {_upper(course.code): (course, prog) for course, prog in rows}


def _walk(courses: dict[str, tuple[Course, Program]], code: str) -> list[CourseHit]:
    chain: list[CourseHit] = []
    key = _upper(code)
    seen: set[str] = set()
    while key in courses and key not in seen:
        seen.add(key)
        course, prog = courses[key]
        if course.active:
            chain.append(course_hit(course, prog))
        key = _upper(course.next_course_code)
    return chain


def course_hit(course: Course, prog: Program) -> CourseHit:
    """A course row and its program as a :class:`CourseHit`."""
    return CourseHit(
        code=course.code,
        title=course.title,
        program_code=prog.code,
        program_name=prog.name,
        topic=course.topic,
        level=course.level,
        hours=course.hours,
        credential=course.credential,
        next_course_code=course.next_course_code,
        url=course.url,
        description=course.description or "",
    )


def _doc(course: Course, prog: Program) -> _Doc:
    return _Doc(
        hit=course_hit(course, prog),
        primary=_terms(f"{course.title} {course.topic}"),
        secondary=_terms(f"{course.keywords or ''} {course.level or ''}"),
        credential=_terms(course.credential or ""),
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(strip_accents(text).lower().replace("&", "").replace("'", ""))


def _norm(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _terms(text: str) -> frozenset[str]:
    words = _words(text)
    joined = [a + b for a, b in pairwise(words)]
    return frozenset(_norm(w) for w in words + joined)


def _fuzzy_ok(word: str) -> bool:
    return len(word) >= 4 and word.isalpha()


def _extends(word: str, term: str) -> bool:
    """``term`` is ``word`` plus a short ending ("weld" -> "welding", "welder")."""
    return len(word) >= 4 and term.startswith(word) and 0 < len(term) - len(word) <= 3


class _Vocabulary:
    """All terms of a field across courses; maps a query word to exact and fuzzy terms."""

    def __init__(self, term_sets: Iterable[frozenset[str]]) -> None:
        self.terms: frozenset[str] = frozenset().union(*term_sets)
        self._sorted = sorted(self.terms)

    def match(self, word: str, fuzzy: bool = True) -> tuple[bool, frozenset[str]]:
        """Whether ``word`` is a term, and other terms it may stand for.

        Those are longer forms of it ("weld" -> "welding") and, only when the word is no
        term at all, likely misspellings ("excell" -> "excel").
        """
        exact = word in self.terms
        if not fuzzy or not _fuzzy_ok(word):
            return exact, frozenset()
        close = {t for t in self._sorted if _extends(word, t)}
        if not exact:
            cutoff = 88 if len(word) == 4 else 85 if len(word) == 5 else 80
            similar = process.extract(
                word, self._sorted, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            )
            close.update(t for t, _score, _i in similar if abs(len(t) - len(word)) <= 2)
        return exact, frozenset(close)


def _query_alternatives(text: str) -> list[tuple[list[str], bool]]:
    """Readings of a topic query: its words (fuzzy) and, for phrases, the words run
    together ("quick books" -> "quickbooks"), matched exactly."""
    words = [w for w in _words(text) if w not in _STOPWORDS]
    expanded = [part for w in words for part in _ALIASES.get(w, (w,))]
    if not expanded:
        return []
    alternatives = [([_norm(w) for w in expanded], True)]
    joined = _norm("".join(expanded))
    if len(expanded) > 1 and len(joined) >= 5:
        alternatives.append(([joined], False))
    return alternatives


def _rank_topic(docs: list[_Doc], topic: str) -> list[_Doc]:
    """Docs matching every query word (or, failing that, some non-generic word), best first."""
    vocab = _Vocabulary(d.primary | d.secondary for d in docs)
    best: dict[str, tuple] = {}
    for words, fuzzy in _query_alternatives(topic):
        matched = [(w, *vocab.match(w, fuzzy)) for w in words]
        known = [(w, exact, close) for w, exact, close in matched if exact or close]
        strong = [w not in _WEAK for w, _, _ in known]
        lost_strong = any(w not in _WEAK for w, exact, close in matched if not (exact or close))
        if not known or (lost_strong and not any(strong)):
            continue
        for doc in docs:
            grades = [_grade(doc, w, exact, close) for w, exact, close in known]
            hits = sum(1 for g, s in zip(grades, strong, strict=True) if g and s)
            complete = all(grades)
            if not complete and not hits:
                continue
            tier = 4 - min(g for g in grades if g)
            key = (0, 0, tier, *doc.order) if complete else (1, -hits, tier, *doc.order)
            if doc.hit.code not in best or key < best[doc.hit.code][0]:
                best[doc.hit.code] = (key, doc)
    ranked = sorted(best.values(), key=lambda kd: kd[0])
    if ranked and ranked[0][0][0] == 0:
        ranked = [kd for kd in ranked if kd[0][0] == 0]
    return [doc for _, doc in ranked]


def _grade(doc: _Doc, word: str, exact: bool, close: frozenset[str]) -> int:
    """4 exact in title/topic, 3 exact in keywords, 2 fuzzy in title/topic, 1 fuzzy, 0 none."""
    if exact and word in doc.primary:
        return 4
    if exact and word in doc.secondary:
        return 3
    if close & doc.primary:
        return 2
    if close & doc.secondary:
        return 1
    return 0


def _filter_credential(docs: list[_Doc], text: str) -> list[_Doc]:
    words = [_norm(w) for w in _words(text) if w not in _CREDENTIAL_GENERIC]
    docs = [d for d in docs if d.credential]
    if not words:
        return docs
    vocab = _Vocabulary(d.credential for d in docs)
    wanted = []
    for word in words:
        exact, close = vocab.match(word)
        wanted.append(({word} if exact else set()) | close)
    return [d for d in docs if all(options & d.credential for options in wanted)]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _resolve_program(text: str, programs: dict[str, str]) -> str | None:
    """Map a program code or friendly name ("skill up ct", "180") to a program code."""
    key = _key(text)
    if not key:
        return None
    if _PROGRAM_ALIASES.get(key) in programs:
        return _PROGRAM_ALIASES[key]
    names = {code: (_key(code), _key(name)) for code, name in programs.items()}
    for code, forms in names.items():
        if key in forms or (len(key) >= 3 and any(f.startswith(key) for f in forms)):
            return code
    choices = [(form, code) for code, forms in names.items() for form in forms]
    best = process.extractOne(
        key, [form for form, _ in choices], scorer=fuzz.ratio, score_cutoff=80
    )
    return choices[best[2]][1] if best else None


def program_code(session: Session, text: str) -> str | None:
    """The program code a friendly name means ("skillup", "180 skills"), or None."""
    programs = dict(session.execute(select(Program.code, Program.name)).all())
    return _resolve_program(text, programs)


def course_by_code(session: Session, code: str) -> CourseHit | None:
    """One active course by its code."""
    found = _all_courses(session).get(_upper(code))
    if found is None or not found[0].active:
        return None
    return course_hit(*found)
