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
from bot.i18n import N_, Translator
from bot.jobs.format import age_text, job_type_text, pay_text, summary_line
from bot.jobs.links import apply_url
from bot.jobs.search import JobPage
from bot.jobs.search_log import ASSISTANT
from bot.jobs.search_request import SearchRequest, read_search_request
from bot.jobs.search_service import SearchResult, find_jobs
from bot.jobs.text import keyword_label
from bot.text import MAX_TEXT, pack_lines, shorten
from bot.wages.pay import typical_pay_text
from bot.wages.postings import posting_pay

PAGE_SIZE = 3
ASK_PLACE = N_("What town or ZIP code should I search near? For example: Hartford or 06106")


_KINDS = {
    "part_time": N_("part-time"),
    "full_time": N_("full-time"),
    "contract": N_("contract"),
    "temporary": N_("temporary"),
    "internship": N_("internship"),
    "per_diem": N_("per diem"),
}
_SHIFTS = {
    "day": N_("day shift"),
    "evening": N_("evening shift"),
    "night": N_("night shift"),
    "weekend": N_("weekend shift"),
}


def _what(request: SearchRequest, _: Translator) -> str:
    """The jobs asked for, in words: "part-time night shift CNA jobs paying $20+/hr"."""
    kind = _(_KINDS[request.job_type]) if request.job_type in _KINDS else ""
    shift = _(_SHIFTS[request.shift]) if request.shift in _SHIFTS else ""
    if request.keyword:
        label = keyword_label(request.keyword)
        text = _("%(kind)s %(shift)s %(keyword)s jobs", kind=kind, shift=shift, keyword=label)
    else:
        text = _("%(kind)s %(shift)s jobs", kind=kind, shift=shift)
    if request.min_hourly_pay:
        text += _(" paying $%(pay)s+/hr", pay=f"{request.min_hourly_pay:g}")
    return " ".join(text.split())


def jobs_for_keyword(keyword: str | None, _: Translator) -> str:
    """ "forklift jobs", or "jobs" when there is no job word, in ``_``'s language."""
    if keyword:
        return _("%(keyword)s jobs", keyword=keyword)
    return _("jobs")


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


