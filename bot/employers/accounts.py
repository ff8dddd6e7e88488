"""Employer portal accounts: self-service sign-up, approved by staff before use."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Employer, EmployerAccount
from bot.jobs.store import employer_id_for
from bot.staff.accounts import AccountError, SignIn, new_credentials, sign_in

COMPANY_MAX = 200


@dataclass(frozen=True)
class WaitingAccount:
    """A sign-up staff have not decided on yet."""

    id: int
    email: str
    company: str


def register(session: Session, company: str, email: str, password: str) -> EmployerAccount:
    """A new, pending account for ``company``; raises AccountError with a reason."""
    company = " ".join(company.split())
    if not company:
        raise AccountError("Enter your company's name.")
    if len(company) > COMPANY_MAX:
        raise AccountError(f"The company name is limited to {COMPANY_MAX} characters.")
    account = EmployerAccount(
        **new_credentials(session, EmployerAccount, email, password),
        employer_id=employer_id_for(session, company),
        status="pending",
    )
    session.add(account)
    session.flush()
    return account


def employer_sign_in(session: Session, email: str, password: str) -> tuple[SignIn, str | None]:
    """The sign-in result and, for a right password, the account's status
    (``pending``, ``approved`` or ``rejected``)."""
    result = sign_in(session, email, password, model=EmployerAccount)
    if result.outcome != "ok":
        return result, None
    return result, session.get(EmployerAccount, result.user_id).status


def waiting(session: Session) -> list[WaitingAccount]:
    """Sign-ups awaiting staff, oldest first."""
    rows = session.execute(
        select(EmployerAccount.id, EmployerAccount.email, Employer.name)
        .join(Employer)
        .where(EmployerAccount.status == "pending")
        .order_by(EmployerAccount.created_at, EmployerAccount.id)
    ).all()
    return [WaitingAccount(*row) for row in rows]


def decide(session: Session, account_id: int, approve: bool) -> EmployerAccount | None:
    """Approve or reject a pending sign-up; None if there is no such account."""
    account = session.get(EmployerAccount, account_id)
    if account is None:
        return None
    account.status = "approved" if approve else "rejected"
    return account
