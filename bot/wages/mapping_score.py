"""How well postings map to occupations: a labelled sample of titles and the score of a
matcher on it (``python -m bot.cli wage-mapping``, tests/wages/title_sample.csv)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.wages.occupations import OccupationMatcher


@dataclass(frozen=True)
class LabelledTitle:
    """A posting title with the SOC codes it may rightly map to (None: no occupation)."""

    title: str
    category: str
    expected: frozenset[str | None]


@dataclass(frozen=True)
class MappingScore:
    """How a matcher does on labelled titles."""

    titles: int
    right: int
    matched: int
    wrong_matches: tuple[tuple[str, str], ...]
    misses: tuple[str, ...]

    @property
    def accuracy(self) -> float:
        """Share of titles given a right occupation, or rightly none."""
        return self.right / self.titles if self.titles else 0.0

    @property
    def coverage(self) -> float:
        """Share of titles given an occupation at all."""
        return self.matched / self.titles if self.titles else 0.0

    @property
    def precision(self) -> float:
        """Share of the occupations given that are right."""
        if not self.matched:
            return 0.0
        return (self.matched - len(self.wrong_matches)) / self.matched


def read_labelled_titles(path: Path) -> list[LabelledTitle]:
    """A CSV of ``title,category,expected`` ("31-1131", "53-3053|53-3033", "none";
    lines starting with "#" are comments)."""
    with path.open(newline="", encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return [
            LabelledTitle(
                row["title"],
                row["category"],
                frozenset(None if c == "none" else c for c in row["expected"].split("|")),
            )
            for row in csv.DictReader(lines)
        ]


def score_mapping(matcher: OccupationMatcher, labelled: Sequence[LabelledTitle]) -> MappingScore:
    """Accuracy and coverage of ``matcher`` on ``labelled`` titles."""
    right = matched = 0
    wrong: list[tuple[str, str]] = []
    misses: list[str] = []
    for item in labelled:
        found = matcher.match(item.title, item.category)
        code = found.soc_code if found else None
        matched += found is not None
        if code in item.expected:
            right += 1
        elif found is not None:
            wrong.append((item.title, code))
        else:
            misses.append(item.title)
    return MappingScore(len(labelled), right, matched, tuple(wrong), tuple(misses))
