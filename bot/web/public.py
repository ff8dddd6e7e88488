"""Public pages: home and job search."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request
from sqlalchemy import select

from bot.db.models import Job, JobClick
from bot.jobs.format import summary_line
from bot.jobs.search import search_jobs
from bot.jobs.search_log import JOB_BOARD, log_search
from bot.web.db import request_session
from bot.web.queries import BadQuery, job_query_from

bp = Blueprint("public", __name__)

UNKNOWN_LINK = "We could not find that job link. Check it, or search for jobs from the home page."


@bp.get("/")
def home():
    """Landing page with the job search form."""
    return render_template("home.html")


@bp.get("/jobs")
def jobs():
    """Server-rendered job search results."""
    settings = current_app.config["SETTINGS"]
    error = None
    lines: list[str] = []
    page = None
    try:
        query = job_query_from(request.args, settings.default_radius_miles, 10)
    except BadQuery as exc:
        error, query = str(exc), None
    if query is not None and (query.keyword or query.place):
        with request_session() as session:
            page = search_jobs(session, query)
            if query.page == 1 and page.place_problem is None:
                town = page.place.town.name if page.place else None
                log_search(session, JOB_BOARD, query.keyword, town, found=bool(page.hits))
        if page.place_problem == "ambiguous":
            error = "Which one did you mean: " + ", ".join(page.place.candidates) + "?"
        elif page.place_problem == "unknown":
            error = f"We could not find a Connecticut town called '{query.place}'."
        lines = [summary_line(i, hit) for i, hit in enumerate(page.hits, start=1)]
    return render_template(
        "jobs.html",
        q=request.args.get("q", ""),
        place=request.args.get("place", ""),
        error=error,
        lines=lines,
        hits=page.hits if page else [],
        searched=page is not None,
    ), (400 if error and page is None else 200)


@bp.get("/j/<link_code>")
def apply_link(link_code: str):
    """The short apply link sent by text: counts the click, then goes to the posting."""
    with request_session() as session:
        job = session.execute(
            select(Job).where(Job.link_code == link_code.lower())
        ).scalar_one_or_none()
        if job is None:
            return render_template("error.html", message=UNKNOWN_LINK), 404
        session.add(JobClick(job_id=job.id))
        url, title, status = job.url, job.title, job.status
    if status == "pending":
        message = f"{title} is being checked by our staff. Please try again later."
        return render_template("error.html", message=message), 404
    if status != "active":
        return render_template("error.html", message=f"{title} is no longer posted."), 410
    if url and urlsplit(url).scheme in ("http", "https"):
        return redirect(url, code=302)
    return render_template("error.html", message=f"{title}: ask the employer how to apply."), 200
