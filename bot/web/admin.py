"""The staff portal under /admin: sign-in, the overview and (admins) staff accounts."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import requests
from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from bot.clock import utcnow
from bot.db.models import StaffUser
from bot.employers import accounts as employer_accounts
from bot.employers import postings
from bot.jobs.feed_import import import_feed_file
from bot.learners import follow_ups as follow_up_store
from bot.messaging.phone import mask, normalize_phone
from bot.staff import learners as learner_store
from bot.staff import queues
from bot.staff.accounts import ROLES, AccountError, create_staff, sign_in
from bot.staff.overview import overview
from bot.web.auth import begin_session, failed_sign_in_message, requires_sign_in
from bot.web.csrf import refuse_forged_posts
from bot.web.db import request_session

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(refuse_forged_posts)


def signed_in(role: str | None = None):
    """Views behind this need a signed-in staff member (with ``role``, if given)."""
    return requires_sign_in("staff_id", "admin.login", role)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; after too many wrong passwords the account is locked."""
    error = None
    email = request.form.get("email", "")
    if request.method == "POST":
        with request_session() as db:
            result = sign_in(db, email, request.form.get("password", ""))
        if result.outcome == "ok":
            begin_session(staff_id=result.user_id, staff_role=result.role)
            target = request.args.get("next", "")
            # Only paths inside this portal: never a redirect to another site.
            if not target.startswith("/admin") or target.startswith("//"):
                target = url_for("admin.home")
            return redirect(target)
        error = failed_sign_in_message(result)
    status = 401 if error else 200
    return render_template(
        "sign_in.html", heading="Staff sign-in", error=error, email=email
    ), status


@bp.post("/logout")
def logout():
    """Sign out."""
    session.clear()
    return redirect(url_for("admin.login"))


@bp.get("")
@signed_in()
def home():
    """What needs staff attention."""
    with request_session() as db:
        figures = overview(db)
    return render_template("admin/home.html", figures=figures)


@bp.route("/staff", methods=["GET", "POST"])
@signed_in(role="admin")
def staff():
    """Admins list and add staff accounts."""
    error = message = None
    if request.method == "POST":
        try:
            with request_session() as db:
                user = create_staff(
                    db,
                    request.form.get("email", ""),
                    request.form.get("password", ""),
                    request.form.get("role", "staff"),
                )
                message = f"Account created for {user.email}."
        except AccountError as exc:
            error = str(exc)
    with request_session() as db:
        now = utcnow()
        accounts = [
            {
                "email": user.email,
                "role": user.role,
                "locked": bool(user.locked_until and user.locked_until > now),
            }
            for user in db.query(StaffUser).order_by(StaffUser.email)
        ]
    return render_template(
        "admin/staff.html", accounts=accounts, roles=ROLES, error=error, message=message
    ), (400 if error else 200)


@bp.get("/moderation")
@signed_in()
def moderation():
    """Employer sign-ups and job postings waiting for a decision, with their flags."""
    with request_session() as db:
        waiting = employer_accounts.waiting(db)
        queued = postings.queue(db)
    return render_template(
        "admin/moderation.html",
        accounts=waiting,
        postings=queued,
        message=request.args.get("message"),
    )


def _decision() -> bool:
    decision = request.form.get("decision")
    if decision not in ("approve", "reject"):
        abort(400)
    return decision == "approve"


def _report_decision(decided, approve: bool, name: str | None, gone: str):
    """Back to the queue, saying what happened."""
    verdict = "approved" if approve else "rejected"
    message = gone if decided is None else f"{name}: {verdict}."
    return redirect(url_for("admin.moderation", message=message))


@bp.post("/moderation/accounts/<int:account_id>")
@signed_in()
def decide_account(account_id: int):
    """Approve or reject an employer sign-up."""
    approve = _decision()
    with request_session() as db:
        account = employer_accounts.decide(db, account_id, approve)
        name = account.email if account else None
    return _report_decision(account, approve, name, "That sign-up no longer exists.")


@bp.post("/moderation/jobs/<int:job_id>")
@signed_in()
def decide_posting(job_id: int):
    """Approve (it goes live) or reject a posting."""
    approve = _decision()
    with request_session() as db:
        job = postings.decide(db, job_id, approve)
        name = job.title if job else None
    return _report_decision(job, approve, name, "That posting was already decided.")


