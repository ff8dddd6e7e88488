"""A job posting's SOC occupation, from its title and its feed category.

1. The job-word table (occupation_words.yml): hand-made phrases ("cna", "forklift",
   "warehouse associate") and the synonym groups of bot/jobs/synonyms.yml that name one
   occupation, English and Spanish. The longest phrase found in the title wins; words
   the table says name no one occupation ("associate", "machine operator") give none.
2. Unless the table's phrase is the title's whole main part: rapidfuzz over the OEWS
   occupation titles, read as the names they hold ("Welders, Cutters, Solderers, and
   Brazers" names welders, cutters...; "Cooks, Restaurant" names restaurant cooks),
   against every run of up to five title words; names with the same specific words
   and other general ones count too ("insulation installer", "Insulation Workers").
   Words of the title's main part left out cost points. The best must reach
   FUZZY_CUTOFF and beat every other occupation by FUZZY_MARGIN; among close ones an
   occupation of the category's usual major groups is preferred. It replaces the
   table's answer only when it matches more words ("sewing machine operator").

Pay, bonuses, job types, numbers and ", CT" are taken out of the title first. A word
naming another role (manager, instructor, engineer...) outside the matched words
cancels the match: "CNA Instructor" is not a CNA. No match means no occupation, never
a guess.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import WageOccupation, WageRelease
from bot.jobs.text import SYNONYMS_FILE, split_job_type, synonym_groups, words

WORDS_FILE = Path(__file__).with_name("occupation_words.yml")
NO_OCCUPATION = "-"
FUZZY_CUTOFF = 90.0
FUZZY_MARGIN = 3.0
CATEGORY_BONUS = 3.0
MAX_GRAM_WORDS = 5
MAX_TITLE_CHARS = 200
# BLS's display level of a detailed occupation (0 is a major group).
DETAILED_LEVEL = 3

_MONEY = re.compile(
    r"(?:\b(?:up\s+to|starting\s+at|from|earn|make)\s+)?\$\s*\d[\d,]*(?:\.\d+)?\s*k?"
    r"(?:\s*(?:-|–|to)\s*\$?\s*\d[\d,]*(?:\.\d+)?\s*k?)?"
    r"(?:\s*(?:/|per\b|an\b|a\b)\s*(?:hr|hour|h|wk|week|yr|year|mo|month)\b)?",
    re.IGNORECASE,
)
_BONUS = re.compile(
    r"\b(?:(?:sign(?:ing)?[\s-]*on|retention|hiring|referral)\s+)?bonus(?:es)?\b", re.IGNORECASE
)
_PLACE_WORDS = frozenset({"ct", "conn", "connecticut"})
_KEPT_NUMBERS = frozenset({"911"})
_SEGMENTS = re.compile(r"\s+[-–—|/]\s+|[(),;:\[\]]")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))


# Words naming another role than the job words beside them.
ROLE_WORDS = _word_set(
    "manager supervisor director superintendent foreman engineer administrator analyst "
    "developer instructor trainer educator recruiter coordinator sales estimator inspector "
    "planner buyer scheduler owner president consultant teacher professor helper"
)
# Words too general to name an occupation on their own (in a title or an OEWS name).
# The role words are not among them: they tell occupations apart.
GENERIC_WORDS = _word_set(
    "assistant aide worker clerk technician tech specialist operator tender setter installer "
    "repairer laborer associate representative agent attendant officer professional staff "
    "member general other all miscellaneous hand level senior junior lead entry i ii iii iv"
)
_EDGE_WORDS = _word_set("and or of the for in with to at de del la el y a an")
# Words a title adds to an occupation's name without naming another one.
MODIFIER_WORDS = _word_set(
    "licensed certified registered senior junior experienced bilingual lead trainee "
    "apprentice journeyman master shift night day evening weekend overnight remote "
    "temporary seasonal new grad immediate hiring urgent"
)
# What a word of the title's main part that the matched name leaves out costs: a
# specific word a lot ("food runner" is not "runners"), a general one a little
# ("real estate agent" is rather "real estate sales agents" than "real estate managers").
UNEXPLAINED_PENALTY = 11.0
UNEXPLAINED_GENERAL_PENALTY = 4.0


def _unexplained_penalty(word: str) -> float:
    if word in MODIFIER_WORDS or word in _EDGE_WORDS:
        return 0.0
    return UNEXPLAINED_GENERAL_PENALTY if word in GENERIC_WORDS else UNEXPLAINED_PENALTY


@dataclass(frozen=True)
class OccupationMatch:
    """The SOC occupation a posting names, how it was found and the words that did."""

    soc_code: str
    title: str
    method: str  # "phrase" (the job-word table), "synonym" (a synonym group) or "title"
    score: float  # 100 for the table; the fuzzy score of an OEWS title otherwise
    matched: str


@dataclass(frozen=True)
class _Hit:
    soc: str
    start: int
    end: int
    method: str


@dataclass(frozen=True)
class JobWords:
    """The job-word table: phrases (word tuples) with their occupation, and category
    words with their major groups."""

    phrases: tuple[tuple[tuple[str, ...], str, str], ...]
    categories: dict[str, frozenset[str]]


@cache
def job_words() -> JobWords:
    """occupation_words.yml, its phrases folded and stemmed like titles."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    groups = {group.tag[1:]: group for group in synonym_groups()}
    phrases: list[tuple[tuple[str, ...], str, str]] = []
    for soc, listed in data["phrases"].items():
        phrases.extend((tuple(words(phrase)), str(soc), "phrase") for phrase in listed)
    for name, soc in data["groups"].items():
        if name not in groups:
            raise ValueError(f"occupation_words.yml: no synonym group {name!r}")
        phrases.extend((phrase, str(soc), "synonym") for phrase in groups[name].phrases)
    categories = {
        " ".join(words(word)): frozenset(str(group) for group in major_groups)
        for word, major_groups in data["categories"].items()
    }
    return JobWords(tuple(p for p in phrases if p[0]), categories)


