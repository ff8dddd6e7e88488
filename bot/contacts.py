"""Where the assistant sends people for what it cannot do itself (``contacts.yml``).

A bottom-floor module: the dialogue, the SMS keywords and the website all read the
same file. ``CONTACTS_FILE`` points at a staff-maintained copy instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot import geo
from bot.config import load_settings
from bot.i18n import DEFAULT_LANGUAGE, translator

SHIPPED = Path(__file__).resolve().parent / "contacts.yml"


@dataclass(frozen=True)
class JobCenter:
    """An American Job Center, with how to reach it."""

    name: str
    town: str
    reach: str


@lru_cache(maxsize=1)
def contacts() -> dict:
    """The configured contacts."""
    path = load_settings().contacts_file or SHIPPED
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def reach(*values: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    """The non-empty ways to get somewhere, in one phrase ("url or phone")."""
    return translator(language)(" or ").join(value for value in values if value)


def nearest_job_center(town: str | None) -> JobCenter | None:
    """The American Job Center nearest to ``town`` (a CT town name), or None when the
    town is unknown."""
    found = geo.town(town) if town else None
    if found is None:
        return None
    data = contacts()["job_centers"]
    ways = reach(data.get("directory_url"), data.get("phone"))

    def distance(center: dict) -> float:
        place = geo.town(center["town"])
        return geo.distance_miles(found.lat, found.lon, place.lat, place.lon)

    center = min(data["centers"], key=distance)
    return JobCenter(center["name"], center["town"], ways)


def job_center_directory() -> str:
    """How to find a job center when we do not know the person's town."""
    data = contacts()["job_centers"]
    return reach(data.get("directory_url"), data.get("phone"))
