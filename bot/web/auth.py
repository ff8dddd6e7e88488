"""Signing in to the portals (staff, employers): sessions, guards and messages."""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, session, url_for

from bot.staff import portal_sessions
from bot.staff.accounts import LOCK_MINUTES, MAX_FAILURES
from bot.web.db import request_session

# One answer for every failed sign-in (unknown email, wrong password, too many tries),
# so that the page never tells which emails have accounts.
WRONG = (
    "Wrong email or password. After "
    f"{MAX_FAILURES} wrong tries, sign-in from your network pauses for {LOCK_MINUTES} minutes."
)
TOKEN = "portal_session"
# The session key that holds each kind of signed-in user.
KINDS = {"staff_id": "staff", "employer_account_id": "employer"}


def begin_session(key: str, user_id: int, **values) -> None:
    """Start a fresh session for ``user_id`` under ``key`` (``staff_id`` or
    ``employer_account_id``) holding ``values``: a session id planted before sign-in is
    useless after it, and the server can end this one (see bot.staff.portal_sessions)."""
    with request_session() as db:
        token = portal_sessions.start(db, KINDS[key], user_id)
    session.clear()
    session.update({key: user_id, TOKEN: token, **values})


def end_session() -> None:
    """Sign out: the server forgets the session, so a copied cookie opens nothing."""
    with request_session() as db:
        portal_sessions.end(db, session.get(TOKEN))
    session.clear()


def client_address() -> str:
    """The address a request came from, for counting wrong sign-ins."""
    return request.remote_addr or "unknown"


def safe_next(target: str, allowed: tuple[str, ...], fallback: str) -> str:
    """Where to go after signing in: ``target`` if it is a path under one of
    ``allowed``, else ``fallback``'s page. Never another site; a CR or LF (a header
    injection attempt) is a 400."""
    if "\r" in target or "\n" in target:
        abort(400)
    if target.startswith(allowed) and not target.startswith("//"):
        return target
    return url_for(fallback)


def _live(key: str) -> bool:
    if key not in session:
        return False
    with request_session() as db:
        user = portal_sessions.current_user(db, session.get(TOKEN), KINDS[key])
    if user != session[key]:
        session.clear()
        return False
    return True


def requires_sign_in(key: str, login_endpoint: str, role: str | None = None):
    """Views behind this need a live session for ``key`` (and ``staff_role`` ==
    ``role``): signed in, not signed out since, not idle too long."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not _live(key):
                # The whole address, so a page opened with a query (the simulator's
                # number, a filtered list) comes back as it was asked for.
                wanted = request.full_path if request.query_string else request.path
                return redirect(url_for(login_endpoint, next=wanted))
            if role and session.get("staff_role") != role:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate
