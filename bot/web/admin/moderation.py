"""The moderation queue: employer sign-ups and job postings."""

from __future__ import annotations

from flask import (
    abort,
    redirect,
    render_template,
    request,
    url_for,
)

from bot.employers import accounts as employer_accounts
from bot.employers import postings
from bot.web.admin import bp, signed_in
from bot.web.admin.audit import audit_rows
from bot.web.db import request_session


@bp.get("/moderation")
@signed_in()
def moderation():
    """Employer sign-ups and job postings waiting for a decision, with their flags."""
    with request_session() as db:
        waiting = employer_accounts.waiting(db)
        queued = postings.queue(db)
        changes = audit_rows(db, postings.APPLY_LINK_CHANGED, limit=20)
    return render_template(
        "admin/moderation.html",
        accounts=waiting,
        postings=queued,
        link_changes=changes,
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
    join = request.form.get("join_existing") == "yes"
    try:
        with request_session() as db:
            account = employer_accounts.decide(db, account_id, approve, join_existing=join)
            name = account.email if account else None
    except employer_accounts.JoinNotConfirmed as refusal:
        return redirect(url_for("admin.moderation", message=str(refusal)))
    return _report_decision(account, approve, name, "That sign-up was already decided.")


@bp.post("/moderation/jobs/<int:job_id>")
@signed_in()
def decide_posting(job_id: int):
    """Approve (it goes live) or reject a posting."""
    approve = _decision()
    with request_session() as db:
        job = postings.decide(db, job_id, approve)
        name = job.title if job else None
    return _report_decision(job, approve, name, "That posting was already decided.")
