"""Protection against cross-site form posts for the signed-in portals.

Each browser session gets a random token; every form a portal renders carries it in a
hidden ``csrf_token`` field, and a POST without the matching token is refused. A page
on another site cannot read the token, so it cannot forge a staff member's click.
"""

from __future__ import annotations

import hmac
import secrets

from flask import render_template, request, session

FIELD = "csrf_token"
EXPIRED = "This form has expired. Go back, reload the page and try again."


def csrf_token() -> str:
    """This session's token (created on first use); templates put it in every form."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]


def refuse_forged_posts():
    """A ``before_request`` hook: a POST must carry this session's token."""
    if request.method != "POST":
        return None
    sent = request.form.get(FIELD, "")
    expected = session.get(FIELD, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        return render_template("error.html", message=EXPIRED), 400
    return None