def title_words(title: str | None) -> tuple[list[str], int]:
    """A posting title's words without its pay, bonus, job type, numbers and state,
    folded and stemmed, and how many of them its main part holds (the first part before
    " - ", " | ", " / ", a comma or a bracket): "CNA - 2nd Shift - $500 Sign-On Bonus,
    Hartford, CT" -> (["cna", "shift", "hartford"], 1)."""
    text = (title or "")[:MAX_TITLE_CHARS]
    text = _BONUS.sub(" ", _MONEY.sub(" ", text))
    text, _ = split_job_type(text)
    tokens: list[str] = []
    main = 0
    for segment in _SEGMENTS.split(text):
        tokens += [
            word
            for word in words(segment)
            if word not in _PLACE_WORDS
            and (word in _KEPT_NUMBERS or not any(char.isdigit() for char in word))
        ]
        main = main or len(tokens)
    return tokens, main


# Plurals in OEWS titles that name things, not the people who work with them.
_THINGS = frozenset("products goods services benefits materials systems operations".split())


def _is_plural(word: str) -> bool:
    """Whether a word of an OEWS title is a plural naming people ("Welders")."""
    word = word.lower()
    if word in _THINGS:
        return False
    return (word.endswith("s") and not word.endswith("ss")) or word in {"staff", "personnel"}


def _title_names(title: str) -> list[str]:
    """The names an OEWS occupation title holds, as title text."""
    if "All Other" in title:
        return []
    text = re.split(r",?\s+Except\b", title)[0].replace("&", "and")
    suffix = ""
    if text.startswith("Helpers--"):
        text, suffix = text[len("Helpers--") :], " helpers"
    supervised = re.match(r"First-Line Supervisors of (.+)", text)
    if supervised:
        text, suffix = supervised.group(1), " supervisors"
    text = re.sub(r"^Miscellaneous\s+", "", text)
    parts = [re.sub(r"^and\s+", "", part.strip()) for part in text.split(",") if part.strip()]
    names = [" ".join(parts)]
    if _is_plural(parts[0].split()[-1]):
        # "Welders, Cutters..." (each part a name) or "Cooks, Restaurant" (the head first).
        head = parts[0]
        names.append(head)
        names += [p if _is_plural(p.split()[-1]) else f"{p} {head}" for p in parts[1:]]
    else:
        # "Compensation, Benefits, and Job Analysis Specialists": the last word is the head.
        head = parts[-1].split()[-1]
        names += [f"{p} {head}" for p in parts[:-1]] + [parts[-1]]
    result = []
    for name in names:
        result.append(name)
        pieces = re.split(r"\s+and\s+", name)
        if len(pieces) > 1:
            last = pieces[-1].split()[-1]
            result += [p if _is_plural(p.split()[-1]) else f"{p} {last}" for p in pieces]
    # A name is a noun phrase: it ends in a plural ("Heating" alone names no one).
    return [name + suffix for name in result if _is_plural(name.split()[-1])]


