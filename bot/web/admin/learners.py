"""Learner lookup and erasure on request."""

from __future__ import annotations

from flask import (
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from bot.messaging.phone import mask, normalize_phone
from bot.privacy.erasure import ERASE, erase
from bot.staff import learners as learner_store
from bot.web.admin import bp, signed_in
from bot.web.admin.audit import audit_rows
from bot.web.db import request_session


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
        log = audit_rows(db, ERASE)
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
    tracker_store_url = current_app.config["SETTINGS"].tracker_store_url
    with request_session() as db:
        detail = erase(
            db, tracker_store_url, number, session.get("staff_id"), "requested through staff"
        )
    session.pop("learner_number", None)
    return redirect(url_for("admin.learners", message=f"Erased {mask(number)}: {detail}."))
