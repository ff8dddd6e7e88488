"""The reply to a job search: short numbered lines that fit text messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from bot.jobs.format import summary_line
from bot.jobs.search import JobQuery, search_jobs

ASK_PLACE = "What town or ZIP code should I search near? For example: Hartford or 06106"


@dataclass
class JobSearchReply:
    """Messages to send, and the town the search used (to remember for the person)."""

    messages: list[str]
    town: str | None = None
    job_ids: list[int] = field(default_factory=list)


def job_search_reply(
    session: Session,
    keyword: str | None,
    place: str | None,
    page: int = 1,
    page_size: int = 3,
    now: datetime | None = None,
) -> JobSearchReply:
    """Search and word the answer; asks for a place when there is none or it is unclear."""
    if not place:
        return JobSearchReply([ASK_PLACE])
    result = search_jobs(
        session, JobQuery(keyword=keyword, place=place, page=page, page_size=page_size), now
    )
    if result.place_problem == "ambiguous":
        options = " or ".join(result.place.candidates)
        return JobSearchReply([f"Which town do you mean: {options}?"])
    if result.place_problem == "unknown":
        return JobSearchReply(
            [f'I couldn\'t find a Connecticut town called "{place}". ' + ASK_PLACE]
        )
    town = result.place.town.name
    what = f"{keyword} jobs" if keyword else "jobs"
    if not result.hits:
        return JobSearchReply([f"I found no {what} near {town} right now."], town=town)
    lines = [summary_line(i, hit, now) for i, hit in enumerate(result.hits, start=1)]
    return JobSearchReply(
        [f"Top {what} near {town}:", *lines],
        town=town,
        job_ids=[hit.id for hit in result.hits],
    )
