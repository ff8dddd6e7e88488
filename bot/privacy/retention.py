"""Data retention: conversations and ended enrollments are not kept for ever.

- Conversation events in Rasa's tracker store older than CONVERSATION_RETENTION_DAYS
  (default 180) are deleted.
- Enrollments that ended (completed or dropped) more than ENROLLMENT_RETENTION_DAYS
  ago (default 365) are anonymized: the link to the person goes, with the follow-ups
  that named them; the row stays as a count for the reports.

The worker runs this once an hour (every worker: it is idempotent); staff can run it
with ``python -m bot.cli retention``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.config import Settings, load_settings
from bot.db.models import Enrollment, FollowUp
from bot.learners.enrollments import OPEN
from bot.privacy.conversations import delete_events_before

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionPolicy:
    """How long each kind of data is kept, in days."""

    conversation_days: int = Settings.conversation_retention_days
    enrollment_days: int = Settings.enrollment_retention_days

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RetentionPolicy:
        """CONVERSATION_RETENTION_DAYS and ENROLLMENT_RETENTION_DAYS (read by
        bot/config.py, which refuses a period under a day), or the defaults."""
        settings = load_settings(env)
        return cls(settings.conversation_retention_days, settings.enrollment_retention_days)


@dataclass(frozen=True)
class RetentionReport:
    """What one run removed."""

    conversation_events: int
    enrollments: int

    def line(self) -> str:
        """One line for logs and the command line."""
        return (
            f"deleted {self.conversation_events} conversation events, "
            f"anonymized {self.enrollments} ended enrollments"
        )


def anonymize_ended_enrollments(session: Session, before: datetime) -> int:
    """Unlink enrollments that ended before ``before`` from their person; returns how many."""
    ended = select(Enrollment.id).where(
        Enrollment.person_id.is_not(None),
        Enrollment.status.not_in(OPEN),
        Enrollment.updated_at < before,
    )
    ids = list(session.scalars(ended))
    if not ids:
        return 0
    session.execute(delete(FollowUp).where(FollowUp.enrollment_id.in_(ids)))
    session.execute(
        update(Enrollment)
        .where(Enrollment.id.in_(ids))
        .values(person_id=None, reminders_consent=False)
        .execution_options(synchronize_session=False)
    )
    return len(ids)


def apply_retention(
    session: Session, tracker_store_url: str, now: datetime, policy: RetentionPolicy
) -> RetentionReport:
    """Remove what is older than ``policy`` allows."""
    events = delete_events_before(tracker_store_url, now - timedelta(days=policy.conversation_days))
    enrollments = anonymize_ended_enrollments(session, now - timedelta(days=policy.enrollment_days))
    return RetentionReport(events, enrollments)
