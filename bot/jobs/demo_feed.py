"""Deterministic generator of a realistic Connecticut demo job feed (Indeed-style XML).

Run ``python -m bot.jobs.demo_feed --count 2500 --out var/demo_jobs.xml``. The same
``count``, ``today`` and ``seed`` always give byte-identical output. Industries, roles
and the (invented) employers come from ``demo_industries.yml``; towns and ZIP codes are
real (from the ``zipcodes`` package).
"""

from __future__ import annotations

import argparse
import random
import re
import time as timer
from bisect import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import zipcodes

from bot.clock import utcnow
from bot.jobs.demo_industries import DemoData, Industry, Role, load_demo_data

DEMO_URL = "https://jobs.example.org/demo/"
HISTORY_DAYS = 45
FEED_TAGS = (
    "title",
    "date",
    "referencenumber",
    "url",
    "company",
    "city",
    "state",
    "country",
    "postalcode",
    "description",
    "salary",
    "jobtype",
    "category",
    "expirationdate",
)

_SHIFT_SUFFIXES = (" - 1st Shift", " - 2nd Shift", " - 3rd Shift", " - Weekends")
_TIPPED = {"Server"}
_PAY_STEP = {"hour": 0.25, "day": 5.0, "week": 25.0, "month": 50.0, "year": 1000.0}


@dataclass(frozen=True)
class _Places:
    cities: tuple[str, ...]
    cum_weights: tuple[float, ...]
    zips: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _places() -> _Places:
    town_weights = load_demo_data().town_weights
    zips: dict[str, list[str]] = {}
    for entry in zipcodes.filter_by(state="CT"):
        if entry["zip_code_type"] == "STANDARD" and entry.get("active", True):
            zips.setdefault(entry["city"].title(), []).append(entry["zip_code"])
    cities = tuple(sorted(zips))
    cumulative, total = [], 0.0
    for city in cities:
        total += town_weights.get(city, len(zips[city]))
        cumulative.append(total)
    return _Places(cities, tuple(cumulative), {c: tuple(sorted(z)) for c, z in zips.items()})


