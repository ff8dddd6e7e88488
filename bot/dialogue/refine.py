"""Refining the last job search: "within 10 miles", "closer", "part time only",
"nights", "what about Vernon", "any warehouse ones?".

The last search lives in the conversation's slots (job word, town, radius, job type,
shift, minimum pay); a refinement changes what it names and searches again with the
same search.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from bot.dialogue import jobs
from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.i18n import N_
from bot.jobs.search import MAX_RADIUS_MILES
from bot.text import fold

NOTHING_TO_REFINE = N_("Search first, for example: jobs in Hartford")
NOT_UNDERSTOOD = N_(
    "I can change the last search: say a distance (within 10 miles, closer, farther), "
    "part time or full time, another town or another job."
)
MIN_RADIUS_MILES = 5.0
_CLOSER = re.compile(r"\b(closer|nearer|close by|nearby|less far|mas cerca)\b")
_FARTHER = re.compile(
    r"\b(farther|further|wider|expand|bigger area|more miles|further out|mas lejos)\b"
)


def _relative_radius(text: str, radius_now: float) -> float | None:
    """Closer (half the distance) or farther (double); None when ``text`` says neither."""
    if _CLOSER.search(text):
        return max(MIN_RADIUS_MILES, radius_now / 2)
    if _FARTHER.search(text):
        return min(MAX_RADIUS_MILES, radius_now * 2)
    return None


def refine(session: Session, context: Context, now: datetime | None = None) -> Reply:
    """Search again with the last search changed as the person asks: what the message
    names (distance, job type, shift, pay, job word, town) replaces the last search's."""
    _ = context.translate
    last_place = context.slot("location")
    if not last_place:
        return Reply([_(NOTHING_TO_REFINE)])
    last = jobs.last_request(context)
    text = fold(context.text)
    # "closer" and "farther" are about distance, never job words.
    said = jobs.request_in(context, _FARTHER.sub(" ", _CLOSER.sub(" ", text)))
    radius_now = last.radius_miles or jobs.default_radius()
    radius = said.radius_miles or _relative_radius(text, radius_now)
    place = context.entities.get("location") or said.zip_code
    changed = any((radius, said.job_type, said.shift, said.min_hourly_pay, said.keyword, place))
    if not changed:
        return Reply([_(NOT_UNDERSTOOD)])
    request = replace(jobs.combined(last, said), radius_miles=radius or radius_now)
    return jobs.search(session, context, request, place or last_place, now=now)
