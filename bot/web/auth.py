"""Signing in to the portals (staff, employers): sessions, guards and messages."""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, session, url_for

from bot.clock import utcnow
from bot.staff.accounts import SignIn

WRONG = "Wrong email or password."


def begin_session(**values) -> None:
    """Start a fresh session holding ``values``: a session id planted before sign-in
    is useless after it."""
    session.clear()
    session.update(values)


def safe_next(target: str, allowed: tuple[str, ...], fallback: str) -> str:
    """Where to go after signing in: ``target`` if it is a path under one of
    ``allowed``, else ``fallback``'s page. Never another site; a CR or LF (a header
    injection attempt) is a 400."""
    if "\r" in target or "\n" in target:
        abort(400)
    if target.startswith(allowed) and not target.startswith("//"):
        return target
    return url_for(fallback)


def requires_sign_in(key: str, login_endpoint: str, role: str | None = None):
    """Views behind this need ``key`` in the session (and ``staff_role`` == ``role``)."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if key not in session:
                return redirect(url_for(login_endpoint, next=request.path))
            if role and session.get("staff_role") != role:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate


def failed_sign_in_message(result: SignIn) -> str:
    """What to tell someone whose sign-in did not succeed."""
    if result.outcome == "locked":
        minutes = max(1, round((result.locked_until - utcnow()).total_seconds() / 60))
        return (
            "Too many wrong passwords: this account is locked. "
            f"Try again in {minutes} minutes, or ask an admin."
        )
    return WRONG
