"""Job types ("Full-time", "PART_TIME", "per diem"...) normalized to one fixed set."""

from __future__ import annotations

import re
from typing import Any

JOB_TYPES = ("full_time", "part_time", "contract", "temporary", "internship", "per_diem")

_JOB_TYPE = re.compile(
    r"(?P<per_diem>\bper\s*diem\b|\bprn\b)"
    r"|(?P<internship>\bintern(?:ship)?s?\b)"
    r"|(?P<temporary>\btemp(?:orary)?\b|\bseasonal\b)"
    r"|(?P<contract>\bcontract(?:or)?\b|\bfreelance\b|\b1099\b)"
    r"|(?P<part_time>\bpart\s*time\b|\bpt\b)"
    r"|(?P<full_time>\bfull\s*time\b|\bft\b)",
    re.IGNORECASE,
)


def job_type_spans(text: str) -> list[tuple[int, int, str]]:
    """Every job type named in ``text``, in order: (start, end, one of :data:`JOB_TYPES`).

    "part-time", "PART_TIME" and "part/time" count; positions are those in ``text``.
    """
    spaced = text.replace("-", " ").replace("_", " ").replace("/", " ")
    return [(m.start(), m.end(), m.lastgroup) for m in _JOB_TYPE.finditer(spaced)]


def normalize_job_type(value: Any) -> str | None:
    """One of :data:`JOB_TYPES` from "Full-time", "FULL_TIME", ["PART_TIME"]...; else None.

    When several types are named ("Full-time, Part-time") the first one wins.
    """
    if isinstance(value, (list, tuple)):
        return next((kind for item in value if (kind := normalize_job_type(item))), None)
    if not isinstance(value, str):
        return None
    spans = job_type_spans(value)
    return spans[0][2] if spans else None
