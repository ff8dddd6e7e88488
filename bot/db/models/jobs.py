"""Places, employers and their jobs, with the search index, apply-link clicks and searches."""

from __future__ import annotations

from sqlalchemy import (
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
from bot.jobs.links import new_link_code


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

    Rows exist only for active jobs. place_id, posted_at, valid_through, job_type and
    the job's top pay per hour are copied from the job so a keyword search is answered
    from this table alone.
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
    # salary_max (else salary_min) per hour (bot.jobs.salary.hourly); None: no pay stated.
    hourly_pay = Column(Float)


class JobClick(Base):
    """One use of a job's short apply link (/j/<id>), for staff reports."""

    __tablename__ = "job_clicks"
    __table_args__ = (Index("ix_job_clicks_job", "job_id", "clicked_at"),)

    id = Column(Integer, primary_key=True)
    job_id = Column(Integer, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False)
    clicked_at = Column(DateTime, nullable=False, default=utcnow)


class JobSearch(Base):
    """One job search asked for (assistant, job board or API: ``source``), and whether it
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
