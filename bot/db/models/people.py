"""The people the assistant talks to: eligibility, enrollments, alerts, follow-ups,
callback requests and erasure requests."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from bot.clock import utcnow
from bot.db.models.base import Base
from bot.db.models.courses import Course
from bot.db.models.jobs import Place


class Person(Base):
    """Someone the assistant talks to, identified by channel + address (phone, web id)."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_people_channel_address"),)

    id = Column(Integer, primary_key=True)
    channel = Column(String(20), nullable=False)
    address = Column(String(120), nullable=False)
    language = Column(String(5), nullable=False, default="en")
    home_place_id = Column(Integer, ForeignKey("places.id"))
    sms_consent = Column(Boolean, nullable=False, default=False)
    sms_consent_at = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=utcnow)

    home_place = relationship(Place)


class EligibilityScreening(Base):
    """Answers a person gave to the eligibility questions and the outcome."""

    __tablename__ = "eligibility_screenings"

    id = Column(Integer, primary_key=True)
    person_id = Column(Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    answers = Column(JSON, nullable=False, default=dict)
    status = Column(String(20), nullable=False)
    programs = Column(JSON, nullable=False, default=list)
    rules_version = Column(String(40), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class Enrollment(Base):
    """A person's enrollment in a course. ``status`` holds the value of an
    EnrollmentStatus (bot/learners/enrollments.py, which makes every change of it).

    The retention job anonymizes ended enrollments: ``person_id`` becomes NULL and the
    row stays only as a count for the reports."""

    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("person_id", "course_id", name="uq_enrollment"),)

    id = Column(Integer, primary_key=True)
    person_id = Column(Integer, ForeignKey("people.id", ondelete="CASCADE"))
    course_id = Column(Integer, ForeignKey("courses.id"), nullable=False)
    status = Column(String(20), nullable=False, default="enrolled")
    reminders_consent = Column(Boolean, nullable=False, default=False)
    reminders_started_at = Column(DateTime)
    enrolled_at = Column(DateTime, nullable=False, default=utcnow)
    completed_at = Column(DateTime)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    course = relationship(Course)
    person = relationship(Person)


class JobAlertSubscription(Base):
    """A standing request for new jobs matching a keyword near a place."""

    __tablename__ = "job_alert_subscriptions"

    id = Column(Integer, primary_key=True)
    person_id = Column(Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    keyword = Column(String(80), nullable=False, default="")
    place_id = Column(Integer, ForeignKey("places.id"))
    radius_miles = Column(Float, nullable=False, default=25)
    frequency = Column(String(10), nullable=False, default="weekly")
    active = Column(Boolean, nullable=False, default=True)
    last_sent_at = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class FollowUp(Base):
    """A proactive text due at a time: a course reminder or a job-alert digest."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        Index("ix_follow_ups_due", "status", "due_at"),
        Index("ix_follow_ups_enrollment", "enrollment_id", "status"),
    )

    id = Column(Integer, primary_key=True)
    kind = Column(String(20), nullable=False)
    person_id = Column(Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    enrollment_id = Column(Integer, ForeignKey("enrollments.id", ondelete="CASCADE"))
    subscription_id = Column(Integer, ForeignKey("job_alert_subscriptions.id", ondelete="CASCADE"))
    due_at = Column(DateTime, nullable=False)
    # 1 for an enrollment's first reminder, 2 for the second...
    sequence = Column(Integer, nullable=False, default=1, server_default="1")
    status = Column(String(12), nullable=False, default="pending")
    attempts = Column(Integer, nullable=False, default=0)
    claimed_at = Column(DateTime)
    done_at = Column(DateTime)
    skip_reason = Column(String(120))
    idempotency_key = Column(String(80), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class HandoffRequest(Base):
    """A person's request to talk to a human, with the reason, for staff to call back.

    ``contact`` is how to reach someone who asked in the website's chat, as they gave
    it: a phone number in E.164 form (``+18605550123``) or an email address; empty
    when they gave none. A texter is reached at their own number (``Person.address``).
    ``open`` -> ``claimed`` (by ``claimed_by``) -> ``resolved``; ``outcome`` is what
    the last call attempt gave (see bot/staff/queues.py)."""

    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True)
    person_id = Column(Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    reason = Column(Text, nullable=False, default="")
    contact = Column(String(254))
    status = Column(String(12), nullable=False, default="open")
    created_at = Column(DateTime, nullable=False, default=utcnow)
    claimed_by = Column(
        Integer,
        ForeignKey("staff_users.id", ondelete="SET NULL", name="fk_handoff_requests_claimed_by"),
    )
    claimed_at = Column(DateTime)
    outcome = Column(String(20))
    outcome_note = Column(String(500))
    outcome_at = Column(DateTime)
    closed_at = Column(DateTime)


class ErasureRequest(Base):
    """A person asked by text to have their data deleted and confirmed it.

    The worker carries it out once ``due_at`` has passed, after the assistant has
    finished the conversation turn that asked (Rasa writes the turn back when it
    ends), then deletes this row too: only the masked audit entry remains."""

    __tablename__ = "erasure_requests"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_erasure_requests_person"),)

    id = Column(Integer, primary_key=True)
    channel = Column(String(20), nullable=False)
    address = Column(String(120), nullable=False)
    requested_at = Column(DateTime, nullable=False, default=utcnow)
    due_at = Column(DateTime, nullable=False)
