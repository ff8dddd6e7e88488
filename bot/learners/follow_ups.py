"""Follow-up rows: reminder schedules per enrollment, alert schedules per subscription.

A schedule keeps one pending row at a time; delivering it adds the next one, so
stopping a schedule is cancelling that row. Each row has an idempotency key that
names the text it leads to (``reminder:<enrollment>:<n>``, ``alert:<subscription>:<date>``)
and goes with it to the outbound gate, so a retried delivery never texts twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.inserts import insert_new
from bot.db.models import Course, Enrollment, FollowUp, JobAlertSubscription, Person
from bot.learners.schedule import next_alert_due, reminder_due

COURSE_REMINDER = "course_reminder"
JOB_ALERT = "job_alert"

PENDING = "pending"
CLAIMED = "claimed"
SENT = "sent"
SKIPPED = "skipped"


def _add(session: Session, **values: Any) -> None:
    """Line up a follow-up unless one with its idempotency key exists (one statement,
    in the session's transaction; what it points at must be flushed already)."""
    insert_new(
        session,
        FollowUp.__table__,
        {"status": PENDING, "attempts": 0, "created_at": utcnow(), **values},
        "idempotency_key",
    )


def schedule_reminder(session: Session, enrollment: Enrollment, number: int) -> None:
    """Add reminder ``number`` of an enrollment (nothing past the end of the schedule)."""
    due = reminder_due(enrollment.reminders_started_at, number)
    if due is None:
        return
    _add(
        session,
        kind=COURSE_REMINDER,
        person_id=enrollment.person_id,
        enrollment_id=enrollment.id,
        due_at=due,
        sequence=number,
        idempotency_key=f"reminder:{enrollment.id}:{number}",
    )


def start_reminders(session: Session, enrollment: Enrollment, now: datetime | None = None) -> None:
    """The learner agreed to reminders: schedule the first one."""
    enrollment.reminders_consent = True
    if enrollment.reminders_started_at is None:
        enrollment.reminders_started_at = now or utcnow()
    session.flush()
    schedule_reminder(session, enrollment, 1)


def cancel(session: Session, reason: str, **where: int) -> int:
    """Skip the pending follow-ups of an enrollment, a subscription or a person
    (``enrollment_id=``, ``subscription_id=`` or ``person_id=``); returns how many."""
    conditions = [getattr(FollowUp, column) == value for column, value in where.items()]
    return session.execute(
        update(FollowUp)
        .where(FollowUp.status == PENDING, *conditions)
        .values(status=SKIPPED, skip_reason=reason[:120], done_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount


def cancel_for_address(session: Session, address: str, reason: str) -> int:
    """Skip every pending follow-up of the person with this phone number (an opt-out)."""
    people = session.execute(select(Person.id).where(Person.address == address)).scalars()
    return sum(cancel(session, reason, person_id=person_id) for person_id in people)


def schedule_alert(
    session: Session, subscription: JobAlertSubscription, after: datetime | None = None
) -> None:
    """Add the subscription's next digest (its first, or the one after a digest)."""
    due = next_alert_due(after or utcnow(), subscription.frequency)
    _add(
        session,
        kind=JOB_ALERT,
        person_id=subscription.person_id,
        subscription_id=subscription.id,
        due_at=due,
        idempotency_key=f"alert:{subscription.id}:{due:%Y%m%d%H%M}",
    )


def restart_alerts(session: Session, subscription: JobAlertSubscription) -> None:
    """A new or changed subscription: replace its pending digest with a fresh one."""
    session.flush()
    cancel(session, "subscription changed", subscription_id=subscription.id)
    schedule_alert(session, subscription)


@dataclass(frozen=True)
class FollowUpView:
    """One follow-up as staff see it."""

    id: int
    kind: str
    address: str
    what: str
    due_at: datetime
    status: str
    skip_reason: str | None
    done_at: datetime | None


def _views(session: Session, query) -> list[FollowUpView]:
    rows = session.execute(
        query.add_columns(Person.address, Course.title, JobAlertSubscription.keyword)
        .join(Person, Person.id == FollowUp.person_id)
        .outerjoin(Enrollment, Enrollment.id == FollowUp.enrollment_id)
        .outerjoin(Course, Course.id == Enrollment.course_id)
        .outerjoin(JobAlertSubscription, JobAlertSubscription.id == FollowUp.subscription_id)
    ).all()
    return [
        FollowUpView(
            id=row.id,
            kind=row.kind,
            address=address,
            what=title or f"{keyword or 'any'} jobs",
            due_at=row.due_at,
            status=row.status,
            skip_reason=row.skip_reason,
            done_at=row.done_at,
        )
        for row, address, title, keyword in rows
    ]


def upcoming(session: Session, limit: int = 50) -> list[FollowUpView]:
    """Pending follow-ups, soonest first."""
    query = (
        select(FollowUp)
        .where(FollowUp.status.in_((PENDING, CLAIMED)))
        .order_by(FollowUp.due_at, FollowUp.id)
        .limit(limit)
    )
    return _views(session, query)


def recent(session: Session, limit: int = 50) -> list[FollowUpView]:
    """Sent and skipped follow-ups, latest first, with the reason for each skip."""
    query = (
        select(FollowUp)
        .where(FollowUp.status.in_((SENT, SKIPPED)))
        .order_by(FollowUp.done_at.desc(), FollowUp.id.desc())
        .limit(limit)
    )
    return _views(session, query)
