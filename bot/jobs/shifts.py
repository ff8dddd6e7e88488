"""Work shifts (day, evening, night, weekend) named in searches and in job postings.

A posting is indexed under a tag per shift its title or description names, and each
of its other index terms again within that shift ("#night:cashier"), so a search for
night work, with or without a job word, reads lists of the job index that hold only
night jobs: it stays as quick as any other search however rare the shift (see
bot.jobs.candidates). The words for each shift are in search_words.yml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.jobs.search_words import search_words
from bot.jobs.text import MAX_TERM_LENGTH, TAG_PREFIX
from bot.text import fold

SHIFTS = ("day", "evening", "night", "weekend")
# A negation reaches to the end of its sentence at most ("No weekends. Day shift.").
_SENTENCE_END = re.compile(r"[.!?;\n]+")


@dataclass(frozen=True)
class ShiftMention:
    """Words ``start``..``end`` (exclusive) of a text name ``shift``; ``negated`` when
    the text says it is not that shift ("no weekends")."""

    start: int
    end: int
    shift: str
    negated: bool


def shift_tag(shift: str) -> str:
    """The job index term of jobs that name ``shift`` (one of :data:`SHIFTS`)."""
    _check(shift)
    return f"{TAG_PREFIX}shift:{shift}"


def term_in_shift(term: str, shift: str) -> str:
    """The job index term of jobs indexed under ``term`` that name ``shift``."""
    _check(shift)
    return f"{TAG_PREFIX}{shift}:{term}"[:MAX_TERM_LENGTH]


def _check(shift: str) -> None:
    if shift not in SHIFTS:
        raise ValueError(f"shift must be one of {', '.join(SHIFTS)}")


def _list_ends_in_shift_noun(text_words: Sequence[str], start: int) -> bool:
    """Whether a shift noun follows ``start``, past other shifts and "and"/"or"."""
    vocab = search_words()
    position = start
    while position < len(text_words):
        word = text_words[position]
        if word in vocab.shift_nouns:
            return True
        found = vocab.shift_alone.match_at(text_words, position) or vocab.shift_listed.match_at(
            text_words, position
        )
        if found:
            position += found[0]
        elif word in vocab.connectors:
            position += 1
        else:
            return False
    return False


def find_shifts(text_words: Sequence[str]) -> list[ShiftMention]:
    """Every shift named in ``text_words`` (folded words), in order.

    "nights", "3rd shift", "overnight" name a shift on their own; "day", "1st" only in a
    list that ends in "shift(s)" ("day, evening and night shifts"). A shift right after
    a number is a duration ("3 days"), not a shift. "no", "not", "home"... up to two
    words before negate it, and the shifts listed after it ("no nights or weekends").
    """
    vocab = search_words()
    mentions: list[ShiftMention] = []
    position = 0
    while position < len(text_words):
        found = vocab.shift_alone.match_at(text_words, position)
        listed = False
        if found is None:
            found = vocab.shift_listed.match_at(text_words, position)
            listed = found is not None
        if found is None or (position and text_words[position - 1].isdigit()):
            position += 1
            continue
        length, shift = found
        end = position + length
        if listed and not _list_ends_in_shift_noun(text_words, end):
            position += 1
            continue
        if end < len(text_words) and text_words[end] in vocab.shift_nouns:
            end += 1
        negated = _negated(text_words, position, mentions)
        mentions.append(ShiftMention(position, end, shift, negated))
        position = end
    return mentions


def _negated(text_words: Sequence[str], start: int, earlier: list[ShiftMention]) -> bool:
    vocab = search_words()
    if any(word in vocab.shift_negations for word in text_words[max(start - 2, 0) : start]):
        return True
    if earlier and earlier[-1].negated:
        between = text_words[earlier[-1].end : start]
        return all(word in vocab.connectors for word in between)
    return False


def job_shifts(title: str, description: str | None) -> set[str]:
    """The shifts a posting's title or description offers ("Cashier - Weekends",
    "1st, 2nd and 3rd shifts available"), leaving out those it rules out."""
    found: set[str] = set()
    for sentence in [title, *_SENTENCE_END.split(description or "")]:
        found.update(m.shift for m in find_shifts(fold(sentence).split()) if not m.negated)
    return found


def shift_terms(
    terms: Mapping[str, float], title: str, description: str | None
) -> dict[str, float]:
    """Job index terms for the shifts a posting offers, given its other ``terms``: a
    tag per shift, all of one weight (a shift's list is newest first), and each term
    within each shift, of the term's weight."""
    found: dict[str, float] = {}
    for shift in sorted(job_shifts(title, description)):
        found[shift_tag(shift)] = 1.0
        for term, weight in terms.items():
            found[term_in_shift(term, shift)] = weight
    return found