class OccupationMatcher:
    """Matches posting titles to the occupations of one OEWS release."""

    def __init__(self, occupations: Iterable[tuple[str, str]]) -> None:
        """``occupations``: (SOC code, OEWS title) of the detailed occupations."""
        self.titles = dict(occupations)
        table = job_words()
        self._index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for phrase, soc, method in table.phrases:
            if soc == NO_OCCUPATION or soc in self.titles:
                self._index.setdefault(phrase[0], []).append((phrase, soc, method))
        self._categories = table.categories
        names: dict[str, set[str]] = {}
        for soc, title in self.titles.items():
            for name in _title_names(title):
                stemmed = words(name)
                if _specific(stemmed):
                    names.setdefault(" ".join(stemmed), set()).add(soc)
        self._names = [(name, soc) for name, socs in names.items() for soc in sorted(socs)]
        self._name_texts = [name for name, _ in self._names]
        # Names by their specific words, and by those words but one ("solar" finds
        # "solar photovoltaic installers"), for titles that name the same work with
        # other general words ("insulation installer", "insulation workers").
        self._by_specific: dict[frozenset[str], list[int]] = {}
        self._by_specific_but_one: dict[frozenset[str], list[int]] = {}
        for position, (name, _) in enumerate(self._names):
            specific = _specific(name.split())
            self._by_specific.setdefault(specific, []).append(position)
            if len(specific) > 1:
                for word in specific:
                    self._by_specific_but_one.setdefault(specific - {word}, []).append(position)

    def match(self, title: str | None, category: str | None = None) -> OccupationMatch | None:
        """The occupation ``title`` (in feed ``category``) names, or None."""
        tokens, main = title_words(title)
        if not tokens:
            return None
        hits = self._table_hits(tokens)
        named = [hit for hit in hits if hit.soc != NO_OCCUPATION]
        best: _Hit | None = None
        score = 100.0
        if named:
            best = min(named, key=lambda h: (h.start - h.end, h.method != "phrase", h.start))
        covered = max((hit.end - hit.start for hit in hits), default=0)
        if best is None or (best.start, best.end) != (0, main):
            # A longer run of words may name an OEWS occupation ("sewing machine
            # operator" beside the table's "machine operator").
            found = self._fuzzy(tokens, main, self._category_groups(category))
            if found is not None and found[0].end - found[0].start > covered:
                best, score = found
        if best is None:
            return None
        if any(word in ROLE_WORDS for word in tokens[: best.start] + tokens[best.end :]):
            return None
        return OccupationMatch(
            soc_code=best.soc,
            title=self.titles[best.soc],
            method=best.method,
            score=round(score, 1),
            matched=" ".join(tokens[best.start : best.end]),
        )

    def _table_hits(self, tokens: Sequence[str]) -> list[_Hit]:
        hits = []
        for start, word in enumerate(tokens):
            for phrase, soc, method in self._index.get(word, ()):
                end = start + len(phrase)
                if tuple(tokens[start:end]) == phrase:
                    hits.append(_Hit(soc, start, end, method))
        return hits

    def _category_groups(self, category: str | None) -> frozenset[str]:
        category_words = " ".join(words(category or ""))
        groups: set[str] = set()
        for word, major_groups in self._categories.items():
            if re.search(rf"\b{re.escape(word)}\b", category_words):
                groups |= major_groups
        return frozenset(groups)

    def _candidates(self, gram: Sequence[str]) -> dict[int, float]:
        """Names close to ``gram`` (by position) with their score."""
        query = " ".join(gram)
        found = {
            position: score
            for _, score, position in process.extract(
                query,
                self._name_texts,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=FUZZY_CUTOFF - CATEGORY_BONUS,
                limit=20,
            )
        }
        specific = _specific(gram)
        general = set(gram) & GENERIC_WORDS
        same = self._by_specific.get(specific, [])
        but_one = self._by_specific_but_one.get(specific, [])
        for position in [*same, *but_one]:
            name_words = self._name_texts[position].split()
            name_general = set(name_words) & GENERIC_WORDS
            agree = bool(general & name_general) or not (general or name_general)
            floor = (98.0 if agree else 93.0) if position in same else (93.0 if agree else 0.0)
            found[position] = max(found.get(position, 0.0), floor)
        return found

    def _fuzzy(
        self, tokens: Sequence[str], main: int, groups: frozenset[str]
    ) -> tuple[_Hit, float] | None:
        # Per occupation: (ranking score, words matched, score, hit).
        best: dict[str, tuple[float, int, float, _Hit]] = {}
        for size in range(min(MAX_GRAM_WORDS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                gram = tokens[start : start + size]
                if gram[0] in _EDGE_WORDS or gram[-1] in _EDGE_WORDS or not _specific(gram):
                    continue
                # Words of the title's main part left unexplained weigh against it.
                penalty = sum(
                    _unexplained_penalty(tokens[i])
                    for i in range(main)
                    if not start <= i < start + size
                )
                for position, score in self._candidates(gram).items():
                    soc = self._names[position][1]
                    score -= penalty
                    ranked = score + (CATEGORY_BONUS if soc[:2] in groups else 0.0)
                    entry = (ranked, size, score, _Hit(soc, start, start + size, "title"))
                    if soc not in best or entry[:2] > best[soc][:2]:
                        best[soc] = entry
        if not best:
            return None
        ranking = sorted(best.values(), key=lambda entry: entry[:2], reverse=True)
        ranked, _, score, hit = ranking[0]
        if score < FUZZY_CUTOFF:
            return None
        if len(ranking) > 1 and ranking[1][0] > ranked - FUZZY_MARGIN:
            return None
        return hit, score


def _specific(name_words: Sequence[str]) -> frozenset[str]:
    """The words of a name that are neither general ("worker") nor glue ("and")."""
    return frozenset(w for w in name_words if w not in GENERIC_WORDS and w not in _EDGE_WORDS)


_matchers: dict[tuple[str, str], OccupationMatcher] = {}
_matchers_lock = threading.Lock()


def occupation_matcher(session: Session) -> OccupationMatcher | None:
    """The matcher for the OEWS release stored in ``session``'s database (built once
    per process and release); None before ``load-wages`` has run."""
    release = session.scalars(select(WageRelease.code).order_by(WageRelease.code.desc())).first()
    if release is None:
        return None
    key = (str(session.get_bind().url), release)
    with _matchers_lock:
        if key not in _matchers:
            detailed = session.execute(
                select(WageOccupation.soc_code, WageOccupation.title).where(
                    WageOccupation.level == DETAILED_LEVEL
                )
            )
            _matchers[key] = OccupationMatcher(tuple(detailed))
        return _matchers[key]


def posting_occupation(
    session: Session, title: str | None, category: str | None = None
) -> OccupationMatch | None:
    """The SOC occupation of a job posting, or None (no match, or no wages loaded)."""
    matcher = occupation_matcher(session)
    return matcher.match(title, category) if matcher else None


@cache
def _search_words() -> dict[str, str]:
    """SOC code -> the first phrase occupation_words.yml gives it, as written."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    synonyms = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))["groups"]
    found: dict[str, str] = {}
    for soc, listed in data["phrases"].items():
        if str(soc) != NO_OCCUPATION and listed:
            found.setdefault(str(soc), str(listed[0]))
    for name, soc in data["groups"].items():
        if synonyms.get(name):
            found.setdefault(str(soc), str(synonyms[name][0]))
    return found


def occupation_search_word(soc_code: str) -> str | None:
    """A job-search word for an occupation, the reverse of the job-word table: its first
    phrase there ("51-9161" -> "cnc"), else its synonym group's first phrase
    ("51-4121" -> "welder"); None for an occupation the table does not name."""
    return _search_words().get(soc_code)
