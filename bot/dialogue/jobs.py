"""Job search in a conversation: results as short numbered lines, more, details, no results."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from bot.config import load_settings
from bot.db.models import Employer, Job, Place
from bot.dialogue.alerts import ANY_JOB, BY_TEXT
from bot.dialogue.context import Context
from bot.dialogue.people import by_text_only, can_text, home_town, person_for, remember_town
from bot.dialogue.reply import Reply
from bot.jobs.format import age_text, job_type_text, pay_text, summary_line
from bot.jobs.links import apply_url
from bot.jobs.search import JobPage
from bot.jobs.search_log import ASSISTANT
from bot.jobs.search_request import SearchRequest, read_search_request
from bot.jobs.search_service import SearchResult, find_jobs
from bot.jobs.text import keyword_label
from bot.text import MAX_TEXT, pack_lines, shorten

PAGE_SIZE = 3
ASK_PLACE = "What town or ZIP code should I search near? For example: Hartford or 06106"


_KINDS = {
    "part_time": "part-time",
    "full_time": "full-time",
    "contract": "contract",
    "temporary": "temporary",
    "internship": "internship",
    "per_diem": "per diem",
}


def _what(request: SearchRequest) -> str:
    """The jobs asked for, in words: "part-time night shift CNA jobs paying $20+/hr"."""
    words_ = [
        _KINDS.get(request.job_type or "", ""),
        f"{request.shift} shift" if request.shift else "",
        keyword_label(request.keyword) if request.keyword else "",
        "jobs",
    ]
    text = " ".join(w for w in words_ if w)
    if request.min_hourly_pay:
        text += f" paying ${request.min_hourly_pay:g}+/hr"
    return text


def _first_upper(text: str) -> str:
    """``text`` with its first letter capitalised and the rest as it is ("CNA jobs")."""
    return text[:1].upper() + text[1:]


def remembered(request: SearchRequest, radius: float | None = None) -> dict:
    """The slots that keep a search, so MORE, a refinement or a town can follow."""
    return {
        "job_keyword": request.keyword,
        "results_job_type": request.job_type,
        "results_shift": request.shift,
        "results_min_pay": request.min_hourly_pay,
        "results_radius": radius or request.radius_miles,
    }


def last_request(context: Context) -> SearchRequest:
    """The last search, as the conversation's slots keep it."""
    return SearchRequest(
        keyword=context.slot("job_keyword"),
        job_type=context.slot("results_job_type"),
        shift=context.slot("results_shift"),
        min_hourly_pay=context.slot("results_min_pay"),
        radius_miles=context.slot("results_radius"),
    )


def default_radius() -> float:
    """The distance a search covers when the person names none (DEFAULT_RADIUS_MILES)."""
    return load_settings().default_radius_miles


def results_reply(page: JobPage, request: SearchRequest, town: str, intro: str, now) -> Reply:
    """A numbered result list, remembered so a number or MORE can follow."""
    lines = [intro]
    lines += [summary_line(i, hit, now) for i, hit in enumerate(page.hits, start=1)]
    more = ", MORE for more" if page.has_more else ""
    lines.append(f"Reply 1-{len(page.hits)} for details{more}.")
    return Reply(pack_lines(lines)).set(
        last_list="jobs",
        last_ids=[hit.id for hit in page.hits],
        results_page=page.page,
        location=town,
        pending=None,
        **remembered(request),
    )


def _ask_place(request: SearchRequest, text: str) -> Reply:
    return Reply([text]).set(pending="location", **remembered(request))


def search(
    session: Session,
    context: Context,
    request: SearchRequest,
    place: str | None,
    page: int = 1,
    now: datetime | None = None,
) -> Reply:
    """Search for ``request`` near ``place`` and word the answer; asks for a place when
    there is none or it is unclear, keeping everything else that was asked."""
    person = person_for(session, context)
    place = place or request.zip_code or home_town(session, person)
    radius = request.radius_miles or default_radius()
    request = replace(request, radius_miles=radius)
    if not place:
        return _ask_place(request, ASK_PLACE)
    query = request.job_query(place, page=page, page_size=PAGE_SIZE)
    result = find_jobs(session, query, ASSISTANT, now)
    found = result.page
    if found.place_problem == "ambiguous":
        towns = list(found.place.candidates)
        options = " ".join(f"{i}) {town}" for i, town in enumerate(towns, start=1))
        return _ask_place(request, f"Which town do you mean? {options}").set(
            last_list="towns", last_choices=towns
        )
    if found.place_problem == "unknown":
        unknown = f"I couldn't find a Connecticut town called {shorten(place, 40)}. "
        return _ask_place(request, unknown + ASK_PLACE)
    town = result.town
    remember_town(session, person, town)
    if result.widened:
        intro = (
            f"No {_what(request)} within {request.radius_miles:.0f} miles of {town}, "
            f"but these are within {result.radius_miles:.0f}:"
        )
        return results_reply(found, request, town, intro, now).set(
            results_radius=result.radius_miles
        )
    if found.hits:
        intro = f"{_first_upper(_what(request))} near {town}:"
        if page > 1:
            intro = f"More {_what(request)} near {town}:"
        return results_reply(found, request, town, intro, now)
    if page > 1:
        return Reply(
            [f"That's all the {_what(request)} I found near {town}. Try another word or town."]
        ).set(pending=None)
    return _no_results(context, request, result)


