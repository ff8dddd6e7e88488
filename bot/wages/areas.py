"""Which OEWS area a Connecticut town lies in (town_areas.csv, with its sources).

``area_for_town("Shelton")`` -> "0047930" (Waterbury-Shelton); a town the table does
not know, or no town, gets the statewide area.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.geo import PlaceMatch, Town, town
from bot.wages.source import STATEWIDE

TOWN_AREAS_CSV = Path(__file__).with_name("town_areas.csv")


@dataclass(frozen=True)
class TownArea:
    """A town, its planning region and its OEWS area code."""

    town: str
    planning_region: str
    area_code: str


@cache
def town_areas() -> dict[str, TownArea]:
    """Every row of town_areas.csv by town name (lowercase)."""
    with TOWN_AREAS_CSV.open(newline="", encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        rows = [
            TownArea(row["town"].strip(), row["planning_region"].strip(), row["oews_area"].strip())
            for row in csv.DictReader(lines)
        ]
    return {row.town.lower(): row for row in rows}


def area_for_town(name: str | Town | None) -> str:
    """The OEWS area code of a town (its name or a :class:`bot.geo.Town`); the statewide
    area for an unknown town or none."""
    if isinstance(name, Town):
        name = name.name
    if not name:
        return STATEWIDE
    known = town(name)
    row = town_areas().get((known.name if known else name).strip().lower())
    return row.area_code if row else STATEWIDE


def area_for_place(place: PlaceMatch | None) -> str:
    """The OEWS area of a resolved place (``bot.geo.resolve``); the statewide area when
    the place was not found or is ambiguous."""
    if place is None or place.status != "found" or place.town is None:
        return STATEWIDE
    return area_for_town(place.town)
