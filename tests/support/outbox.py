"""What the outbound gate stored for a number: the SMS outbox rows, oldest first."""

from __future__ import annotations

from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import OutboundMessage


def outbox_rows(db_url: str, to: str) -> list[OutboundMessage]:
    """Every outbound row for ``to``, oldest first, detached from the session."""
    with session_scope(db_url) as session:
        found = session.execute(
            select(OutboundMessage)
            .where(OutboundMessage.to_address == to)
            .order_by(OutboundMessage.id)
        ).scalars()
        result = list(found)
        session.expunge_all()
        return result
