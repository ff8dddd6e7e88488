"""Refining the last job search: "within 10 miles", "closer", "part time only",
"nights", "what about Vernon", "any warehouse ones?".

The last search lives in the conversation's slots (job word, town, radius, job
type); a refinement changes what it names and searches again with the same search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.dialogue import jobs
from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.jobs.search import DEFAULT_RADIUS_MILES, MAX_RADIUS_MILES
from bot.jobs.text import fold, split_job_type

NOTHING_TO_REFINE = "Search first, for example: jobs in Hartford"
NOT_UNDERSTOOD = (
    "I can change the last search: say a distance (within 10 miles, closer, farther), "
    "part time or full time, another town or another job."
)
MIN_RADIUS_MILES = 5.0
_MILES = re.compile(r"\b(\d{1,3})\s*(?:mi|mis|mile|miles|millas|milla)\b")
_CLOSER = re.compile(r"\b(closer|nearer|close by|nearby|less far|mas cerca)\b")
_FARTHER = re.compile(
    r"\b(farther|further|wider|expand|bigger area|more miles|further out|mas lejos)\b"
)
# Shifts are matched in job titles, as a job word ("Night Auditor").
_SHIFTS = {"night": re.compile(r"\b(nights?|overnights?|night shift|noche|nocturno)\b"),
           "weekend": re.compile(r"\b(weekends?|fin de semana|fines de semana)\b")}  # fmt: skip


@dataclass(frozen=True)
class Refinement:
    """What a follow-up changes in the last search (None: unchanged)."""

    radius: float | None = None
    job_type: str | None = None
    keyword: str | None = None
    place: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.radius or self.job_type or self.keyword or self.place)


def refinement_from(context: Context, radius_now: float) -> Refinement:
    """The changes ``context``'s message asks for, given the last search's radius."""
    text = fold(context.text)
    radius = None
    if match := _MILES.search(text):
        radius = float(match.group(1))
    elif _CLOSER.search(text):
        radius = max(MIN_RADIUS_MILES, radius_now / 2)
    elif _FARTHER.search(text):
        radius = min(MAX_RADIUS_MILES, radius_now * 2)
    _, job_type = split_job_type(text)
    keyword = context.entities.get("job_keyword")
    if keyword is None:
        keyword = next((word for word, pattern in _SHIFTS.items() if pattern.search(text)), None)
    if radius is not None:
        radius = min(max(radius, 1.0), MAX_RADIUS_MILES)
    return Refinement(radius, job_type, keyword, context.entities.get("location"))


def refine(session: Session, context: Context, now: datetime | None = None) -> Reply:
    """Search again with the last search changed as the person asks."""
    last_place = context.slot("location")
    if not last_place:
        return Reply([NOTHING_TO_REFINE])
    radius_now = float(context.slot("results_radius") or DEFAULT_RADIUS_MILES)
    change = refinement_from(context, radius_now)
    if change.empty:
        return Reply([NOT_UNDERSTOOD])
    return jobs.search(
        session,
        context,
        change.keyword or context.slot("job_keyword"),
        change.place or last_place,
        radius=change.radius or radius_now,
        now=now,
        job_type=change.job_type or context.slot("results_job_type"),
    )
