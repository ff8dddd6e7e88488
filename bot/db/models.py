"""SQLAlchemy models: the project's whole schema. Alembic migrations mirror this file.

Timestamps are naive UTC (see :func:`bot.clock.utcnow`) so SQLite and PostgreSQL agree.
"""

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
from sqlalchemy.orm import declarative_base, relationship

from bot.clock import utcnow
from bot.jobs.links import new_link_code

Base = declarative_base()


class Place(Base):
    """One of Connecticut's 169 towns; jobs, people and alerts point at it."""

    __tablename__ = "places"

    id = Column(Integer, primary_key=True)
    name = Column(String(80), nullable=False, unique=True)
    county = Column(String(40), nullable=False)
    lat = Column(Float, nullable=False)
    lon = Column(Float, nullable=False)


class Employer(Base):
    """A company that posts jobs (from a feed or the employer portal)."""

    __tablename__ = "employers"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    name_key = Column(String(200), nullable=False, unique=True)
    contact_email = Column(String(254))
    verified = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class Job(Base):
    """A job posting. (source, reference) identifies it across re-imports."""

    __tablename__ = "jobs"
    __table_args__ = (
        UniqueConstraint("source", "reference", name="uq_jobs_source_reference"),
        UniqueConstraint("link_code", name="uq_jobs_link_code"),
        Index("ix_jobs_status_place_posted", "status", "place_id", "posted_at"),
        Index("ix_jobs_status_posted", "status", "posted_at"),
    )

    id = Column(Integer, primary_key=True)
    source = Column(String(80), nullable=False)
    reference = Column(String(120), nullable=False)
    title = Column(String(200), nullable=False)
    employer_id = Column(Integer, ForeignKey("employers.id"), nullable=False)
    place_id = Column(Integer, ForeignKey("places.id"), nullable=False)
    city = Column(String(80))
    postal_code = Column(String(5))
    description = Column(Text, nullable=False, default="")
    url = Column(String(500))
    # The short apply link's random code (/j/<link_code>), see bot/jobs/links.py.
    link_code = Column(String(16), nullable=False, default=new_link_code)
    salary_min = Column(Float)
    salary_max = Column(Float)
    salary_unit = Column(String(10))
    salary_text = Column(String(120))
    job_type = Column(String(20))
    category = Column(String(80))
    posted_at = Column(DateTime, nullable=False)
    valid_through = Column(DateTime)
    # "active" jobs are searchable; "pending" await staff approval; "closed" are withdrawn.
    status = Column(String(12), nullable=False, default="active")
    # Scam signals found when it was posted through the employer portal, one per line.
    review_notes = Column(Text)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    employer = relationship(Employer)
    place = relationship(Place)