def results_reply(
    page: JobPage,
    request: SearchRequest,
    town: str,
    intro: str,
    now,
    _: Translator,
    earlier: list | None = None,
) -> Reply:
    """A numbered result list, remembered so a number or MORE can follow. After MORE
    the numbers go on from the ``earlier`` pages' (4-6), and every number shown so far
    still picks its job."""
    earlier = list(earlier or [])
    first = len(earlier) + 1
    lines = [intro]
    lines += [summary_line(i, hit, now, _.language) for i, hit in enumerate(page.hits, start=first)]
    last = first + len(page.hits) - 1
    if page.has_more:
        lines.append(
            _("Reply %(first)s-%(last)s for details, MORE for more.", first=first, last=last)
        )
    else:
        lines.append(_("Reply %(first)s-%(last)s for details.", first=first, last=last))
    return Reply(pack_lines(lines)).set(
        last_list="jobs",
        last_ids=earlier + [hit.id for hit in page.hits],
        results_page=page.page,
        location=town,
        pending=None,
        # "This job" now means one picked from this list.
        selected_job=None,
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
    _ = context.translate
    person = person_for(session, context)
    place = place or request.zip_code or home_town(session, person)
    radius = request.radius_miles or default_radius()
    request = replace(request, radius_miles=radius)
    if not place:
        return _ask_place(request, _(ASK_PLACE))
    query = request.job_query(place, page=page, page_size=PAGE_SIZE)
    result = find_jobs(session, query, ASSISTANT, now)
    found = result.page
    if found.place_problem == "ambiguous":
        towns = list(found.place.candidates)
        options = " ".join(f"{i}) {town}" for i, town in enumerate(towns, start=1))
        return _ask_place(request, _("Which town do you mean? %(options)s", options=options)).set(
            last_list="towns", last_choices=towns
        )
    if found.place_problem == "unknown":
        if found.place.reason == "not_ct_zip":
            unknown = _("%(zip)s isn't a Connecticut ZIP code.", zip=shorten(place, 40))
        else:
            unknown = _(
                "I couldn't find a Connecticut town called %(place)s.", place=shorten(place, 40)
            )
        return _ask_place(request, unknown + " " + _(ASK_PLACE))
    town = result.town
    remember_town(session, person, town)
    what = _what(request, _)
    if result.widened:
        intro = _(
            "No %(what)s within %(radius)s miles of %(town)s, but these are within %(wider)s:",
            what=what,
            radius=f"{request.radius_miles:.0f}",
            town=town,
            wider=f"{result.radius_miles:.0f}",
        )
        return results_reply(found, request, town, intro, now, _).set(
            results_radius=result.radius_miles
        )
    if found.hits:
        intro = _first_upper(_("%(what)s near %(town)s:", what=what, town=town))
        if page > 1:
            intro = _("More %(what)s near %(town)s:", what=what, town=town)
        earlier = context.listed_before("jobs", page, PAGE_SIZE)
        return results_reply(found, request, town, intro, now, _, earlier)
    if page > 1:
        return Reply(
            [
                _(
                    "That's all the %(what)s I found near %(town)s. Try another word or town.",
                    what=what,
                    town=town,
                )
            ]
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


def new_search_for(session: Session, context: Context, keyword: str | None) -> Reply:
    """A new search for ``keyword`` near the conversation's town (the yes to "want to see
    welder jobs near Waterbury?")."""
    return search(session, context, SearchRequest(keyword=keyword), context.slot("location"))


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
            _ = context.translate
            ask = _(
                "What town or ZIP code should I search within %(radius)s miles of?",
                radius=f"{said.radius_miles:g}",
            )
            return _ask_place(combined(last, said), ask)
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
    _ = context.translate
    town = result.town
    lines = [_("I found no %(what)s near %(town)s right now.", what=_what(request, _), town=town)]
    if result.related_words:
        lines.append(_("You could also try: %(words)s.", words=", ".join(result.related_words)))
    kept = {"location": town, "last_list": None, **remembered(request)}
    if not can_text(context):
        lines.append(by_text_only(context, *BY_TEXT))
        return Reply(pack_lines(lines)).set(**kept)
    what = _what(SearchRequest(keyword=request.keyword), _)
    lines.append(
        _(
            "Want a text when new %(what)s are posted near %(town)s? Reply YES or NO",
            what=what,
            town=town,
        )
    )
    return Reply(pack_lines(lines)).set(
        **kept,
        pending="job_alerts_offer",
        alert_keyword=request.keyword or ANY_JOB,
        alert_location=town,
    )


def more(session: Session, context: Context, now: datetime | None = None) -> Reply:
    """The next page of the last job list."""
    _ = context.translate
    if context.slot("last_list") != "jobs" and not context.slot("location"):
        return Reply([_("Tell me what jobs to look for, for example: warehouse jobs in Waterbury")])
    page = int(context.slot("results_page") or 1) + 1
    return search(
        session, context, last_request(context), context.slot("location"), page=page, now=now
    )


def details(session: Session, context: Context, number: int, now: datetime | None = None) -> Reply:
    """Details and the apply link of job ``number`` in the last list."""
    _ = context.translate
    ids = context.slot("last_ids") or []
    if not 1 <= number <= len(ids):
        if not ids:
            return Reply([_("Search first, for example: jobs in Hartford")])
        return Reply([_("Please reply with a number from 1 to %(highest)s.", highest=len(ids))])
    job = session.get(Job, ids[number - 1])
    if job is None or job.status != "active":
        return Reply([_("Sorry, that job is no longer posted. Reply MORE for other jobs.")])
    employer = session.get(Employer, job.employer_id).name
    town = session.get(Place, job.place_id).name
    facts = [
        pay_text(job.salary_min, job.salary_max, job.salary_unit, job.salary_text, _.language),
        job_type_text(job.job_type, _.language),
        _("posted %(age)s", age=age_text(job.posted_at, now, _.language)),
    ]
    link = apply_url(load_settings().public_base_url, job.link_code)
    head = (
        _("%(title)s at %(employer)s, %(town)s.", title=job.title, employer=employer, town=town)
        + " "
        + ", ".join(f for f in facts if f)
        + "."
    )
    tail = " " + _("Apply: %(link)s", link=link)
    # The area's typical pay, on its own line after the posting's own facts (and pay);
    # the description, if any room is left, goes on the next line.
    gap = " "
    typical = posting_pay(session, job.title, job.category, town)
    if typical is not None:
        line = "\n" + typical_pay_text(typical, _.language)
        if len(head) + len(line) + len(tail) <= MAX_TEXT:
            head += line
            gap = "\n"
    room = MAX_TEXT - len(head) - len(tail) - 1
    summary = gap + shorten(job.description, room) if room > 40 and job.description else ""
    if not summary and gap == "\n":
        tail = gap + tail.lstrip()
    return Reply([head + summary + tail]).set(selected_job=job.id)
