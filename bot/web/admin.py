"""The staff portal under /admin: sign-in, the overview and (admins) staff accounts."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, redirect, render_template, request, session, url_for

from bot.clock import utcnow
from bot.db.models import StaffUser
from bot.staff.accounts import ROLES, AccountError, create_staff, sign_in
from bot.staff.overview import overview
from bot.web.csrf import refuse_forged_posts
from bot.web.db import request_session

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(refuse_forged_posts)


def signed_in(role: str | None = None):
    """Views behind this need a signed-in staff member (with ``role``, if given)."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if "staff_id" not in session:
                return redirect(url_for("admin.login", next=request.path))
            if role and session.get("staff_role") != role:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; after too many wrong passwords the account is locked."""
    error = None
    email = request.form.get("email", "")
    if request.method == "POST":
        with request_session() as db:
            result = sign_in(db, email, request.form.get("password", ""))
        if result.outcome == "ok":
            # A new session on sign-in, so a session id planted before it is useless.
            session.clear()
            session["staff_id"], session["staff_role"] = result.user_id, result.role
            target = request.args.get("next", "")
            # Only paths inside this portal: never a redirect to another site.
            if not target.startswith("/admin") or target.startswith("//"):
                target = url_for("admin.home")
            return redirect(target)
        if result.outcome == "locked":
            minutes = max(1, round((result.locked_until - utcnow()).total_seconds() / 60))
            error = (
                "Too many wrong passwords: this account is locked. "
                f"Try again in {minutes} minutes, or ask an admin."
            )
        else:
            error = "Wrong email or password."
    status = 401 if error else 200
    return render_template("admin/login.html", error=error, email=email), status


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
