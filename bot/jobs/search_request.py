"""What a job search message asks for, in any order: the job words, job type, shift,
minimum pay and distance.

"part time cna jobs in Hartford", "cna part time hartford", "night shift jobs in
waterbury", "warehouse jobs that pay 20+", "within 15 mi of 06066". The place is not
read here: the caller has it (the language model's location) and passes it so that its
words are not taken for job words. A distance or ZIP code is never a job word.
The vocabulary is in search_words.yml.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.jobs.job_types import job_type_spans
from bot.jobs.salary import hourly, parse_salary
from bot.jobs.search import (
    DEFAULT_RADIUS_MILES,
    MAX_HOURLY_PAY,
    MAX_RADIUS_MILES,
    JobQuery,
)
from bot.jobs.search_words import PhraseTable, search_words
from bot.jobs.shifts import find_shifts
from bot.jobs.text import STOPWORDS, stem, synonym_groups
from bot.text import to_ascii

MIN_HOURLY_PAY = 1.0
# Thousands ("45k") read as pay without other sign only in this range: "401k" is not pay.
_SALARY_K_RANGE = (10_000, 300_000)
_TOKEN = re.compile(
    r"(?P<ordinal>\d+(?:st|nd|rd|th))(?![a-z])"
    r"|(?P<dollar>\$\s*)?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<k>k(?![a-z]))?(?P<plus>\+)?"
    r"|(?P<word>[a-z]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SearchRequest:
    """What a message asks of a job search; None where it says nothing.

    ``keyword``: the job words, lowercase ("cna", "cashier or retail", "medical
    assistant" for "MA"); ``job_type``: one of bot.jobs.job_types.JOB_TYPES; ``shift``:
    one of bot.jobs.shifts.SHIFTS; ``min_hourly_pay``: dollars an hour (a yearly,
    weekly... amount converted as bot.jobs.salary does); ``radius_miles``: between 1
    and the search's maximum; ``zip_code``: a ZIP code the message names.
    """

    keyword: str | None = None
    job_type: str | None = None
    shift: str | None = None
    min_hourly_pay: float | None = None
    radius_miles: float | None = None
    zip_code: str | None = None

    def job_query(
        self, place: str | None = None, default_radius: float = DEFAULT_RADIUS_MILES, **more
    ) -> JobQuery:
        """The search for this request around ``place`` (else the ZIP code it names),
        within ``default_radius`` unless it names a distance; ``more`` sets other
        JobQuery fields (page, page_size...)."""
        return JobQuery(
            keyword=self.keyword,
            place=place or self.zip_code,
            radius_miles=self.radius_miles or default_radius,
            job_type=self.job_type,
            shift=self.shift,
            min_hourly_pay=self.min_hourly_pay,
            **more,
        )


def read_search_request(
    message: str, keyword: str | None = None, place: str | None = None
) -> SearchRequest:
    """What ``message`` asks of a job search.

    ``keyword`` is the job word the language model found, if any: used when something
    is left of it once type, shift, pay and filler words are taken out (the model may
    hand over "part time" or a town); otherwise the job words are what is left of the
    message. ``place`` is the place the caller will search: its words are not job words.
    """
    said = _Reading(message, place, ambiguous_are_jobs=False)
    given = _Reading(keyword or "", place, ambiguous_are_jobs=True)
    return SearchRequest(
        keyword=given.keyword or said.keyword,
        job_type=said.job_type or given.job_type,
        shift=said.shift or given.shift,
        min_hourly_pay=said.min_hourly_pay,
        radius_miles=said.radius_miles,
        zip_code=said.zip_code,
    )


@dataclass
class _Token:
    text: str  # lowercase; a number without its "$", "k" or "+"
    start: int
    end: int
    kind: str  # word, number or ordinal
    capitals: bool = False
    value: float = 0.0
    dollar: bool = False
    thousands: bool = False


def _plain(text: str) -> str:
    """``text`` in ASCII with its case, without apostrophes ("don’t" -> "dont")."""
    return to_ascii(text).replace("'", "")


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        if match.group("number"):
            digits = match.group("number").replace(",", "")
            value = float(digits) * (1000 if match.group("k") else 1)
            tokens.append(
                _Token(
                    digits,
                    match.start(),
                    match.end(),
                    "number",
                    value=value,
                    dollar=bool(match.group("dollar")),
                    thousands=bool(match.group("k")),
                )
            )
        else:
            kind = "ordinal" if match.group("ordinal") else "word"
            word = match.group(kind)
            tokens.append(_Token(word.lower(), match.start(), match.end(), kind, word.isupper()))
    return tokens


@lru_cache(maxsize=1)
def _job_phrases() -> PhraseTable[None]:
    """Job phrases of several words from the synonym groups ("help desk"): never filler."""
    return PhraseTable(
        dict.fromkeys(p for group in synonym_groups() for p in group.phrases if len(p) > 1)
    )


@dataclass
class _Reading:
    """One pass over a text: each step marks the tokens it understood as used."""

    text: str
    place: str | None
    ambiguous_are_jobs: bool
    keyword: str | None = None
    job_type: str | None = None
    shift: str | None = None
    min_hourly_pay: float | None = None
    radius_miles: float | None = None
    zip_code: str | None = None
    tokens: list[_Token] = field(default_factory=list)
    used: list[bool] = field(default_factory=list)
    job_words: dict[int, str] = field(default_factory=dict)
    all_capitals: bool = False

    def __post_init__(self) -> None:
        plain = _plain(self.text)
        self.all_capitals = not any(char.islower() for char in plain)
        self.tokens = _tokens(plain)
        self.used = [False] * len(self.tokens)
        self._protect_job_phrases()
        self._drop_filler_phrases()
        self._read_radius()
        self._read_pay(plain.lower())
        self._read_zip_code()
        self._drop_place()
        self._read_job_type(plain.lower())
        self._read_shift()
        self._read_ambiguous_job_words()
        self._drop_filler_words()
        self.keyword = self._leftover_job_words()

    # Helpers

    def _words(self) -> list[str]:
        return [token.text for token in self.tokens]

    def _free(self, index: int) -> bool:
        return 0 <= index < len(self.tokens) and not self.used[index]

    def _use(self, start: int, end: int) -> None:
        for index in range(start, end):
            if index not in self.job_words:
                self.used[index] = True

    def _free_word_in(self, index: int, vocabulary: frozenset[str]) -> bool:
        return self._free(index) and self.tokens[index].text in vocabulary

    # Steps, in order

    def _protect_job_phrases(self) -> None:
        text_words = [stem(word) for word in self._words()]
        for start in range(len(text_words)):
            found = _job_phrases().match_at(text_words, start)
            if found:
                for index in range(start, start + found[0]):
                    self.job_words[index] = self.tokens[index].text

    def _drop_filler_phrases(self) -> None:
        text_words = self._words()
        for start in range(len(text_words)):
            found = search_words().filler_phrases.match_at(text_words, start)
            if found and all(self._free(i) for i in range(start, start + found[0])):
                self._use(start, start + found[0])

    def _drop_place(self) -> None:
        if not self.place:
            return
        place_words = [token.text for token in _tokens(_plain(self.place))]
        if not place_words:
            return
        text_words = self._words()
        size = len(place_words)
        starts = [i for i in range(len(text_words)) if text_words[i : i + size] == place_words]
        for start in starts:
            self._use(start, start + size)
        if not starts:
            for index, word in enumerate(text_words):
                if word in place_words:
                    self._use(index, index + 1)

    def _read_radius(self) -> None:
        vocab = search_words()
        for index, token in enumerate(self.tokens):
            if not self._is_small_number(index):
                continue
            if self._free_word_in(index + 1, vocab.radius_units):
                end = index + 2
            elif self._after_radius_cue(index):
                end = index + 1
            else:
                continue
            start = index
            while self._free_word_in(start - 1, vocab.radius_before):
                start -= 1
            while self._free_word_in(end, vocab.radius_after):
                end += 1
            self._use(start, end)
            if self.radius_miles is None:
                self.radius_miles = min(max(token.value, 1.0), MAX_RADIUS_MILES)

    def _is_small_number(self, index: int) -> bool:
        token = self.tokens[index]
        return (
            self._free(index)
            and token.kind == "number"
            and not (token.dollar or token.thousands)
            and len(token.text.split(".")[0]) <= 3
        )

    def _after_radius_cue(self, index: int) -> bool:
        vocab = search_words()
        back = index - 1
        while back >= index - 2 and self._free_word_in(back, frozenset({"of", "a"})):
            back -= 1
        if not self._free_word_in(back, vocab.radius_cues):
            return False
        return not self._free_word_in(index + 1, vocab.pay_units)

    def _read_pay(self, lowered: str) -> None:
        vocab = search_words()
        for index, token in enumerate(self.tokens):
            if not (self._free(index) and token.kind == "number"):
                continue
            end = index + 1
            if self._free(end) and self.tokens[end].text == "to":
                end += 1
            if end < len(self.tokens) and self._free(end) and self.tokens[end].kind == "number":
                end += 1  # a range: "20-25 an hour", "20 to 25"
            else:
                end = index + 1
            unit_end = end
            while self._free_word_in(unit_end, vocab.pay_units | vocab.pay_articles):
                unit_end += 1
            while unit_end > end and self.tokens[unit_end - 1].text in vocab.pay_articles:
                unit_end -= 1
            start = index
            while self._free_word_in(start - 1, vocab.pay_bounds):
                start -= 1
            cue = self._free_word_in(start - 1, vocab.pay_cues)
            low, high = _SALARY_K_RANGE
            if not (
                token.dollar
                or cue
                or unit_end > end
                or (token.thousands and low <= token.value <= high)
            ):
                continue
            if cue:
                start -= 1
            self._use(start, unit_end)
            span = lowered[self.tokens[start].start : self.tokens[unit_end - 1].end]
            amount_low, amount_high, unit = parse_salary(span)
            pay = hourly(amount_low if amount_low is not None else amount_high, unit)
            if self.min_hourly_pay is None and pay and MIN_HOURLY_PAY <= pay <= MAX_HOURLY_PAY:
                # Rounded down to the cent, so "$45k a year" still finds a $45,000 job.
                self.min_hourly_pay = math.floor(pay * 100) / 100

    def _read_zip_code(self) -> None:
        for index, token in enumerate(self.tokens):
            if self._free(index) and token.kind == "number" and re.fullmatch(r"\d{5}", token.text):
                self._use(index, index + 1)
                self.zip_code = self.zip_code or token.text

    def _read_job_type(self, lowered: str) -> None:
        for start, end, job_type in job_type_spans(lowered):
            covered = [
                index
                for index, token in enumerate(self.tokens)
                if token.start < end and token.end > start and self._free(index)
            ]
            if covered:
                self._use(covered[0], covered[-1] + 1)
                self.job_type = self.job_type or job_type

    def _read_shift(self) -> None:
        for mention in find_shifts(self._words()):
            if all(self._free(i) for i in range(mention.start, mention.end)):
                self._use(mention.start, mention.end)
                if not mention.negated and self.shift is None:
                    self.shift = mention.shift

    def _read_ambiguous_job_words(self) -> None:
        vocab = search_words()
        for index, token in enumerate(self.tokens):
            meaning = vocab.ambiguous_job_words.get(token.text)
            if meaning is None or not self._free(index):
                continue
            followed_by_job_noun = index + 1 < len(self.tokens) and (
                self.tokens[index + 1].text in vocab.job_nouns
            )
            # Capitals mean "IT" only in a message that is not all capitals.
            capitals = token.capitals and not self.all_capitals
            if self.ambiguous_are_jobs or capitals or followed_by_job_noun:
                self.job_words[index] = meaning
            else:
                self._use(index, index + 1)  # "is it", "thanks ma"

    def _drop_filler_words(self) -> None:
        filler = search_words().filler_words | STOPWORDS
        for index, token in enumerate(self.tokens):
            if token.text in filler or stem(token.text) in filler:
                self._use(index, index + 1)

    def _leftover_job_words(self) -> str | None:
        connectors = search_words().connectors
        kept = [
            self._free(i) and t.kind == "word" and len(t.text) > 1 and t.text not in connectors
            for i, t in enumerate(self.tokens)
        ]
        words: list[str] = []
        for index, token in enumerate(self.tokens):
            if kept[index]:
                words.append(self.job_words.get(index, token.text))
            elif (
                token.text in connectors
                and 0 < index < len(self.tokens) - 1
                and kept[index - 1]
                and kept[index + 1]
            ):
                words.append(token.text)  # "cashier or retail"
        return " ".join(words) or None
