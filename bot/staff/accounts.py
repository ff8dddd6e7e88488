"""Accounts that sign in (staff, employers): a real password, sign-in with throttling.

Passwords are stored only as salted hashes (werkzeug's scrypt). Wrong passwords are
counted per network address: after ``MAX_FAILURES`` for one email, or
``MAX_SOURCE_FAILURES`` for any emails, within ``LOCK_MINUTES``, sign-in from that
address is refused for the rest of the window, even with the right password. Nobody
elsewhere can lock a real user out that way, and every failure (unknown email, wrong
password, throttled) gets the same answer after the same work, so the answers do not
tell which emails have accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from bot.clock import utcnow
from bot.db.models import SignInFailure, StaffUser
from bot.text import is_email

ROLES = ("staff", "admin")
MIN_PASSWORD = 12
MAX_FAILURES = 5
MAX_SOURCE_FAILURES = 50
LOCK_MINUTES = 15
# Checked when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password")


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why."""


class EmailTaken(AccountError):
    """An account with this email exists already."""


@dataclass(frozen=True)
class SignIn:
    """The outcome of :func:`sign_in`: ``ok`` or ``wrong`` (whatever the reason)."""

    outcome: str
    user_id: int | None = None
    role: str | None = None


def normalize_email(email: str) -> str:
    """Emails compare without case or surrounding spaces."""
    return email.strip().lower()


def new_credentials(session: Session, model: type, email: str, password: str) -> dict:
    """``email`` and ``password_hash`` for a new account of ``model`` (StaffUser or
    EmployerAccount); raises :class:`AccountError` with a reason."""
    email = normalize_email(email)
    if not is_email(email):
        raise AccountError("That is not an email address.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must be at least {MIN_PASSWORD} characters.")
    if session.execute(select(model.id).where(model.email == email)).first():
        raise EmailTaken(f"There is already an account for {email}.")
    return {"email": email, "password_hash": generate_password_hash(password)}


def create_staff(session: Session, email: str, password: str, role: str = "staff") -> StaffUser:
    """A new staff account; raises :class:`AccountError` with a reason."""
    if role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
    user = StaffUser(**new_credentials(session, StaffUser, email, password), role=role)
    session.add(user)
    session.flush()
    return user


def _throttled(session: Session, source: str, email: str, since: datetime) -> bool:
    """True when ``source`` has had too many wrong sign-ins since ``since``."""
    here = (
        select(func.count())
        .select_from(SignInFailure)
        .where(SignInFailure.source == source, SignInFailure.failed_at > since)
    )
    if session.scalar(here) >= MAX_SOURCE_FAILURES:
        return True
    return session.scalar(here.where(SignInFailure.email == email)) >= MAX_FAILURES


def sign_in(
    session: Session,
    email: str,
    password: str,
    source: str,
    now: datetime | None = None,
    model: type = StaffUser,
) -> SignIn:
    """Check a password sent from the network address ``source``, counting failures per
    address. ``model`` is the kind of account (StaffUser or EmployerAccount)."""
    now = now or utcnow()
    since = now - timedelta(minutes=LOCK_MINUTES)
    email = normalize_email(email)[:254]
    source = source[:64]
    user = session.execute(select(model).where(model.email == email)).scalar_one_or_none()
    throttled = _throttled(session, source, email, since)
    # One hash check on every path, so a failure takes as long whatever its reason.
    matches = check_password_hash(user.password_hash if user is not None else _DUMMY_HASH, password)
    if user is None or throttled or not matches:
        session.execute(delete(SignInFailure).where(SignInFailure.failed_at <= since))
        session.add(SignInFailure(source=source, email=email, failed_at=now))
        return SignIn("wrong")
    session.execute(
        delete(SignInFailure).where(SignInFailure.source == source, SignInFailure.email == email)
    )
    return SignIn("ok", user_id=user.id, role=getattr(user, "role", None))
