"""The audit log as staff read it: when (Connecticut time), who, what, about whom.

The queue pages show the entries of their own kind; ``/admin/audit`` shows them all.
"""

from __future__ import annotations

from flask import render_template
from sqlalchemy.orm import Session

from bot.clock import connecticut_time
from bot.employers.postings import APPLY_LINK_CHANGED
from bot.privacy.audit import audit_log
from bot.privacy.erasure import ERASE
from bot.staff.queues import CONTACT_SHOWN, OUTCOME_RECORDED
from bot.web.admin import bp, signed_in
from bot.web.db import request_session

# What each kind of entry records, in plain words.
ACTIONS = {
    ERASE: "Erased a person's data",
    APPLY_LINK_CHANGED: "Changed a job's apply link",
    CONTACT_SHOWN: "Was shown a caller's contact",
    OUTCOME_RECORDED: "Recorded a call's outcome",
}
UNKNOWN_ACTOR = "not recorded"


def audit_rows(session: Session, action: str | None = None, limit: int = 50) -> list[dict]:
    """The latest entries (of ``action``, or all) as table rows, newest first."""
    return [
        {
            "at": connecticut_time(entry.at),
            "who": entry.actor or UNKNOWN_ACTOR,
            "what": ACTIONS.get(entry.action, entry.action),
            "subject": entry.subject,
            "detail": entry.detail,
        }
        for entry in audit_log(session, action, limit)
    ]


@bp.get("/audit")
@signed_in()
def audit():
    """Every kind of audit entry, newest first: who did what, to which record."""
    with request_session() as db:
        rows = audit_rows(db, limit=200)
    return render_template("admin/audit.html", log=rows)