class _Dice:
    """Fast draws from one seeded generator (``random.choice`` is slow for 100k jobs)."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed).random

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def pick(self, items: Sequence[Any]) -> Any:
        return items[int(self.random() * len(items))]

    def weighted(self, items: Sequence[Any], cum_weights: Sequence[float]) -> Any:
        last = len(items) - 1
        return items[bisect(cum_weights, self.random() * cum_weights[-1], 0, last)]


def generate_jobs(count: int, today: date, seed: int = 2026) -> list[dict[str, str]]:
    """``count`` demo postings as raw feed dicts (Indeed XML tag names -> text).

    Deterministic for a given ``count``, ``today`` and ``seed``; posting dates fall within
    the last 45 days up to ``today``, more recent ones being more likely.
    """
    data = load_demo_data()
    dice = _Dice(seed)
    places = _places()
    days = [_rfc822_day(today - timedelta(days=back)) for back in range(HISTORY_DAYS)]
    expiry = [(today + timedelta(days=ahead)).isoformat() for ahead in range(7, 61)]
    jobs = []
    for number in range(1, count + 1):
        industry = dice.weighted(data.industries, data.industry_cum_weights)
        city = dice.weighted(places.cities, places.cum_weights)
        job = _job(dice, data, number, industry, city, dice.pick(places.zips[city]))
        back = min(HISTORY_DAYS - 1, int(HISTORY_DAYS * dice.random() ** 1.8))
        hour = dice.pick(_HOURS if back else _EARLY_HOURS)
        job["date"] = f"{days[back]} {hour}:{dice.pick(_MINUTES)}:00 GMT"
        if dice.chance(0.35):
            job["expirationdate"] = dice.pick(expiry)
        jobs.append(job)
    return jobs


# Business hours (Eastern) as UTC; today's postings come from the overnight feed refresh
# so that none of them lies in the future.
_HOURS = tuple(f"{hour:02d}" for hour in range(11, 23))
_EARLY_HOURS = ("00", "01", "02", "03", "04", "05")
_MINUTES = tuple(f"{minute:02d}" for minute in range(0, 60, 5))
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _rfc822_day(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]}, {day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def _job(
    dice: _Dice, data: DemoData, number: int, industry: Industry, city: str, zip_code: str
) -> dict[str, str]:
    role = dice.pick(industry.roles)
    company = dice.pick(industry.employers)
    reference = f"DEMO-{number:06d}"
    title = role.title
    if industry.shifts and role.unit == "hour" and dice.chance(0.15):
        title += dice.pick(_SHIFT_SUFFIXES)
    job = {
        "title": title,
        "referencenumber": reference,
        "url": DEMO_URL + reference,
        "company": company,
        "city": city,
        "state": "CT",
        "country": "US",
        "postalcode": zip_code,
        "description": _description(dice, data, industry, role, company, city),
        "jobtype": _job_type(dice, data, industry, role),
        "category": industry.category,
    }
    if dice.chance(0.88):
        job["salary"] = _salary_text(dice, role)
    return job


def _job_type(dice: _Dice, data: DemoData, industry: Industry, role: Role) -> str:
    if role.unit == "year":
        return "Full-time" if dice.chance(0.93) else "Contract"
    return dice.weighted(*data.job_types_by_category[industry.category])


@cache
def _article(title: str) -> str:
    first = title.split()[0]
    if first.isupper() and len(first) > 1:
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if first[0] in "AEIOU" else "a"


def _description(
    dice: _Dice, data: DemoData, industry: Industry, role: Role, company: str, city: str
) -> str:
    article = _article(role.title)
    if dice.chance(0.7):
        sentences = [f"{company} is hiring {article} {role.title} in {city}."]
    else:
        sentences = [f"Join {company} in {city} as {article} {role.title}."]
    sentences.append(role.duty)
    if dice.chance(0.8):
        sentences.append(role.requirement or dice.pick(industry.requirements))
    if dice.chance(0.5):
        sentences.append(dice.pick(industry.extras + data.common_extras))
    return " ".join(sentences)


def _pay_range(dice: _Dice, role: Role) -> tuple[float, float]:
    step = _PAY_STEP[role.unit]
    span = role.high - role.low
    low = round((role.low + span * 0.6 * dice.random()) / step) * step
    high = round((low + span * (0.15 + 0.35 * dice.random())) / step) * step
    return low, max(low, min(role.high, high))


def _money(value: float) -> str:
    return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"


def _salary_text(dice: _Dice, role: Role) -> str:
    low, high = _pay_range(dice, role)
    pick = dice.random()
    if role.unit == "year":
        if pick < 0.25:
            text = f"{low / 1000:g}K-{high / 1000:g}K yearly"
        else:
            text = f"{_money(low)} - {_money(high)} {'a year' if pick < 0.7 else 'per year'}"
    elif role.unit == "hour":
        text = _hourly_text(pick, low, high)
    else:
        text = f"{_money(low)} - {_money(high)} {'per day' if role.unit == 'day' else 'weekly'}"
    return text + " plus tips" if role.title in _TIPPED else text


def _hourly_text(pick: float, low: float, high: float) -> str:
    if pick < 0.45:
        return f"{_money(low)} - {_money(high)} per hour"
    if pick < 0.65:
        return f"{_money(low)} - {_money(high)} an hour"
    if pick < 0.8:
        return f"{_money(low)}/hr"
    if pick < 0.9:
        return f"Up to {_money(high)} an hour"
    return f"{_money(low)} - {_money(high)} hourly"


# --- XML output -------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _cdata(value: Any) -> str:
    text = str(value)
    if not text.isprintable():
        text = _XML_INVALID.sub("", text)
    if "]]>" in text:
        text = text.replace("]]>", "]]]]><![CDATA[>")
    return f"<![CDATA[{text}]]>"


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_indeed_xml(
    jobs: Iterable[dict[str, Any]],
    path_or_file: str | Path | BinaryIO,
    *,
    publisher: str = "CT Back to Work demo feed",
    publisher_url: str = "https://jobs.example.org/demo",
) -> int:
    """Write ``jobs`` (raw feed dicts) as an Indeed-style UTF-8 XML feed; returns the count."""
    if isinstance(path_or_file, (str, Path)):
        with open(path_or_file, "wb") as handle:
            return _write_xml(jobs, handle, publisher, publisher_url)
    return _write_xml(jobs, path_or_file, publisher, publisher_url)


def _write_xml(jobs: Iterable[dict[str, Any]], out: BinaryIO, publisher: str, url: str) -> int:
    out.write(
        '<?xml version="1.0" encoding="utf-8"?>\n<source>\n'
        f"<publisher>{_xml_text(publisher)}</publisher>\n"
        f"<publisherurl>{_xml_text(url)}</publisherurl>\n".encode()
    )
    count = 0
    chunk: list[str] = []
    for job in jobs:
        chunk.append("<job>\n")
        for tag in FEED_TAGS:
            value = job.get(tag)
            if value is not None and value != "":
                chunk.append(f"<{tag}>{_cdata(value)}</{tag}>\n")
        chunk.append("</job>\n")
        count += 1
        if count % 1000 == 0:
            out.write("".join(chunk).encode())
            chunk.clear()
    out.write(("".join(chunk) + "</source>\n").encode())
    return count


# --- command line -----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: generate the demo feed and print a summary line."""
    args = _arguments().parse_args(argv)
    started = timer.perf_counter()
    jobs = generate_jobs(args.count, args.today, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_indeed_xml(jobs, args.out)
    towns = len({job["city"] for job in jobs})
    industries = len({job["category"] for job in jobs})
    print(
        f"demo_feed: wrote {len(jobs)} jobs in {towns} towns and {industries} industries "
        f"(today {args.today}, seed {args.seed}) to {args.out} "
        f"in {timer.perf_counter() - started:.1f}s"
    )
    return 0


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Generate the Connecticut demo job feed.")
    parser.add_argument("--count", type=int, default=2500, help="number of jobs (2500)")
    parser.add_argument("--out", type=Path, default=Path("var/demo_jobs.xml"), help="XML path")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=utcnow().date(),
        help="posting dates end on this day, YYYY-MM-DD (default: today)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
