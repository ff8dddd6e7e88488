"""Signed-in browsers of the portals, kept on the server.

The browser's signed cookie holds only a random token; this table says whether it
still opens the portal. Signing out ends it for every copy of the cookie, and a
session unused for ``IDLE_MINUTES`` ends by itself. Kinds: ``staff`` and
``employer`` (the user is an account), ``alerts`` (the user is a person who proved
their number with a texted code, for a short while: see bot/web/alerts.py).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import PortalSession

IDLE_MINUTES = 30
# last_seen_at is written at most this often, not on every page.
TOUCH_EVERY = timedelta(minutes=1)
# Ended or idle sessions are deleted once they are this old.
KEEP = timedelta(days=1)


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, kind: str, user_id: int, now: datetime | None = None) -> str:
    """A new session for ``user_id`` of ``kind`` (``staff`` or ``employer``); returns the
    token for the browser's cookie."""
    now = now or utcnow()
    session.execute(
        delete(PortalSession).where(
            or_(PortalSession.last_seen_at < now - KEEP, PortalSession.ended_at < now - KEEP)
        )
    )
    token = secrets.token_urlsafe(32)
    session.add(
        PortalSession(id=_key(token), kind=kind, user_id=user_id, created_at=now, last_seen_at=now)
    )
    return token


def current_user(
    session: Session,
    token: str | None,
    kind: str,
    now: datetime | None = None,
    max_age: timedelta | None = None,
) -> int | None:
    """The user whose live session ``token`` is, or None (ended, idle, unknown, or
    older than ``max_age`` when one is given)."""
    if not token:
        return None
    now = now or utcnow()
    row = session.get(PortalSession, _key(token))
    if row is None or row.kind != kind or row.ended_at is not None:
        return None
    too_old = max_age is not None and row.created_at <= now - max_age
    if too_old or row.last_seen_at < now - timedelta(minutes=IDLE_MINUTES):
        row.ended_at = now
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row.user_id


def end(session: Session, token: str | None, now: datetime | None = None) -> None:
    """End the session ``token`` (signing out)."""
    if token:
        row = session.get(PortalSession, _key(token))
        if row is not None and row.ended_at is None:
            row.ended_at = now or utcnow()
