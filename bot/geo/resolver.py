"""Free text ("near W Hartford, CT", "06268", "Storrs") to a Connecticut town.

Matching runs in stages, the first that answers wins: ZIP code, exact name, a name quoted
inside a longer phrase, a whole-word part of names ("Haven"), then typo-tolerant fuzzy match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.geo.places import Town, aliases, town, towns, zip_code
from bot.text import drop_apostrophes, fold

MAX_INPUT_CHARS = 500
FUZZY_CUTOFF = 85.0
FUZZY_MARGIN = 3.0
MIN_FUZZY_CHARS = 4
MAX_FUZZY_CHARS = 64
MIN_PARTIAL_CHARS = 4
MIN_PARTIAL_UNIQUE_CHARS = 5
MAX_CANDIDATES = 6

_ZIP_RE = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?(?!\d)")

_DIRECTIONS = {
    "w": "west",
    "wst": "west",
    "e": "east",
    "n": "north",
    "no": "north",
    "s": "south",
    "so": "south",
}
_ANYWHERE = {"ctr": "center", "mt": "mount"}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_LEADING_FILLER = _word_set(
    "in near around at by from to the of close closest nearby i im am live living located "
    "based out outside zip zipcode code town city"
)
_TRAILING_FILLER = _word_set("ct conn connecticut usa us please pls plz thanks thank you me state")
_GENERIC_EDGE = _word_set(
    "downtown uptown greater area region county section center centre village borough city "
    "town of the"
)
# Name parts too generic to point at a place on their own.
_GENERIC_PARTS = _word_set(
    "new old east west north south center mount city town village depot valley falls river "
    "brook creek hill hills lake ridge bridge springs point beach farms farm corner neck park "
    "heights glen rock station dale meadow ferry central middle"
)


@dataclass(frozen=True)
class PlaceMatch:
    """The outcome of :func:`resolve`."""

    status: str
    town: Town | None
    matched: str | None
    lat: float | None
    lon: float | None
    candidates: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class _Name:
    label: str
    town: str
    kind: str


@dataclass(frozen=True)
class _Index:
    exact: dict[str, _Name]
    parts: dict[str, tuple[_Name, ...]]
    fuzzy_keys: tuple[str, ...]
    max_words: int


def _tokens(text: str) -> list[str]:
    words = fold(drop_apostrophes(text)).split()
    out = []
    for i, word in enumerate(words):
        if word in _ANYWHERE:
            word = _ANYWHERE[word]
        elif word in _DIRECTIONS and i + 1 < len(words) and words[i + 1].isalpha():
            word = _DIRECTIONS[word]
        out.append(word)
    return out


@lru_cache(maxsize=1)
def _index() -> _Index:
    names = [_Name(t.name, t.name, "town") for t in towns()]
    names += [_Name(a.name, a.town, a.kind) for a in aliases()]
    exact: dict[str, _Name] = {}
    for name in names:
        exact.setdefault(" ".join(_tokens(name.label)), name)
    for name in names:
        exact.setdefault("".join(_tokens(name.label)), name)
    parts: dict[str, list[_Name]] = {}
    for name in names:
        words = _tokens(name.label)
        for size in range(1, len(words) + 1):
            for start in range(len(words) - size + 1):
                piece = words[start : start + size]
                if all(w in _GENERIC_PARTS for w in piece):
                    continue
                parts.setdefault(" ".join(piece), []).append(name)
    return _Index(
        exact=exact,
        parts={k: tuple(v) for k, v in parts.items()},
        fuzzy_keys=tuple(
            k for k, n in exact.items() if len(k) >= MIN_FUZZY_CHARS and n.kind != "alias"
        ),
        max_words=max(len(k.split()) for k in exact),
    )


def _place_words(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and words[start] in _LEADING_FILLER:
        start += 1
    while end > start and words[end - 1] in _TRAILING_FILLER:
        end -= 1
    return words[start:end]


def _strip_generic(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and words[start] in _GENERIC_EDGE:
        start += 1
    while end > start and words[end - 1] in _GENERIC_EDGE:
        end -= 1
    return words[start:end]


def _found(name: _Name) -> PlaceMatch:
    t = town(name.town)
    assert t is not None
    return PlaceMatch("found", t, name.label, t.lat, t.lon)


def _ambiguous(town_names: set[str]) -> PlaceMatch | None:
    if len(town_names) > MAX_CANDIDATES:
        return None
    return PlaceMatch("ambiguous", None, None, None, None, tuple(sorted(town_names)))


def _none(reason: str) -> PlaceMatch:
    return PlaceMatch("none", None, None, None, None, reason=reason)


def _by_zip(text: str) -> PlaceMatch | None:
    codes = _ZIP_RE.findall(text)
    for code in codes:
        zc = zip_code(code)
        if zc is not None:
            t = town(zc.town)
            assert t is not None
            if zc.lat is not None and zc.lon is not None:
                return PlaceMatch("found", t, zc.code, zc.lat, zc.lon)
            return PlaceMatch("found", t, zc.code, t.lat, t.lon)
    return _none("not_ct_zip") if codes else None


def _exact(phrases: list[str], index: _Index) -> PlaceMatch | None:
    for phrase in phrases:
        for key in (phrase, phrase.replace(" ", "")):
            if key in index.exact:
                return _found(index.exact[key])
    return None


def _first_of(
    stage: Callable[[str, _Index], PlaceMatch | None], phrases: list[str], index: _Index
) -> PlaceMatch | None:
    for phrase in phrases:
        result = stage(phrase, index)
        if result is not None:
            return result
    return None


def _scan(words: list[str], index: _Index) -> PlaceMatch | None:
    hits: dict[str, _Name] = {}
    i = 0
    while i < len(words):
        for size in range(min(index.max_words, len(words) - i), 0, -1):
            name = index.exact.get(" ".join(words[i : i + size]))
            if name is not None:
                hits.setdefault(name.town, name)
                i += size
                break
        else:
            i += 1
    if len(hits) == 1:
        return _found(next(iter(hits.values())))
    if hits:
        return _ambiguous(set(hits))
    return None


def _partial(phrase: str, index: _Index) -> PlaceMatch | None:
    names = index.parts.get(phrase)
    if not names or len(phrase.replace(" ", "")) < MIN_PARTIAL_CHARS:
        return None
    town_names = {n.town for n in names}
    if len(town_names) > 1:
        return _ambiguous(town_names)
    # One name: only trust it for a distinctive part of a town or postal name ("Saybrook"),
    # not for a village whose name starts with an everyday word ("Warehouse Point").
    official = [n for n in names if n.kind in ("town", "postal")]
    if not official or len(phrase.replace(" ", "")) < MIN_PARTIAL_UNIQUE_CHARS:
        return None
    return _found(min(official, key=lambda n: len(n.label)))


def _fuzzy(phrase: str, index: _Index) -> PlaceMatch | None:
    if not MIN_FUZZY_CHARS <= len(phrase) <= MAX_FUZZY_CHARS:
        return None
    scored = process.extract(
        phrase, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=12
    )
    best: dict[str, tuple[float, _Name]] = {}
    for key, score, _ in scored:
        name = index.exact[key]
        if name.town not in best or score > best[name.town][0]:
            best[name.town] = (score, name)
    if not best:
        return None
    ranked = sorted(best.values(), key=lambda pair: -pair[0])
    top_score = ranked[0][0]
    close = {name.town for score, name in ranked if top_score - score <= FUZZY_MARGIN}
    if len(close) > 1:
        return _ambiguous(close)
    return _found(ranked[0][1])


def resolve(text: str) -> PlaceMatch:
    """Resolve a place phrase (town, village, ZIP, typo, abbreviation) to a Connecticut town.

    Returns status "found" with the town and the point to measure from, "ambiguous" with the
    candidate town names, or "none" with reason "empty", "not_ct_zip" or "unknown".
    """
    if not text or not text.strip():
        return _none("empty")
    text = text[:MAX_INPUT_CHARS]
    by_zip = _by_zip(text)
    if by_zip is not None:
        return by_zip

    index = _index()
    words = _place_words(_tokens(text))
    if not words:
        return _none("unknown")
    phrases = [" ".join(words)]
    stripped = " ".join(_strip_generic(words))
    if stripped and stripped != phrases[0]:
        phrases.append(stripped)

    result = (
        _exact(phrases, index)
        or _scan(words, index)
        or _first_of(_partial, phrases, index)
        or _first_of(_fuzzy, phrases, index)
    )
    return result or _none("unknown")