_SEARCH_WORDS = re.compile(r"\b(jobs?|work|hiring|openings?|positions?|employment)\b")


def request_in(context: Context, text: str | None = None) -> SearchRequest:
    """What the latest message (or ``text``, a part of it) asks of a job search: job
    words, type, shift, pay, distance; the place the language model found is left out
    of the job words."""
    return read_search_request(
        context.text if text is None else text,
        keyword=context.entities.get("job_keyword"),
        place=context.entities.get("location"),
    )


def new_search(session: Session, context: Context, now: datetime | None = None) -> Reply:
    """A search request: what this message names. The last search's job word, type,
    shift and pay are not kept ("jobs in Mystic" after a CNA search is all jobs in
    Mystic); the town is, when the message names none."""
    request = request_in(context)
    place = context.entities.get("location") or request.zip_code or context.slot("location")
    return search(session, context, request, place, now=now)


def bare_answer(session: Session, context: Context, now: datetime | None = None) -> Reply | None:
    """A message that is only a town, a ZIP, a distance or a kind of job: the answer to
    "which town?", or a change to the last search. None when it names none of them."""
    entities = context.entities
    said = request_in(context)
    last = last_request(context)
    if context.slot("pending") == "location" and "location" not in entities:
        if said.zip_code:
            return search(session, context, combined(last, said), said.zip_code, now=now)
        if said.radius_miles and not said.keyword:
            radius = f"within {said.radius_miles:g} miles of"
            return _ask_place(
                combined(last, said), f"What town or ZIP code should I search {radius}?"
            )
        return search(session, context, last, context.text, now=now)
    if "location" not in entities and "job_keyword" not in entities:
        if said.radius_miles and context.slot("location"):
            return search(session, context, combined(last, said), context.slot("location"), now=now)
        return None
    if _SEARCH_WORDS.search(context.text.lower()):
        return new_search(session, context, now)
    place = entities.get("location") or context.slot("location")
    return search(session, context, combined(last, said), place, now=now)


def combined(last: SearchRequest, said: SearchRequest) -> SearchRequest:
    """The last search with what a follow-up message names put in its place."""
    return SearchRequest(
        keyword=said.keyword or last.keyword,
        job_type=said.job_type or last.job_type,
        shift=said.shift or last.shift,
        min_hourly_pay=said.min_hourly_pay or last.min_hourly_pay,
        radius_miles=said.radius_miles or last.radius_miles,
    )


def _no_results(context: Context, request: SearchRequest, result: SearchResult) -> Reply:
    town = result.town
    lines = [f"I found no {_what(request)} near {town} right now."]
    if result.related_words:
        lines.append("You could also try: " + ", ".join(result.related_words) + ".")
    kept = {"location": town, "last_list": None, **remembered(request)}
    if not can_text(context):
        lines.append(by_text_only(*BY_TEXT))
        return Reply(pack_lines(lines)).set(**kept)
    what = _what(SearchRequest(keyword=request.keyword))
    lines.append(f"Want a text when new {what} are posted near {town}? Reply YES or NO")
    return Reply(pack_lines(lines)).set(
        **kept,
        pending="job_alerts_offer",
        alert_keyword=request.keyword or ANY_JOB,
        alert_location=town,
    )


def more(session: Session, context: Context, now: datetime | None = None) -> Reply:
    """The next page of the last job list."""
    if context.slot("last_list") != "jobs" and not context.slot("location"):
        return Reply(["Tell me what jobs to look for, for example: warehouse jobs in Waterbury"])
    page = int(context.slot("results_page") or 1) + 1
    return search(
        session, context, last_request(context), context.slot("location"), page=page, now=now
    )


def details(session: Session, context: Context, number: int, now: datetime | None = None) -> Reply:
    """Details and the apply link of job ``number`` in the last list."""
    ids = context.slot("last_ids") or []
    if not 1 <= number <= len(ids):
        if not ids:
            return Reply(["Search first, for example: jobs in Hartford"])
        return Reply([f"Please reply with a number from 1 to {len(ids)}."])
    job = session.get(Job, ids[number - 1])
    if job is None or job.status != "active":
        return Reply(["Sorry, that job is no longer posted. Reply MORE for other jobs."])
    employer = session.get(Employer, job.employer_id).name
    town = session.get(Place, job.place_id).name
    facts = [
        pay_text(job.salary_min, job.salary_max, job.salary_unit, job.salary_text),
        job_type_text(job.job_type),
        "posted " + age_text(job.posted_at, now),
    ]
    link = apply_url(load_settings().public_base_url, job.link_code)
    head = f"{job.title} at {employer}, {town}. " + ", ".join(f for f in facts if f) + "."
    tail = f" Apply: {link}"
    room = MAX_TEXT - len(head) - len(tail) - 1
    summary = " " + shorten(job.description, room) if room > 40 and job.description else ""
    return Reply([head + summary + tail]).set(selected_job=job.id)
