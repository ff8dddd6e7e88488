"""Sign-in accounts of staff and employers, and the staff audit log."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import relationship

from bot.clock import utcnow
from bot.db.models.base import Base
from bot.db.models.jobs import Employer


class SignInColumns:
    """What every account that signs in has (see bot/staff/accounts.py)."""

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffUser(SignInColumns, Base):
    """A program staff member who signs in to the admin portal."""

    __tablename__ = "staff_users"

    role = Column(String(20), nullable=False, default="staff")


class StaffAudit(Base):
    """Who did what, kept for accountability: a staff member's erasure of a person's
    data (the person named only by their masked number), or an employer account's
    change of an apply link (``staff_id`` empty). ``actor`` names who did it as they
    were known at the time (a staff or employer account's email, or the person
    themselves), so the entry still says so if an account changes or goes."""

    __tablename__ = "staff_audit"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff_users.id", ondelete="SET NULL"))
    actor = Column(String(300), nullable=False, default="", server_default="")
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


class PortalSession(Base):
    """One signed-in browser of a staff member or an employer account, kept on the
    server so that signing out (or a quiet spell) ends it even for a copied cookie.
    ``id`` is a hash of the token in the browser's cookie, never the token itself."""

    __tablename__ = "portal_sessions"

    id = Column(String(64), primary_key=True)
    kind = Column(String(12), nullable=False)
    user_id = Column(Integer, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    last_seen_at = Column(DateTime, nullable=False, default=utcnow)
    ended_at = Column(DateTime)


class SignInFailure(Base):
    """A wrong sign-in from one network address, counted per address (and email) so
    that guessing slows down without anyone being able to lock a real user out."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_source_at", "source", "failed_at"),)

    id = Column(Integer, primary_key=True)
    source = Column(String(64), nullable=False)
    email = Column(String(254), nullable=False)
    failed_at = Column(DateTime, nullable=False, default=utcnow)
