"""The staff portal under /admin. One blueprint; its views live in the modules
below by subject: sign-in and accounts, moderation, work queues, learners."""

from __future__ import annotations

from flask import Blueprint

from bot.web.auth import requires_sign_in
from bot.web.csrf import refuse_forged_posts

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(refuse_forged_posts)


def signed_in(role: str | None = None):
    """Views behind this need a signed-in staff member (with ``role``, if given)."""
    return requires_sign_in("staff_id", "admin.login", role)


# The views register themselves on ``bp``.
from bot.web.admin import accounts, audit, courses, learners, moderation, queues  # noqa: E402, F401
