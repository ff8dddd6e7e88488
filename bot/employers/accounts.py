"""Employer portal accounts: self-service sign-up, approved by staff before use."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import EmployerAccount
from bot.jobs.store import employer_id_for
from bot.staff.accounts import AccountError, SignIn, new_credentials, sign_in

COMPANY_MAX = 200


@dataclass(frozen=True)
class WaitingAccount:
    """A sign-up staff have not decided on yet. ``colleagues`` are the approved
    accounts the company already has: approving this one lets it manage their postings."""

    id: int
    email: str
    company: str
    colleagues: tuple[str, ...] = ()


class JoinNotConfirmed(AccountError):
    """Approving would let a new account manage postings other accounts made."""


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


def employer_sign_in(
    session: Session, email: str, password: str, source: str
) -> tuple[SignIn, str | None]:
    """The sign-in result (from the network address ``source``) and, for a right
    password, the account's status (``pending``, ``approved`` or ``rejected``)."""
    result = sign_in(session, email, password, source, model=EmployerAccount)
    if result.outcome != "ok":
        return result, None
    return result, session.get(EmployerAccount, result.user_id).status


def colleagues(session: Session, account: EmployerAccount) -> tuple[str, ...]:
    """The emails of the other approved accounts of ``account``'s employer."""
    return tuple(
        session.scalars(
            select(EmployerAccount.email)
            .where(
                EmployerAccount.employer_id == account.employer_id,
                EmployerAccount.status == "approved",
                EmployerAccount.id != account.id,
            )
            .order_by(EmployerAccount.id)
        )
    )


def waiting(session: Session) -> list[WaitingAccount]:
    """Sign-ups awaiting staff, oldest first, each with the company's existing accounts."""
    accounts = session.scalars(
        select(EmployerAccount)
        .where(EmployerAccount.status == "pending")
        .order_by(EmployerAccount.created_at, EmployerAccount.id)
    ).all()
    return [
        WaitingAccount(a.id, a.email, a.employer.name, colleagues(session, a)) for a in accounts
    ]


def decide(
    session: Session, account_id: int, approve: bool, join_existing: bool = False
) -> EmployerAccount | None:
    """Approve or reject a pending sign-up; None if there is no such pending account.

    A sign-up names its company by typing it, so matching the name proves nothing: an
    account joins an employer that already has approved accounts (and their live
    postings) only when staff say so with ``join_existing``; otherwise this raises
    JoinNotConfirmed and nothing changes."""
    account = session.get(EmployerAccount, account_id)
    if account is None or account.status != "pending":
        return None
    if approve and not join_existing:
        existing = colleagues(session, account)
        if existing:
            raise JoinNotConfirmed(
                f"{account.employer.name} already has {len(existing)} account(s) "
                f"({', '.join(existing)}). To let {account.email} manage its postings, "
                "tick the box that says so, then approve."
            )
    account.status = "approved" if approve else "rejected"
    return account
