"""Work queues: callbacks, the outbox, follow-ups, job feed uploads."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from flask import (
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from bot.jobs.feed_import import import_feed_file
from bot.learners import follow_ups as follow_up_store
from bot.staff import queues
from bot.staff.who import person_label
from bot.web.admin import bp, signed_in
from bot.web.admin.audit import audit_rows
from bot.web.db import request_session

CLAIM_REFUSED = {
    queues.TAKEN: "Another staff member has claimed that request.",
    queues.CLOSED: "That request is already closed.",
}
NOT_YOURS = "That request is not claimed by you, or it is closed."


@bp.get("/callbacks")
@signed_in()
def callbacks():
    """Callback requests to claim, with contacts masked, and who was shown which."""
    with request_session() as db:
        waiting = queues.callbacks(db, session.get("staff_id"))
        shown = audit_rows(db, queues.CONTACT_SHOWN, limit=20)
    return render_template(
        "admin/callbacks.html",
        callbacks=waiting,
        shown=shown,
        message=request.args.get("message"),
    )


@bp.post("/callbacks/<int:request_id>/claim")
@signed_in()
def claim_callback(request_id: int):
    """Claim a request: it is yours to call, and its full contact opens to you."""
    with request_session() as db:
        found = queues.claim_callback(db, request_id, session["staff_id"])
    if found == queues.CLAIMED:
        return redirect(url_for("admin.claimed_callback", request_id=request_id))
    message = CLAIM_REFUSED[found]
    return redirect(url_for("admin.callbacks", message=message))


@bp.get("/callbacks/<int:request_id>")
@signed_in()
def claimed_callback(request_id: int):
    """A request you claimed, with the full contact (each view is in the audit log)."""
    return _claimed_page(request_id)


@bp.post("/callbacks/<int:request_id>/outcome")
@signed_in()
def callback_outcome(request_id: int):
    """Record what a call gave; closing outcomes resolve the request."""
    outcome, note = request.form.get("outcome", ""), request.form.get("note", "")
    try:
        with request_session() as db:
            recorded = queues.record_outcome(db, request_id, session["staff_id"], outcome, note)
    except queues.OutcomeError as exc:
        return _claimed_page(request_id, error=str(exc), outcome=outcome, note=note)
    if recorded is None:
        return redirect(url_for("admin.callbacks", message=NOT_YOURS))
    label = queues.OUTCOMES[outcome]
    done = "closed" if recorded.status == queues.RESOLVED else "kept for another try"
    return redirect(url_for("admin.callbacks", message=f"{label}: request {done}."))


def _claimed_page(request_id: int, error: str | None = None, outcome: str = "", note: str = ""):
    with request_session() as db:
        claimed = queues.show_claimed(db, request_id, session["staff_id"])
    if claimed is None:
        return redirect(url_for("admin.callbacks", message=NOT_YOURS))
    page = render_template(
        "admin/callback.html",
        callback=claimed,
        choices=[
            {"value": value, "label": label, "closes": value in queues.CLOSING_OUTCOMES}
            for value, label in queues.OUTCOMES.items()
        ],
        chosen=outcome,
        note=note,
        max_note=queues.MAX_NOTE,
        error=error,
    )
    response = make_response(page, 400 if error else 200)
    # The full contact must not stay behind in the browser's cache.
    response.headers["Cache-Control"] = "no-store"
    return response


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
        [replace(view, address=person_label(view.address)) for view in views]
        for views in (due, done)
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
