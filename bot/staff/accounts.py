"""Accounts that sign in (staff, employers): a real password, sign-in with lockout.

Passwords are stored only as salted hashes (werkzeug's scrypt). After
``MAX_FAILURES`` wrong passwords in a row an account is locked for
``LOCK_MINUTES``, whoever is trying, so guessing is slow; the right password does not
open a locked account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from bot.clock import utcnow
from bot.db.models import StaffUser

ROLES = ("staff", "admin")
MIN_PASSWORD = 12
MAX_FAILURES = 5
LOCK_MINUTES = 15
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password")


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why."""


@dataclass(frozen=True)
class SignIn:
    """The outcome of :func:`sign_in`: ``ok``, ``wrong`` or ``locked``."""

    outcome: str
    user_id: int | None = None
    role: str | None = None
    locked_until: datetime | None = None


def normalize_email(email: str) -> str:
    """Emails compare without case or surrounding spaces."""
    return email.strip().lower()


def new_credentials(session: Session, model: type, email: str, password: str) -> dict:
    """``email`` and ``password_hash`` for a new account of ``model`` (StaffUser or
    EmployerAccount); raises :class:`AccountError` with a reason."""
    email = normalize_email(email)
    if not EMAIL.match(email) or len(email) > 254:
        raise AccountError("That is not an email address.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must be at least {MIN_PASSWORD} characters.")
    if session.execute(select(model.id).where(model.email == email)).first():
        raise AccountError(f"There is already an account for {email}.")
    return {"email": email, "password_hash": generate_password_hash(password)}


def create_staff(session: Session, email: str, password: str, role: str = "staff") -> StaffUser:
    """A new staff account; raises :class:`AccountError` with a reason."""
    if role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
    user = StaffUser(**new_credentials(session, StaffUser, email, password), role=role)
    session.add(user)
    session.flush()
    return user


def sign_in(
    session: Session,
    email: str,
    password: str,
    now: datetime | None = None,
    model: type = StaffUser,
) -> SignIn:
    """Check a password, counting failures and locking the account after too many.
    ``model`` is the kind of account (StaffUser or EmployerAccount)."""
    now = now or utcnow()
    user = session.execute(
        select(model).where(model.email == normalize_email(email)).with_for_update()
    ).scalar_one_or_none()
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return SignIn("wrong")
    if user.locked_until and user.locked_until > now:
        return SignIn("locked", locked_until=user.locked_until)
    if not check_password_hash(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.failed_logins = 0
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            return SignIn("locked", locked_until=user.locked_until)
        return SignIn("wrong")
    user.failed_logins, user.locked_until = 0, None
    return SignIn("ok", user_id=user.id, role=getattr(user, "role", None))
