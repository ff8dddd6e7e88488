"""Staff sign-in, the overview, and (admins) staff accounts."""

from __future__ import annotations

from flask import (
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select

from bot.db.models import StaffUser
from bot.staff.accounts import ROLES, AccountError, create_staff, sign_in
from bot.staff.conversation_stats import conversation_stats
from bot.staff.dashboard import BAR_WIDTH, dashboard, window
from bot.staff.overview import overview
from bot.web.admin import bp, signed_in
from bot.web.auth import WRONG, begin_session, client_address, end_session, safe_next
from bot.web.db import request_session

# Where a staff sign-in may lead back to: the portal and the phone simulator.
STAFF_PAGES = ("/admin", "/simulator")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; too many wrong passwords from one network pause sign-in there."""
    error = None
    email = request.form.get("email", "")
    if request.method == "POST":
        with request_session() as db:
            result = sign_in(db, email, request.form.get("password", ""), client_address())
        if result.outcome == "ok":
            begin_session("staff_id", result.user_id, staff_role=result.role)
            target = safe_next(request.args.get("next", ""), STAFF_PAGES, "admin.home")
            return redirect(target)
        error = WRONG
    status = 401 if error else 200
    return render_template(
        "sign_in.html", heading="Staff sign-in", error=error, email=email
    ), status


@bp.post("/logout")
def logout():
    """Sign out (on the server too)."""
    end_session()
    return redirect(url_for("admin.login"))


@bp.get("")
@signed_in()
def home():
    """What needs staff attention."""
    tracker_store_url = current_app.config["SETTINGS"].tracker_store_url
    conversations = conversation_stats(tracker_store_url, window()[0])
    with request_session() as db:
        figures = overview(db)
        board = dashboard(db, conversations)
    return render_template("admin/home.html", figures=figures, board=board, bar_width=BAR_WIDTH)


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
        accounts = [
            {"email": user.email, "role": user.role}
            for user in db.scalars(select(StaffUser).order_by(StaffUser.email))
        ]
    return render_template(
        "admin/staff.html", accounts=accounts, roles=ROLES, error=error, message=message
    ), (400 if error else 200)
