"""The vocabulary of job search messages (search_words.yml), ready for matching."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

import yaml

SEARCH_WORDS_FILE = Path(__file__).with_name("search_words.yml")

Value = TypeVar("Value")


class PhraseTable(Generic[Value]):
    """Phrases (tuples of words) with a value each, found longest first in a word list."""

    def __init__(self, phrases: Mapping[tuple[str, ...], Value]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Value]]] = {}
        for phrase, value in phrases.items():
            self._by_first.setdefault(phrase[0], []).append((phrase, value))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def match_at(self, words: Sequence[str], start: int) -> tuple[int, Value] | None:
        """(length, value) of the longest phrase that begins at ``words[start]``, or None."""
        for phrase, value in self._by_first.get(words[start], ()):
            if tuple(words[start : start + len(phrase)]) == phrase:
                return len(phrase), value
        return None


def _strings(items: Iterable[object]) -> list[str]:
    strings = list(items)
    if not all(isinstance(item, str) for item in strings):
        # An unquoted yes/no/on/off reads as true/false: say so instead of matching "False".
        raise ValueError(f"{SEARCH_WORDS_FILE.name}: quote these: {strings}")
    return strings


def _phrases(items: Iterable[object]) -> list[tuple[str, ...]]:
    return [tuple(item.split()) for item in _strings(items)]


@dataclass(frozen=True)
class SearchWords:
    """search_words.yml, read once. See the file for what each part means."""

    shift_alone: PhraseTable[str]
    shift_listed: PhraseTable[str]
    shift_nouns: frozenset[str]
    shift_negations: frozenset[str]
    connectors: frozenset[str]
    radius_units: frozenset[str]
    radius_cues: frozenset[str]
    radius_before: frozenset[str]
    radius_after: frozenset[str]
    pay_cues: frozenset[str]
    pay_bounds: frozenset[str]
    pay_units: frozenset[str]
    pay_articles: frozenset[str]
    filler_words: frozenset[str]
    filler_phrases: PhraseTable[None]
    ambiguous_job_words: Mapping[str, str]
    job_nouns: frozenset[str]


@lru_cache(maxsize=1)
def search_words() -> SearchWords:
    """The search vocabulary from search_words.yml."""
    data = yaml.safe_load(SEARCH_WORDS_FILE.read_text(encoding="utf-8"))
    shifts = data["shifts"]

    def shift_table(kind: str) -> PhraseTable[str]:
        return PhraseTable(
            {phrase: name for name, lists in shifts.items() for phrase in _phrases(lists[kind])}
        )

    def words_of(*keys: str) -> frozenset[str]:
        part = data
        for key in keys:
            part = part[key]
        return frozenset(_strings(part))

    return SearchWords(
        shift_alone=shift_table("alone"),
        shift_listed=shift_table("listed"),
        shift_nouns=words_of("shift_nouns"),
        shift_negations=words_of("shift_negations"),
        connectors=words_of("connectors"),
        radius_units=words_of("radius", "units"),
        radius_cues=words_of("radius", "cues"),
        radius_before=words_of("radius", "before"),
        radius_after=words_of("radius", "after"),
        pay_cues=words_of("pay", "cues"),
        pay_bounds=words_of("pay", "bounds"),
        pay_units=words_of("pay", "units"),
        pay_articles=words_of("pay", "articles"),
        filler_words=words_of("filler", "words"),
        filler_phrases=PhraseTable(dict.fromkeys(_phrases(data["filler"]["phrases"]))),
        ambiguous_job_words={str(k): str(v) for k, v in data["ambiguous_job_words"].items()},
        job_nouns=words_of("job_nouns"),
    )
