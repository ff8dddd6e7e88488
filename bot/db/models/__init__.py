"""SQLAlchemy models: the project's whole schema, one module per area. Alembic
migrations mirror it; import models from here.

Timestamps are naive UTC (see :func:`bot.clock.utcnow`) so SQLite and PostgreSQL agree.
"""

from __future__ import annotations

from bot.db.models.accounts import (
    EmployerAccount,
    PortalSession,
    SignInColumns,
    SignInFailure,
    StaffAudit,
    StaffUser,
)
from bot.db.models.base import Base
from bot.db.models.courses import Course, Program
from bot.db.models.jobs import Employer, Job, JobClick, JobSearch, JobTerm, Place
from bot.db.models.messaging import InboundMessage, OptOut, OutboundMessage, PhoneCode
from bot.db.models.people import (
    EligibilityScreening,
    Enrollment,
    ErasureRequest,
    FollowUp,
    HandoffRequest,
    JobAlertSubscription,
    Person,
)
from bot.db.models.wages import WageArea, WageFigure, WageOccupation, WageRelease

__all__ = [
    "Base",
    "PortalSession",
    "SignInFailure",
    "Place",
    "Employer",
    "Job",
    "JobTerm",
    "JobClick",
    "JobSearch",
    "Program",
    "Course",
    "Person",
    "EligibilityScreening",
    "Enrollment",
    "JobAlertSubscription",
    "FollowUp",
    "HandoffRequest",
    "ErasureRequest",
    "OptOut",
    "OutboundMessage",
    "InboundMessage",
    "PhoneCode",
    "SignInColumns",
    "StaffUser",
    "StaffAudit",
    "EmployerAccount",
    "WageRelease",
    "WageArea",
    "WageOccupation",
    "WageFigure",
]
