"""Turning job text and search text into index terms, with synonym tags."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.jobs.job_types import job_type_spans
from bot.text import fold

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yml")
TAG_PREFIX = "#"
MAX_TERM_LENGTH = 40

STOPWORDS = frozenset(
    """a an and any are as at be by can do for from get have i in is job jobs looking me
    my near need of on or please position positions show some the to want with work hiring
    openings opening find search hi hey now around""".split()
)

# Job words people write as capitals: shown that way in replies ("CNA jobs").
ACRONYMS = frozenset(
    "cna rn lpn cdl hha pca emt hvac cnc qa qc pct osha ems cpa stna dsp it cma".split()
)


def keyword_label(keyword: str | None) -> str:
    """A job word as replies show it: acronyms in capitals ("CNA"), other words in
    lowercase (a sentence may capitalise its first letter)."""
    if not keyword:
        return ""
    return " ".join(w.upper() if w.lower() in ACRONYMS else w.lower() for w in keyword.split())


def stem(word: str) -> str:
    """A light plural strip, applied the same way to jobs and to searches."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Folded, stemmed words of ``text`` in order, stopwords included."""
    return [stem(w)[:MAX_TERM_LENGTH] for w in fold(text).split()]


def terms(text: str) -> list[str]:
    """Searchable words of ``text``: folded, stemmed, without stopwords, deduplicated."""
    seen: dict[str, None] = {}
    for word in words(text):
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            seen.setdefault(word, None)
    return list(seen)


def split_job_type(text: str) -> tuple[str, str | None]:
    """Take the job type out of search words: ("part time cashier") -> ("cashier",
    "part_time"); "temp", "per diem", "internship"... count too (see bot.jobs.job_types).
    The job type becomes a filter, not a word to match; the first one named wins."""
    spans = job_type_spans(text)
    if not spans:
        return text, None
    kept, position = [], 0
    for start, end, _ in spans:
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    return " ".join(" ".join(kept).split()), spans[0][2]


@dataclass(frozen=True)
class SynonymGroup:
    """Phrases that name the same kind of work, under one tag."""

    tag: str
    phrases: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[SynonymGroup, ...]:
    """The synonym groups from synonyms.yml, phrases already folded and stemmed."""
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))
    return tuple(
        SynonymGroup(
            tag=TAG_PREFIX + name,
            phrases=tuple(tuple(words(phrase)) for phrase in phrases),
        )
        for name, phrases in data["groups"].items()
    )


@lru_cache(maxsize=1)
def _phrases_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for group in synonym_groups():
        for phrase in group.phrases:
            index.setdefault(phrase[0], []).append((phrase, group.tag))
    return index


@lru_cache(maxsize=1)
def one_word_synonyms() -> frozenset[str]:
    """The synonym phrases of a single word ("bodega", "cna"), folded and stemmed."""
    return frozenset(
        phrase[0] for group in synonym_groups() for phrase in group.phrases if len(phrase) == 1
    )


def tags_with_words(text_words: list[str]) -> dict[str, set[str]]:
    """Synonym tags whose phrases occur in ``text_words``, each with the words that matched."""
    found: dict[str, set[str]] = {}
    index = _phrases_by_first_word()
    for start, word in enumerate(text_words):
        for phrase, tag in index.get(word, ()):
            if tuple(text_words[start : start + len(phrase)]) == phrase:
                found.setdefault(tag, set()).update(phrase)
    return found


def index_terms(title: str, category: str | None) -> dict[str, float]:
    """Index terms of a job with their weights: title words count more than category words."""
    weighted: dict[str, float] = {}
    for text, weight in ((category or "", 0.6), (title, 1.0)):
        text_words = words(text)
        for term in terms(text):
            weighted[term] = max(weighted.get(term, 0.0), weight)
        for tag in tags_with_words(text_words):
            weighted[tag] = max(weighted.get(tag, 0.0), weight)
    return weighted
