""" "Forget me" by text: the person confirms, the worker erases a little later.

The conversation turn that confirms is still running when the action answers, and
Rasa writes the whole turn back to the tracker store when it ends; erasing then
would leave the conversation behind. So the action records an erasure request due
``DELAY`` later, and the worker carries it out with the same code as staff use.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.db.models import ErasureRequest
from bot.messaging.phone import mask
from bot.privacy.audit import THE_PERSON
from bot.privacy.erasure import erase

DELAY = timedelta(seconds=30)
RETRY = timedelta(minutes=5)
BY_TEXT = "requested by the person in the conversation"

log = logging.getLogger(__name__)


def request_erasure(session: Session, channel: str, address: str, now: datetime) -> None:
    """Line up the erasure of ``address``; asking twice keeps one request."""
    existing = session.scalars(
        select(ErasureRequest).where(
            ErasureRequest.channel == channel, ErasureRequest.address == address
        )
    ).first()
    if existing is None:
        session.add(
            ErasureRequest(channel=channel, address=address, requested_at=now, due_at=now + DELAY)
        )
    else:
        existing.due_at = now + DELAY


def carry_out_due(session: Session, tracker_store_url: str, now: datetime) -> int:
    """Erase everyone whose request is due, then drop the requests; returns how many.
    A request whose conversation cannot be reached waits ``RETRY`` and is tried again.

    Rows are locked as they are taken, so two workers never erase the same person
    twice (SKIP LOCKED on PostgreSQL; SQLite has one writer at a time anyway)."""
    due = session.scalars(
        select(ErasureRequest)
        .where(ErasureRequest.due_at <= now)
        .order_by(ErasureRequest.due_at)
        .limit(50)
        .with_for_update(skip_locked=True)
    ).all()
    done = 0
    for request in due:
        try:
            erase(
                session,
                tracker_store_url,
                request.address,
                None,
                BY_TEXT,
                all_or_nothing=True,
                actor=THE_PERSON,
            )
        except SQLAlchemyError as exc:
            log.warning(
                "erasing %s waits: the tracker store cannot be reached (%s)",
                mask(request.address),
                type(exc).__name__,
            )
            request.due_at = now + RETRY
            continue
        session.delete(request)
        done += 1
    return done
