"""Reference data: the 169 Connecticut towns, their aliases and the CT ZIP codes."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import zipcodes

DATA_DIR = Path(__file__).resolve().parent
TOWNS_CSV = DATA_DIR / "towns.csv"
ALIASES_CSV = DATA_DIR / "aliases.csv"

ALIAS_KINDS = frozenset({"village", "postal", "alias"})

# USPS calls ZIP 06018 "Canaan" after the village of Canaan, which lies in the town of North
# Canaan; the town named Canaan is served by Falls Village (06031).
_ZIP_TOWN_OVERRIDES = {"06018": "North Canaan"}


@dataclass(frozen=True)
class Town:
    """One of Connecticut's 169 towns (cities count as towns)."""

    name: str
    county: str
    lat: float
    lon: float
    zips: tuple[str, ...]


@dataclass(frozen=True)
class ZipCode:
    """A Connecticut ZIP code and the town its postal city lies in."""

    code: str
    town: str
    postal_city: str
    lat: float | None
    lon: float | None
    kind: str


@dataclass(frozen=True)
class Alias:
    """A place name that is not a town (village, postal city, abbreviation) and its town."""

    name: str
    town: str
    kind: str


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.lstrip().startswith("#"))
        yield from csv.DictReader(lines)


@lru_cache(maxsize=1)
def aliases() -> tuple[Alias, ...]:
    """All aliases from ``aliases.csv``, in file order."""
    known = {row["name"] for row in _read_csv(TOWNS_CSV)}
    result = []
    for row in _read_csv(ALIASES_CSV):
        alias = Alias(row["name"].strip(), row["town"].strip(), row["kind"].strip())
        if alias.town not in known:
            raise ValueError(f"aliases.csv: {alias.name!r} maps to unknown town {alias.town!r}")
        if alias.kind not in ALIAS_KINDS:
            raise ValueError(f"aliases.csv: {alias.name!r} has unknown kind {alias.kind!r}")
        result.append(alias)
    return tuple(result)


def _postal_town(code: str, city: str, town_names: set[str], alias_towns: dict[str, str]) -> str:
    if code in _ZIP_TOWN_OVERRIDES:
        return _ZIP_TOWN_OVERRIDES[code]
    if city in town_names:
        return city
    try:
        return alias_towns[city.lower()]
    except KeyError:
        raise ValueError(f"CT ZIP {code}: postal city {city!r} maps to no town") from None


@lru_cache(maxsize=1)
def _zip_index() -> dict[str, ZipCode]:
    town_names = {row["name"] for row in _read_csv(TOWNS_CSV)}
    alias_towns = {a.name.lower(): a.town for a in aliases()}
    index = {}
    for record in zipcodes.filter_by(state="CT"):
        code = record["zip_code"]
        city = record["city"].title()
        kind = record["zip_code_type"]
        standard = kind == "STANDARD"
        index[code] = ZipCode(
            code=code,
            town=_postal_town(code, city, town_names, alias_towns),
            postal_city=city,
            lat=float(record["lat"]) if standard else None,
            lon=float(record["long"]) if standard else None,
            kind=kind,
        )
    return dict(sorted(index.items()))


@lru_cache(maxsize=1)
def _town_index() -> dict[str, Town]:
    zips_by_town: dict[str, list[str]] = {}
    for zc in _zip_index().values():
        zips_by_town.setdefault(zc.town, []).append(zc.code)
    index = {}
    for row in _read_csv(TOWNS_CSV):
        name = row["name"].strip()
        index[name.lower()] = Town(
            name=name,
            county=row["county"].strip(),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            zips=tuple(sorted(zips_by_town.get(name, ()))),
        )
    return dict(sorted(index.items()))


def towns() -> list[Town]:
    """The 169 Connecticut towns, sorted by name."""
    return list(_town_index().values())


def town(name: str) -> Town | None:
    """The town with canonical ``name`` (case-insensitive), or None."""
    return _town_index().get(" ".join(name.split()).lower())


def zip_code(code: str) -> ZipCode | None:
    """The Connecticut ZIP ``code`` ("06106"), or None for unknown and non-CT ZIPs."""
    return _zip_index().get(code.strip())
