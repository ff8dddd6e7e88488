"""Taking due follow-ups for delivery so that each is delivered by exactly one worker.

A claim sets the row to ``claimed`` with the time and counts the attempt, and is
committed before anything is sent. A worker that dies leaves its claims behind; they
become claimable again once the lease has run out, and the idempotency key of the
text keeps a second delivery from texting twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.db.models import FollowUp
from bot.learners.follow_ups import CLAIMED, PENDING

# The lease when FOLLOW_UP_LEASE_SECONDS does not set another.
LEASE = timedelta(seconds=Settings.follow_up_lease_seconds)


def _claimable(now: datetime, lease: timedelta):
    return or_(
        and_(FollowUp.status == PENDING, FollowUp.due_at <= now),
        and_(FollowUp.status == CLAIMED, FollowUp.claimed_at < now - lease),
    )


def claim_due(session: Session, now: datetime, limit: int, lease: timedelta = LEASE) -> list[int]:
    """Claim up to ``limit`` due follow-ups, oldest first (a claim older than ``lease``
    may be taken again); returns their ids.

    PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so parallel workers take different rows
    without waiting on each other. SQLite has one writer at a time; there each row is
    claimed by a conditional UPDATE that re-checks the row, so two workers can never
    both succeed on the same row.
    """
    candidates = (
        select(FollowUp.id).where(_claimable(now, lease)).order_by(FollowUp.due_at, FollowUp.id)
    )
    claim = (
        update(FollowUp)
        .values(status=CLAIMED, claimed_at=now, attempts=FollowUp.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    if session.get_bind().dialect.name == "postgresql":
        ids = list(
            session.execute(candidates.limit(limit).with_for_update(skip_locked=True)).scalars()
        )
        if ids:
            session.execute(claim.where(FollowUp.id.in_(ids)))
        session.commit()
        return ids
    claimed = []
    for row_id in session.execute(candidates.limit(limit)).scalars().all():
        if session.execute(claim.where(FollowUp.id == row_id, _claimable(now, lease))).rowcount:
            claimed.append(row_id)
    session.commit()
    return claimed


def release(session: Session, row_ids: list[int]) -> None:
    """Give claimed rows back (the assistant could not be reached): due again at once."""
    if row_ids:
        session.execute(
            update(FollowUp)
            .where(FollowUp.id.in_(row_ids), FollowUp.status == CLAIMED)
            .values(status=PENDING, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        session.commit()