@bp.get("/callbacks")
@signed_in()
def callbacks():
    """Callback requests to claim and resolve."""
    with request_session() as db:
        waiting = queues.callbacks(db)
    return render_template(
        "admin/callbacks.html", callbacks=waiting, message=request.args.get("message")
    )


@bp.post("/callbacks/<int:request_id>")
@signed_in()
def move_callback(request_id: int):
    """Claim a callback request, or mark it resolved."""
    status = request.form.get("status")
    if status not in (queues.CLAIMED, queues.RESOLVED):
        abort(400)
    with request_session() as db:
        moved = queues.move_callback(db, request_id, status)
    message = f"Request {status}." if moved else "That request is already resolved."
    return redirect(url_for("admin.callbacks", message=message))


@bp.get("/outbox")
@signed_in()
def outbox():
    """The latest texts sent, with their delivery status."""
    with request_session() as db:
        rows = queues.outbox(db)
    return render_template("admin/outbox.html", rows=rows)


@bp.get("/follow-ups")
@signed_in()
def follow_ups():
    """Course reminders and job alerts due next, and those just done."""
    with request_session() as db:
        due, done = follow_up_store.upcoming(db), follow_up_store.recent(db)
    masked = [
        [replace(view, address=mask(view.address)) for view in views] for views in (due, done)
    ]
    return render_template("admin/follow_ups.html", upcoming=masked[0], recent=masked[1])


@bp.route("/feeds", methods=["GET", "POST"])
@signed_in()
def feeds():
    """Upload a job feed; the report lists every record that was not saved, and why."""
    lines = error = None
    if request.method == "POST":
        upload = request.files.get("feed")
        suffix = Path(upload.filename or "").suffix.lower() if upload else ""
        if not upload or not upload.filename:
            error = "Choose a feed file to upload."
        else:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"upload{suffix}"
                upload.save(path)
                source = f"upload:{Path(upload.filename).stem[:60]}"
                try:
                    with request_session() as db:
                        lines = import_feed_file(db, path, source).lines()
                except ValueError as exc:
                    error = str(exc)
    return render_template("admin/feeds.html", lines=lines, error=error), (400 if error else 200)


@bp.route("/learners", methods=["GET", "POST"])
@signed_in()
def learners():
    """Look a learner up by phone number (posted, so it stays out of URLs and access
    logs); shows what the service holds, masked."""
    typed = request.form.get("number", "").strip()
    number = normalize_phone(typed) if typed else None
    found = error = None
    if typed and number is None:
        error = "Enter a 10-digit US phone number, for example 860 555 0123."
    elif number:
        with request_session() as db:
            found = learner_store.lookup(db, number)
        if found is None:
            error = "Nobody with that number is in the service."
        else:
            # The erase form names nobody: the number stays out of the page.
            session["learner_number"] = number
    with request_session() as db:
        log = [
            {"at": entry.at.strftime("%Y-%m-%d %H:%M"), "subject": entry.subject,
             "detail": entry.detail}
            for entry in learner_store.audit_log(db)
        ]  # fmt: skip
    return render_template(
        "admin/learners.html",
        learner=found,
        error=error,
        log=log,
        message=request.args.get("message"),
    ), (400 if typed and number is None else 200)


@bp.post("/learners/erase")
@signed_in()
def erase_learner():
    """Erase a person's data on request (the form asks to confirm first)."""
    number = session.get("learner_number")
    if number is None or request.form.get("confirm") != "yes":
        message = "Nothing was erased: look the person up, then tick the box to confirm."
        return redirect(url_for("admin.learners", message=message))
    settings = current_app.config["SETTINGS"]
    try:
        learner_store.erase_conversation(settings.rasa_url, settings.rasa_token, number)
        note = "the conversation in the assistant"
    except requests.RequestException as exc:
        note = f"NOT the conversation in the assistant (Rasa: {type(exc).__name__}; erase again)"
    with request_session() as db:
        detail = learner_store.erase(db, number, session.get("staff_id"), note)
    session.pop("learner_number", None)
    return redirect(url_for("admin.learners", message=f"Erased {mask(number)}: {detail}."))
