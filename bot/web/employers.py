"""The employer portal under /employers: sign up, sign in, post and close jobs."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from sqlalchemy import distinct, select

from bot.clock import connecticut_date
from bot.db.models import EmployerAccount, Job
from bot.employers import accounts, postings
from bot.jobs.job_types import JOB_TYPES
from bot.jobs.salary import SALARY_UNITS
from bot.staff.accounts import AccountError, EmailTaken
from bot.web.auth import WRONG, begin_session, client_address, end_session, requires_sign_in
from bot.web.csrf import refuse_forged_posts
from bot.web.db import request_session

bp = Blueprint("employers", __name__, url_prefix="/employers")
bp.before_request(refuse_forged_posts)

SESSION_KEY = "employer_account_id"
NOT_APPROVED = {
    "pending": "Your account is waiting for approval by program staff.",
    "rejected": "Program staff did not approve this account. Contact the program.",
}
STATUS_LABELS = {"active": "live", "pending": "waiting for review", "closed": "closed"}


_signed_in = requires_sign_in(SESSION_KEY, "employers.login")


def _account(db) -> EmployerAccount:
    return db.get(EmployerAccount, session[SESSION_KEY])


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Self-service sign-up; staff approve the account before it can post."""
    error = done = None
    if request.method == "POST":
        try:
            with request_session() as db:
                accounts.register(
                    db,
                    request.form.get("company", ""),
                    request.form.get("email", ""),
                    request.form.get("password", ""),
                )
            done = True
        except EmailTaken:
            # The same answer as a new sign-up: this page must not tell strangers which
            # emails have accounts. The owner of the email knows how to sign in.
            done = True
        except AccountError as exc:
            error = str(exc)
    form = {name: request.form.get(name, "") for name in ("company", "email")}
    status = 400 if error else 200
    return render_template("employers/register.html", error=error, done=done, form=form), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in; an account staff have not approved yet is told so."""
    error = None
    email = request.form.get("email", "")
    if request.method == "POST":
        with request_session() as db:
            result, status = accounts.employer_sign_in(
                db, email, request.form.get("password", ""), client_address()
            )
        if result.outcome == "ok" and status == "approved":
            begin_session(SESSION_KEY, result.user_id)
            return redirect(url_for("employers.home"))
        error = NOT_APPROVED.get(status) or WRONG
    return render_template(
        "sign_in.html",
        heading="Employer sign-in",
        error=error,
        email=email,
        register_url=url_for("employers.register"),
    ), (401 if error else 200)


@bp.post("/logout")
def logout():
    """Sign out (on the server too)."""
    end_session()
    return redirect(url_for("employers.login"))


@bp.get("")
@_signed_in
def home():
    """The employer's postings and their status."""
    with request_session() as db:
        account = _account(db)
        jobs = [
            {
                "id": job.id,
                "title": job.title,
                "status": STATUS_LABELS.get(job.status, job.status),
                "open": job.status != "closed",
                "posted": connecticut_date(job.posted_at),
            }
            for job in postings.own_postings(db, account)
        ]
        company = account.employer.name
    return render_template(
        "employers/home.html", jobs=jobs, company=company, message=request.args.get("message")
    )


def _job_form(heading: str, form, error: str | None):
    with request_session() as db:
        categories = db.scalars(
            select(distinct(Job.category)).where(Job.category.is_not(None)).order_by(Job.category)
        ).all()
    return render_template(
        "employers/job_form.html",
        heading=heading,
        error=error,
        form=form,
        categories=categories,
        job_types=[(value, value.replace("_", " ")) for value in JOB_TYPES],
        units=SALARY_UNITS,
    ), (400 if error else 200)


def _saved(job: Job):
    live = job.status == "active"
    message = "Your job is live." if live else "Thanks. Program staff will review it first."
    return redirect(url_for("employers.home", message=message))


@bp.route("/jobs/new", methods=["GET", "POST"])
@_signed_in
def new_job():
    """Post a job: checked like a feed record, then live or in the moderation queue."""
    error = None
    if request.method == "POST":
        try:
            with request_session() as db:
                return _saved(postings.submit(db, _account(db), request.form))
        except postings.PostingError as exc:
            error = str(exc)
    return _job_form("Post a job", request.form, error)


@bp.route("/jobs/<int:job_id>/edit", methods=["GET", "POST"])
@_signed_in
def edit_job(job_id: int):
    """Change a posting; it is checked (and, if need be, reviewed) again."""
    error = None
    with request_session() as db:
        job = postings.own_posting(db, _account(db), job_id)
        if job is None or job.status == "closed":
            return redirect(url_for("employers.home", message="That job cannot be edited."))
        form = request.form if request.method == "POST" else postings.form_values(job)
    if request.method == "POST":
        try:
            with request_session() as db:
                return _saved(postings.edit(db, _account(db), job_id, request.form))
        except postings.PostingError as exc:
            error = str(exc)
    return _job_form("Edit the job", form, error)


@bp.post("/jobs/<int:job_id>/close")
@_signed_in
def close_job(job_id: int):
    """Withdraw one of this employer's postings."""
    with request_session() as db:
        closed = postings.close(db, _account(db), job_id)
    message = "The job is closed." if closed else "That job is not one of yours."
    return redirect(url_for("employers.home", message=message))
