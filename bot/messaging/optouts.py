"""Numbers we must not text: opted out by the person, or unreachable; and numbers
asked whether they want to stop, which get replies but nothing proactive until
they answer."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import OptOut

OPTED_OUT = "opted_out"
UNREACHABLE = "unreachable"
ASKED = "asked"


def blocks(status: str | None, proactive: bool) -> bool:
    """Whether a number with ``status`` must not get a text (``proactive``: one the
    person did not just ask for). An open opt-out question holds proactive texts only."""
    if status == ASKED:
        return proactive
    return status is not None


def block_status(session: Session, address: str) -> str | None:
    """``opted_out``, ``unreachable``, ``asked`` or None when the number may be texted."""
    return session.execute(
        select(OptOut.status).where(OptOut.address == address)
    ).scalar_one_or_none()


def block_statuses(session: Session, addresses: list[str]) -> dict[str, str]:
    """:func:`block_status` for many numbers at once; numbers that may be texted are
    left out."""
    if not addresses:
        return {}
    return dict(
        session.execute(
            select(OptOut.address, OptOut.status).where(OptOut.address.in_(addresses))
        ).all()
    )


def _set(session: Session, address: str, status: str, reason: str) -> None:
    row = session.execute(select(OptOut).where(OptOut.address == address)).scalar_one_or_none()
    if row is None:
        session.add(OptOut(address=address, status=status, reason=reason[:120]))
    elif row.status != OPTED_OUT or status == OPTED_OUT:
        # An opt-out is the person's own choice: "unreachable" never overrides it.
        row.status, row.reason, row.updated_at = status, reason[:120], utcnow()
    session.flush()


def opt_out(session: Session, address: str, reason: str) -> None:
    """Record that ``address`` asked not to be texted."""
    _set(session, address, OPTED_OUT, reason)


def ask(session: Session, address: str, reason: str) -> None:
    """Record that ``address`` was asked whether it wants to stop (unless it is blocked
    already): proactive texts wait for the answer."""
    if block_status(session, address) is None:
        _set(session, address, ASKED, reason)


def mark_unreachable(session: Session, address: str, reason: str) -> None:
    """Record that texts to ``address`` cannot be delivered (landline, dead number)."""
    _set(session, address, UNREACHABLE, reason)


def opt_in(session: Session, address: str) -> bool:
    """Allow texting ``address`` again; True if it had been blocked."""
    row = session.execute(select(OptOut).where(OptOut.address == address)).scalar_one_or_none()
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
