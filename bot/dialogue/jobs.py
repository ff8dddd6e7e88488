"""Job search in a conversation: results as short numbered lines, more, details, no results."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.orm import Session

from bot.config import load_settings
from bot.db.models import Employer, Job, Place
from bot.dialogue.alerts import ANY_JOB, BY_TEXT
from bot.dialogue.context import Context
from bot.dialogue.people import by_text_only, can_text, home_town, person_for, remember_town
from bot.dialogue.reply import Reply, pack_lines, shorten
from bot.jobs.format import age_text, job_type_text, pay_text, summary_line
from bot.jobs.links import apply_url
from bot.jobs.search import DEFAULT_RADIUS_MILES, JobPage, JobQuery, search_jobs
from bot.jobs.search_log import ASSISTANT, log_search
from bot.jobs.text import keyword_label, synonym_groups, words

PAGE_SIZE = 3
WIDER_RADIUS_MILES = 50.0
ASK_PLACE = "What town or ZIP code should I search near? For example: Hartford or 06106"
PICK_PROMPT = "Reply 1-{n} for details, MORE for more."


def _what(keyword: str | None, job_type: str | None = None) -> str:
    kind = {"part_time": "part-time ", "full_time": "full-time "}.get(job_type or "", "")
    return f"{kind}{keyword_label(keyword)} jobs" if keyword else f"{kind}jobs"


def _first_upper(text: str) -> str:
    """``text`` with its first letter capitalised and the rest as it is ("CNA jobs")."""
    return text[:1].upper() + text[1:]


def results_reply(page: JobPage, keyword: str | None, town: str, intro: str, now) -> Reply:
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
        job_keyword=keyword,
        pending=None,
    )


def search(
    session: Session,
    context: Context,
    keyword: str | None,
    place: str | None,
    page: int = 1,
    radius: float = DEFAULT_RADIUS_MILES,
    now: datetime | None = None,
    job_type: str | None = None,
) -> Reply:
    """Search and word the answer; asks for a place when there is none or it is unclear.
    ``job_type`` (``part_time``/``full_time``) keeps only jobs of that type."""
    person = person_for(session, context)
    place = place or home_town(session, person)
    if not place:
        return Reply([ASK_PLACE]).set(job_keyword=keyword, pending="location")
    query = JobQuery(
        keyword=keyword,
        place=place,
        radius_miles=radius,
        job_type=job_type,
        page=page,
        page_size=PAGE_SIZE,
    )
    result = search_jobs(session, query, now)
    if result.place_problem == "ambiguous":
        towns = list(result.place.candidates)
        options = " ".join(f"{i}) {town}" for i, town in enumerate(towns, start=1))
        return Reply([f"Which town do you mean? {options}"]).set(
            job_keyword=keyword, pending="location", last_list="towns", last_choices=towns
        )
    if result.place_problem == "unknown":
        return Reply(
            [f"I couldn't find a Connecticut town called {shorten(place, 40)}. " + ASK_PLACE]
        ).set(job_keyword=keyword, pending="location")
    town = result.place.town.name
    remember_town(session, person, town)
    if result.hits:
        if page == 1:
            log_search(session, ASSISTANT, keyword, town, found=True)
        intro = f"{_first_upper(_what(keyword, job_type))} near {town}:"
        if page > 1:
            intro = f"More {_what(keyword, job_type)} near {town}:"
        reply = results_reply(result, keyword, town, intro, now)
        return reply.set(results_radius=radius, results_job_type=job_type)
    if page > 1:
        return Reply(
            [f"That's all the {_what(keyword)} I found near {town}. Try another word or town."]
        ).set(pending=None)
    return _no_results(session, context, keyword, town, radius, now, job_type)


_SEARCH_WORDS = re.compile(r"\b(jobs?|work|hiring|openings?|positions?|employment)\b")


def new_search(session: Session, context: Context, now: datetime | None = None) -> Reply:
    """A search request: what this message names. The last search's job word is not
    kept ("jobs in Mystic" after a CNA search is all jobs in Mystic); the town is, when
    the message names none."""
    keyword = context.entities.get("job_keyword")
    place = context.entities.get("location") or context.slot("location")
    return search(session, context, keyword, place, now=now)


def bare_answer(session: Session, context: Context, now: datetime | None = None) -> Reply | None:
    """A message that is only a town, a ZIP or a kind of job: the answer to "which
    town?", or a change to the last search. None when it names neither."""
    entities = context.entities
    if context.slot("pending") == "location" and "location" not in entities:
        return search(session, context, context.slot("job_keyword"), context.text, now=now)
    if "location" not in entities and "job_keyword" not in entities:
        return None
    if _SEARCH_WORDS.search(context.text.lower()):
        return new_search(session, context, now)
    keyword = entities.get("job_keyword") or context.slot("job_keyword")
    place = entities.get("location") or context.slot("location")
    return search(session, context, keyword, place, now=now)


def _related_words(keyword: str | None) -> list[str]:
    if not keyword:
        return []
    query_words = tuple(words(keyword))
    for group in synonym_groups():
        if query_words in group.phrases:
            return [" ".join(p) for p in group.phrases if p != query_words][:3]
    return []


def _no_results(session, context, keyword, town, radius, now, job_type=None) -> Reply:
    wider = None
    if radius < WIDER_RADIUS_MILES:
        wider = search_jobs(
            session,
            JobQuery(
                keyword=keyword,
                place=town,
                radius_miles=WIDER_RADIUS_MILES,
                job_type=job_type,
                page_size=PAGE_SIZE,
            ),
            now,
        )
    log_search(session, ASSISTANT, keyword, town, found=bool(wider and wider.hits))
    if wider and wider.hits:
        intro = (
            f"No {_what(keyword, job_type)} within {radius:.0f} miles of {town}, "
            f"but these are within {WIDER_RADIUS_MILES:.0f}:"
        )
        return results_reply(wider, keyword, town, intro, now).set(
            results_radius=WIDER_RADIUS_MILES, results_job_type=job_type
        )
    related = _related_words(keyword)
    lines = [f"I found no {_what(keyword, job_type)} near {town} right now."]
    if related:
        lines.append("You could also try: " + ", ".join(related) + ".")
    if not can_text(context):
        lines.append(by_text_only(*BY_TEXT))
        return Reply(pack_lines(lines)).set(location=town, job_keyword=keyword, last_list=None)
    lines.append(f"Want a text when new {_what(keyword)} are posted near {town}? Reply YES or NO")
    return Reply(pack_lines(lines)).set(
        location=town,
        job_keyword=keyword,
        pending="job_alerts_offer",
        last_list=None,
        alert_keyword=keyword or ANY_JOB,
        alert_location=town,
    )


def more(session: Session, context: Context, now: datetime | None = None) -> Reply:
    """The next page of the last job list."""
    if context.slot("last_list") != "jobs" and not context.slot("location"):
        return Reply(["Tell me what jobs to look for, for example: warehouse jobs in Waterbury"])
    page = int(context.slot("results_page") or 1) + 1
    radius = float(context.slot("results_radius") or DEFAULT_RADIUS_MILES)
    return search(
        session,
        context,
        context.slot("job_keyword"),
        context.slot("location"),
        page=page,
        radius=radius,
        now=now,
        job_type=context.slot("results_job_type"),
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
    room = 320 - len(head) - len(tail) - 1
    summary = " " + shorten(job.description, room) if room > 40 and job.description else ""
    return Reply([head + summary + tail]).set(selected_job=job.id)
