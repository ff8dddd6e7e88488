"""The job search people make, the same on every channel: the assistant, the job
board and the JSON API.

Nothing found nearby widens the radius to ``WIDER_RADIUS_MILES``; the first page of
every search is logged under its channel (the staff dashboard's "searches that found
nothing"); a search that still finds nothing offers related words. Channels only
word the :class:`SearchResult`. The ranking itself is bot.jobs.search.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from bot.jobs.search import JobPage, JobQuery, search_jobs
from bot.jobs.search_log import log_search
from bot.jobs.text import synonym_groups, words

WIDER_RADIUS_MILES = 50.0
RELATED_WORDS = 3


@dataclass(frozen=True)
class SearchResult:
    """What was searched and what to show.

    ``page`` holds the jobs to show: those within ``radius_miles``, which is
    ``WIDER_RADIUS_MILES`` when ``widened`` (nothing was within ``query.radius_miles``).
    ``related_words`` are other words for the same work, offered when nothing was found.
    """

    query: JobQuery
    page: JobPage
    radius_miles: float
    widened: bool = False
    related_words: tuple[str, ...] = ()

    @property
    def town(self) -> str | None:
        """The town searched around, when the place was understood."""
        place = self.page.place
        return place.town.name if place is not None and place.status == "found" else None


def related_words(keyword: str | None) -> tuple[str, ...]:
    """Other ways to say ``keyword`` from the synonym list ("cna": "nurse aide"...)."""
    if not keyword:
        return ()
    query_words = tuple(words(keyword))
    for group in synonym_groups():
        if query_words in group.phrases:
            others = [" ".join(phrase) for phrase in group.phrases if phrase != query_words]
            return tuple(others[:RELATED_WORDS])
    return ()


def find_jobs(
    session: Session,
    query: JobQuery,
    channel: str,
    now: datetime | None = None,
    last_page_when_past_end: bool = False,
    count_up_to: int | None = None,
) -> SearchResult:
    """Search for ``query`` as a person on ``channel`` (bot.jobs.search_log) asked.

    A page past the end of the results is empty, or with ``last_page_when_past_end``
    the last page that has results (``result.page.page`` says which). ``count_up_to``
    asks for the number of matching jobs as well (bot.jobs.search.search_jobs)."""
    page = search_jobs(session, query, now, count_up_to)
    if page.last_page and last_page_when_past_end:
        page = search_jobs(session, replace(query, page=page.last_page), now, count_up_to)
    result = SearchResult(query, page, query.radius_miles)
    if page.place_problem is not None or query.page > 1:
        return result
    if not page.hits and result.town and query.radius_miles < WIDER_RADIUS_MILES:
        wider_query = replace(query, place=result.town, radius_miles=WIDER_RADIUS_MILES)
        wider = search_jobs(session, wider_query, now, count_up_to)
        if wider.hits:
            result = SearchResult(query, wider, WIDER_RADIUS_MILES, widened=True)
    if not result.page.hits:
        result = replace(result, related_words=related_words(query.keyword))
    log_search(session, channel, query.keyword, result.town, found=bool(result.page.hits))
    return result
