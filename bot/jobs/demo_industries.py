"""Reference data for the demo job feed, read once from ``demo_industries.yml``.

Industries with their employers, roles (pay band, duty and requirement sentences) and
job-type mix, the closing sentences any job may use, and the hand-set town weights.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).with_name("demo_industries.yml")

# libyaml's loader reads the file about ten times faster than the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Labels and their cumulative weights, ready for a weighted draw.
WeightedLabels = tuple[tuple[str, ...], tuple[float, ...]]


@dataclass(frozen=True)
class Role:
    """A job title with its pay band, a duty sentence and an optional requirement."""

    title: str
    low: float
    high: float
    unit: str
    duty: str
    requirement: str = ""


@dataclass(frozen=True)
class Industry:
    """A feed category: its employers, roles, job-type mix and extra sentences."""

    category: str
    weight: int
    employers: tuple[str, ...]
    roles: tuple[Role, ...]
    job_types: tuple[tuple[str, int], ...]
    requirements: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()
    shifts: bool = False


@dataclass(frozen=True)
class DemoData:
    """Everything in ``demo_industries.yml``, plus the cumulative weights used to draw."""

    industries: tuple[Industry, ...]
    industry_cum_weights: tuple[float, ...]
    job_types_by_category: dict[str, WeightedLabels]
    common_extras: tuple[str, ...]
    town_weights: dict[str, int]


@lru_cache(maxsize=1)
def load_demo_data() -> DemoData:
    """Read ``demo_industries.yml`` (once per process) into :class:`Industry` records."""
    data = yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    industries = tuple(_industry(entry) for entry in data["industries"])
    return DemoData(
        industries=industries,
        industry_cum_weights=_cumulative(industry.weight for industry in industries),
        job_types_by_category={
            industry.category: (
                tuple(label for label, _ in industry.job_types),
                _cumulative(share for _, share in industry.job_types),
            )
            for industry in industries
        },
        common_extras=tuple(data["common_extras"]),
        town_weights=dict(data["town_weights"]),
    )


def _cumulative(weights: Iterable[float]) -> tuple[float, ...]:
    return tuple(accumulate(weights))


def _industry(entry: dict[str, Any]) -> Industry:
    return Industry(
        category=entry["category"],
        weight=entry["weight"],
        employers=tuple(entry["employers"]),
        roles=tuple(_role(role) for role in entry["roles"]),
        job_types=tuple(entry["job_types"].items()),
        requirements=tuple(entry.get("requirements", ())),
        extras=tuple(entry.get("extras", ())),
        shifts=entry.get("shifts", False),
    )


def _role(entry: dict[str, Any]) -> Role:
    pay = entry["pay"]
    return Role(
        title=entry["title"],
        low=float(pay["low"]),
        high=float(pay["high"]),
        unit=pay["unit"],
        duty=entry["duty"],
        requirement=entry.get("requirement", ""),
    )
