"""The audit log: who did what to people's data, and when.

Every entry goes through :func:`record_audit`: an erasure, an employer's change of an
apply link, a staff member shown a caller's full contact or recording a call. Each
names who did it (``actor``) and names people only by their masked number or by a
record id, never in full.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import StaffAudit, StaffUser

# The actor of an erasure the person asked for by texting "forget me".
THE_PERSON = "the person, by text"


def record_audit(
    session: Session,
    action: str,
    subject: str,
    detail: str,
    staff_id: int | None = None,
    actor: str | None = None,
) -> StaffAudit:
    """Add an audit entry of ``action`` about ``subject`` (at most 40 characters: a
    masked number, ``job 12``, ``callback 7``). Who did it: the staff member
    ``staff_id`` (named by their email) unless ``actor`` names someone else (an
    employer account, :data:`THE_PERSON`)."""
    if actor is None and staff_id is not None:
        staff = session.get(StaffUser, staff_id)
        actor = staff.email if staff else None
    entry = StaffAudit(
        staff_id=staff_id,
        actor=(actor or "")[:300],
        action=action,
        subject=subject[:40],
        detail=detail,
    )
    session.add(entry)
    return entry


def audit_log(session: Session, action: str | None = None, limit: int = 50) -> list[StaffAudit]:
    """The latest audit entries (of ``action``, or all), newest first."""
    query = select(StaffAudit).order_by(StaffAudit.at.desc(), StaffAudit.id.desc()).limit(limit)
    if action is not None:
        query = query.where(StaffAudit.action == action)
    return list(session.scalars(query))
