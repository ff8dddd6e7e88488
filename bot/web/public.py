"""Public pages: home and job search."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request
from sqlalchemy import select

from bot.db.models import Job, JobClick
from bot.i18n import N_
from bot.jobs.search_log import JOB_BOARD
from bot.jobs.search_service import find_jobs
from bot.messaging.phone import readable_phone
from bot.web import job_board
from bot.web.db import request_session
from bot.web.language import page_text
from bot.web.queries import BadQuery, job_query_from, lenient_page

bp = Blueprint("public", __name__)

PAGE_SIZE = 10
PAST_THE_END = N_("That page is past the end of the results: this is the last page, page %(last)s.")
WIDENED = N_("No jobs within %(asked)s miles; showing jobs within %(used)s miles.")
UNKNOWN_LINK = N_(
    "We could not find that job link. Check it, or search for jobs from the home page."
)


@bp.get("/")
def home():
    """Landing page with the job search form."""
    settings = current_app.config["SETTINGS"]
    number = settings.twilio_from_number
    return render_template(
        "home.html",
        radius_choices=job_board.radius_choices(settings.default_radius_miles),
        type_choices=job_board.job_type_choices(None),
        text_number=readable_phone(number) if number else None,
    )


@bp.get("/jobs")
def jobs():
    """Server-rendered job search results, a page at a time, each with its own page
    and apply link."""
    settings = current_app.config["SETTINGS"]
    _ = page_text()
    error = None
    page = result = None
    default = settings.default_radius_miles
    rows: list[dict] = []
    number, note = lenient_page(request.args, _)
    # The page number is read leniently above: a mistyped one never loses the search.
    args = {name: value for name, value in request.args.items() if name != "page"}
    try:
        query = job_query_from(args, default, PAGE_SIZE)
    except BadQuery as exc:
        error, query = exc.said_by(_), None
    if query is not None and not (query.keyword or query.place) and args:
        error = _("Type what kind of job you want, a town or ZIP code, or both.")
    elif query is not None and (query.keyword or query.place):
        query = replace(query, page=number)
        with request_session() as db:
            result = find_jobs(db, query, JOB_BOARD, last_page_when_past_end=True)
            page = result.page
            if page.page != query.page:
                note = _(PAST_THE_END, last=page.page)
            rows = job_board.result_rows(db, page, settings.public_base_url)
        if page.place_problem == "ambiguous":
            towns = ", ".join(page.place.candidates)
            error = _("Which one did you mean: %(towns)s?", towns=towns)
        elif page.place_problem == "unknown":
            error = _("We could not find a Connecticut town called '%(town)s'.", town=query.place)
        elif result.widened:
            widened = _(WIDENED, asked=f"{query.radius_miles:g}", used=f"{result.radius_miles:g}")
            note = f"{note} {widened}" if note else widened
    radius = result.radius_miles if result else (query.radius_miles if query else default)
    widened_to = result.radius_miles if result and result.widened else None
    return render_template(
        "jobs.html",
        q=request.args.get("q", ""),
        place=request.args.get("place", ""),
        radius_choices=job_board.radius_choices(radius),
        type_choices=job_board.job_type_choices(query.job_type if query else None),
        error=error,
        note=note,
        rows=rows,
        related_words=result.related_words if result else (),
        first_number=(page.page - 1) * page.page_size + 1 if page else 1,
        links=job_board.page_links(request.args, page, widened_to) if page else {},
        searched=page is not None,
    ), (400 if error and page is None and query is None else 200)


@bp.get("/jobs/<int:job_id>")
def job(job_id: int):
    """One job's own page: what, where, pay, type, when posted, description, apply link."""
    settings = current_app.config["SETTINGS"]
    with request_session() as db:
        shown, problem = job_board.job_page(db, job_id, settings.public_base_url)
    if shown is None:
        return render_template("error.html", message=page_text()(problem)), 404
    return render_template("job.html", job=shown)


@bp.get("/j/<link_code>")
def apply_link(link_code: str):
    """The short apply link sent by text: counts the click, then goes to the posting."""
    _ = page_text()
    with request_session() as db:
        job = db.execute(select(Job).where(Job.link_code == link_code.lower())).scalar_one_or_none()
        if job is None:
            return render_template("error.html", message=_(UNKNOWN_LINK)), 404
        db.add(JobClick(job_id=job.id))
        url, title, status = job.url, job.title, job.status
    if status == "pending":
        message = _("%(title)s is being checked by our staff. Please try again later.", title=title)
        return render_template("error.html", message=message), 404
    if status != "active":
        message = _("%(title)s is no longer posted.", title=title)
        return render_template("error.html", message=message), 410
    if url and urlsplit(url).scheme in ("http", "https"):
        return redirect(url, code=302)
    message = _("%(title)s: ask the employer how to apply.", title=title)
    return render_template("error.html", message=message), 200
