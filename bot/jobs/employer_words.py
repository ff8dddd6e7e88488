"""The job word behind an employer's name, for people who say where they worked."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.text import fold

DATA_FILE = Path(__file__).with_name("employer_words.yml")


@cache
def _employers() -> tuple[tuple[str, str], ...]:
    """(folded employer name, job word), longest names first."""
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or {}
    pairs = [(fold(name), word) for word, names in data.items() for name in names]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def job_word_for_employer(text: str) -> str | None:
    """The job word for the first known employer named in ``text``, or None."""
    plain = f" {fold(text)} "
    return next((word for name, word in _employers() if f" {name} " in plain), None)
