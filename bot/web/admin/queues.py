"""Work queues: callbacks, the outbox, follow-ups, job feed uploads."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from flask import (
    abort,
    redirect,
    render_template,
    request,
    url_for,
)

from bot.jobs.feed_import import import_feed_file
from bot.learners import follow_ups as follow_up_store
from bot.messaging.phone import mask
from bot.staff import queues
from bot.web.admin import bp, signed_in
from bot.web.db import request_session


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
