"""Public pages: home and job search."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request
from sqlalchemy import select

from bot.db.models import Job, JobClick
from bot.i18n import N_
from bot.messaging.phone import readable_phone
from bot.web import job_board, job_search
from bot.web.db import request_session
from bot.web.language import page_text

bp = Blueprint("public", __name__)

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
        days_choices=job_board.days_choices(None),
        text_number=readable_phone(number) if number else None,
    )


@bp.get("/jobs")
def jobs():
    """Server-rendered job search results, a page at a time, each job a card with its
    own page and apply link."""
    settings = current_app.config["SETTINGS"]
    _ = page_text()
    with request_session() as db:
        shown = job_search.results_page(
            db, request.args, settings.public_base_url, settings.default_radius_miles, _
        )
    query, result = shown.query, shown.result
    radius = result.radius_miles if result else (query.radius_miles if query else None)
    widened_to = result.radius_miles if result and result.widened else None
    page = result.page if result and not shown.error else None
    return render_template(
        "jobs.html",
        q=request.args.get("q", ""),
        place=request.args.get("place", ""),
        radius_choices=job_board.radius_choices(radius or settings.default_radius_miles),
        type_choices=job_board.job_type_choices(query.job_type if query else None),
        days_choices=job_board.days_choices(query.posted_within_days if query else None),
        shown=shown,
        related_words=result.related_words if result else (),
        first_number=(page.page - 1) * page.page_size + 1 if page else 1,
        links=job_board.page_links(request.args, page, widened_to) if page else {},
        searched=page is not None,
    ), shown.status


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
    """The short apply link sent by text: counts the click, then goes to the posting
    (or, when it has no web address, to the job's own page)."""
    _ = page_text()
    settings = current_app.config["SETTINGS"]
    with request_session() as db:
        job = db.execute(select(Job).where(Job.link_code == link_code.lower())).scalar_one_or_none()
        if job is None:
            return render_template("error.html", message=_(UNKNOWN_LINK)), 404
        db.add(JobClick(job_id=job.id))
        url, title, status, job_id = job.url, job.title, job.status, job.id
    if status == "pending":
        message = _("%(title)s is being checked by our staff. Please try again later.", title=title)
        return render_template("error.html", message=message), 404
    if status != "active":
        message = _("%(title)s is no longer posted.", title=title)
        return render_template("error.html", message=message), 410
    if job_board.is_web_address(url):
        return redirect(url, code=302)
    # No web address to apply at: the job's own page, which says whom to ask.
    with request_session() as db:
        shown, problem = job_board.job_page(db, job_id, settings.public_base_url)
    if shown is None:
        return render_template("error.html", message=_(problem)), 410
    return render_template("job.html", job=shown)
