"""The figures on the first page of the staff portal: what needs attention."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import HandoffRequest, Job, OptOut, OutboundMessage
from bot.jobs.store import HELD
from bot.messaging.gate import FAILED
from bot.messaging.optouts import OPTED_OUT
from bot.staff.queues import OPEN


@dataclass(frozen=True)
class Overview:
    """Counts staff look at first."""

    open_callbacks: int
    jobs_awaiting_approval: int
    opted_out_numbers: int
    failed_texts: int


def _count(session: Session, model, *conditions) -> int:
    return session.execute(select(func.count()).select_from(model).where(*conditions)).scalar_one()


def overview(session: Session) -> Overview:
    """The current counts."""
    return Overview(
        open_callbacks=_count(session, HandoffRequest, HandoffRequest.status == OPEN),
        jobs_awaiting_approval=_count(session, Job, Job.status == HELD),
        opted_out_numbers=_count(session, OptOut, OptOut.status == OPTED_OUT),
        failed_texts=_count(session, OutboundMessage, OutboundMessage.status == FAILED),
    )
