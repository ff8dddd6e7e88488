"""The audit log: who did what to people's data, and when.

Every entry goes through :func:`record_audit`: an erasure, an employer's change of an
apply link, a staff member shown a caller's full contact. Entries name people only
by their masked number or by a record id, never in full.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import StaffAudit


def record_audit(
    session: Session, action: str, subject: str, detail: str, staff_id: int | None = None
) -> StaffAudit:
    """Add an audit entry of ``action`` about ``subject`` (at most 40 characters: a
    masked number, ``job 12``, ``callback 7``); ``staff_id`` empty when no staff
    member did it (an employer account, named in ``detail``)."""
    entry = StaffAudit(staff_id=staff_id, action=action, subject=subject[:40], detail=detail)
    session.add(entry)
    return entry


def audit_log(session: Session, action: str, limit: int = 50) -> list[StaffAudit]:
    """The latest audit entries of ``action``, newest first."""
    return list(
        session.scalars(
            select(StaffAudit)
            .where(StaffAudit.action == action)
            .order_by(StaffAudit.at.desc(), StaffAudit.id.desc())
            .limit(limit)
        )
    )