class JobTerm(Base):
    """Inverted index of a job's searchable words.

    Rows exist only for active jobs. place_id, posted_at, valid_through and job_type
    are copied from the job so a keyword search is answered from this table alone.
    """

    __tablename__ = "job_terms"
    __table_args__ = (
        Index("ix_job_terms_place", "term", "place_id", "weight", "posted_at", "job_id"),
        Index("ix_job_terms_rank", "term", "weight", "posted_at", "job_id"),
    )

    job_id = Column(Integer, ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    term = Column(String(40), primary_key=True)
    weight = Column(Float, nullable=False)
    place_id = Column(Integer, nullable=False)
    posted_at = Column(DateTime, nullable=False)
    valid_through = Column(DateTime)
    job_type = Column(String(20))


class Program(Base):
    """A training program (SkillUp CT, 180 Skills)."""

    __tablename__ = "programs"

    id = Column(Integer, primary_key=True)
    code = Column(String(40), nullable=False, unique=True)
    name = Column(String(120), nullable=False)
    description = Column(Text, nullable=False, default="")


class Course(Base):
    """A course of a program; 180 Skills courses lead to a credential and the next one."""

    __tablename__ = "courses"

    id = Column(Integer, primary_key=True)
    code = Column(String(40), nullable=False, unique=True)
    program_id = Column(Integer, ForeignKey("programs.id"), nullable=False)
    title = Column(String(200), nullable=False)
    topic = Column(String(80), nullable=False)
    level = Column(String(20))
    hours = Column(Float)
    credential = Column(String(200))
    next_course_code = Column(String(40))
    url = Column(String(500))
    description = Column(Text, nullable=False, default="")
    keywords = Column(Text, nullable=False, default="")
    active = Column(Boolean, nullable=False, default=True)

    program = relationship(Program)


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
    """A person's enrollment in a course: enrolled, in_progress, completed or dropped.

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


class OptOut(Base):
    """A phone number that must not be texted (opted out) or cannot be (unreachable)."""

    __tablename__ = "opt_outs"

    id = Column(Integer, primary_key=True)
    address = Column(String(32), nullable=False, unique=True)
    status = Column(String(12), nullable=False)
    reason = Column(String(120))
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class OutboundMessage(Base):
    """Every outbound SMS, written before it is sent so a retry never duplicates it."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        Index("ix_outbound_status", "status", "not_before"),
        Index("ix_outbound_to", "to_address", "id"),
    )

    id = Column(Integer, primary_key=True)
    idempotency_key = Column(String(120), nullable=False, unique=True)
    to_address = Column(String(32), nullable=False)
    body = Column(Text, nullable=False)
    kind = Column(String(12), nullable=False, default="reply")
    status = Column(String(16), nullable=False, default="pending")
    provider_sid = Column(String(64), unique=True)
    error_code = Column(String(12))
    attempts = Column(Integer, nullable=False, default=0)
    not_before = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class InboundMessage(Base):
    """Every inbound text, keyed by the provider's id so a retried webhook is handled once.

    ``outcome`` says what became of it: answered by the assistant, a keyword
    (opt-out, opt-in, help), or not processed (opted out, rate limited, unreadable).
    """

    __tablename__ = "inbound_messages"
    __table_args__ = (Index("ix_inbound_from", "from_address", "received_at"),)

    id = Column(Integer, primary_key=True)
    provider_sid = Column(String(64), nullable=False, unique=True)
    from_address = Column(String(32), nullable=False)
    to_address = Column(String(32))
    body = Column(Text)
    num_media = Column(Integer, nullable=False, default=0, server_default="0")
    outcome = Column(String(20))
    received_at = Column(DateTime, nullable=False, default=utcnow)
    # Set once every reply to this text has been through the outbound gate.
    handled_at = Column(DateTime)


class SignInColumns:
    """What every account that signs in has (see bot/staff/accounts.py)."""

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffUser(SignInColumns, Base):
    """A program staff member who signs in to the admin portal."""

    __tablename__ = "staff_users"

    role = Column(String(20), nullable=False, default="staff")


class StaffAudit(Base):
    """What a staff member did to a person's data (an erasure), kept for accountability.
    The person is named only by their masked number."""

    __tablename__ = "staff_audit"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff_users.id", ondelete="SET NULL"))
    action = Column(String(40), nullable=False)
    subject = Column(String(40), nullable=False)
    detail = Column(Text, nullable=False, default="")
    at = Column(DateTime, nullable=False, default=utcnow)


class EmployerAccount(SignInColumns, Base):
    """A person who signs in to the employer portal for one employer.

    Self-service accounts start ``pending`` and work once staff approve them.
    """

    __tablename__ = "employer_accounts"

    employer_id = Column(Integer, ForeignKey("employers.id", ondelete="CASCADE"), nullable=False)
    status = Column(String(12), nullable=False, default="pending")

    employer = relationship(Employer)


class HandoffRequest(Base):
    """A person's request to talk to a human, with the reason, for staff to call back."""

    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True)
    person_id = Column(Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    reason = Column(Text, nullable=False, default="")
    status = Column(String(12), nullable=False, default="open")
    created_at = Column(DateTime, nullable=False, default=utcnow)
    closed_at = Column(DateTime)


class JobClick(Base):
    """One use of a job's short apply link (/j/<id>), for staff reports."""

    __tablename__ = "job_clicks"
    __table_args__ = (Index("ix_job_clicks_job", "job_id", "clicked_at"),)

    id = Column(Integer, primary_key=True)
    job_id = Column(Integer, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False)
    clicked_at = Column(DateTime, nullable=False, default=utcnow)


class JobSearch(Base):
    """One job search asked for, by the assistant or on the job board, and whether it
    found any job: staff see what people look for and do not find. Nothing here
    names the person."""

    __tablename__ = "job_searches"
    __table_args__ = (Index("ix_job_searches_searched_at", "searched_at"),)

    id = Column(Integer, primary_key=True)
    searched_at = Column(DateTime, nullable=False, default=utcnow)
    source = Column(String(20), nullable=False)
    keyword = Column(String(80))
    town = Column(String(80))
    found = Column(Boolean, nullable=False)


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
