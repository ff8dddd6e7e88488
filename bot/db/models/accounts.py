"""Sign-in accounts of staff and employers, and the staff audit log."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
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
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffUser(SignInColumns, Base):
    """A program staff member who signs in to the admin portal."""

    __tablename__ = "staff_users"

    role = Column(String(20), nullable=False, default="staff")


class StaffAudit(Base):
    """Who did what, kept for accountability: a staff member's erasure of a person's
    data (the person named only by their masked number), or an employer account's
    change of an apply link (``staff_id`` empty, the account in ``detail``)."""

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
