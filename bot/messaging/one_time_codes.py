"""One-time codes that prove a person has the phone they name (a 6-digit code texted
to it, typed back on the website).

Only a salted, slow hash of a code is stored. A code works for ``CODE_MINUTES`` and
for ``MAX_WRONG_TRIES`` wrong tries, counted in one statement so that guesses sent at
the same time cannot slip past the limit. Requests are throttled per number and per
network address: every request writes a row, whether or not a text goes out, so a
number that gets texts and one that does not are throttled alike and the answers
never tell them apart.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from bot.clock import utcnow
from bot.db.models import PhoneCode

CODE_DIGITS = 6
CODE_MINUTES = 10
MAX_WRONG_TRIES = 5
THROTTLE_MINUTES = 30
CODES_PER_NUMBER = 3
CODES_PER_SOURCE = 10
# Rows are deleted once they are this old (they matter only for the windows above).
KEEP = timedelta(days=1)

OK = "ok"
WRONG = "wrong"
LOCKED = "locked"
EXPIRED = "expired"
USED = "used"
MALFORMED = "malformed"

_TYPED = re.compile(rf"^\d{{{CODE_DIGITS}}}$")


@dataclass(frozen=True)
class NewCode:
    """A code just issued: the digits to text, and the row that checks them."""

    id: int
    code: str


@dataclass(frozen=True)
class CodeCheck:
    """What a typed code gave: ``ok`` (``number`` is proven), ``wrong``
    (``tries_left`` more), ``locked``, ``expired``, ``used`` (already worked once, or
    no such code) or ``malformed``."""

    outcome: str
    tries_left: int = 0
    number: str | None = None


def _recent(session: Session, column, value: str, since: datetime) -> int:
    return session.scalar(
        select(func.count())
        .select_from(PhoneCode)
        .where(column == value, PhoneCode.created_at > since)
    )


def issue(
    session: Session, number: str, source: str, now: datetime | None = None
) -> NewCode | None:
    """A new code for ``number`` asked from the network address ``source``; None when
    either has asked for too many codes in the last ``THROTTLE_MINUTES``."""
    now = now or utcnow()
    source = source[:64]
    since = now - timedelta(minutes=THROTTLE_MINUTES)
    if (
        _recent(session, PhoneCode.address, number, since) >= CODES_PER_NUMBER
        or _recent(session, PhoneCode.source, source, since) >= CODES_PER_SOURCE
    ):
        return None
    session.execute(delete(PhoneCode).where(PhoneCode.created_at < now - KEEP))
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    row = PhoneCode(
        address=number,
        source=source,
        code_hash=generate_password_hash(code),
        created_at=now,
        expires_at=now + timedelta(minutes=CODE_MINUTES),
        wrong_tries=0,
    )
    session.add(row)
    session.flush()
    return NewCode(id=row.id, code=code)


def check(session: Session, code_id: int, typed: str, now: datetime | None = None) -> CodeCheck:
    """Check ``typed`` against the code ``code_id``; a right code works once."""
    typed = re.sub(r"\s", "", typed or "")
    if not _TYPED.match(typed):
        return CodeCheck(MALFORMED)
    now = now or utcnow()
    row = session.get(PhoneCode, code_id)
    if row is None or row.used_at is not None:
        return CodeCheck(USED)
    if row.expires_at <= now:
        return CodeCheck(EXPIRED)
    # Take one try before looking: of guesses sent at once, no more than the limit pass.
    taken = session.execute(
        update(PhoneCode)
        .where(
            PhoneCode.id == code_id,
            PhoneCode.used_at.is_(None),
            PhoneCode.wrong_tries < MAX_WRONG_TRIES,
        )
        .values(wrong_tries=PhoneCode.wrong_tries + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
        return CodeCheck(LOCKED)
    session.refresh(row)
    if check_password_hash(row.code_hash, typed):
        row.wrong_tries -= 1
        row.used_at = now
        return CodeCheck(OK, number=row.address)
    left = MAX_WRONG_TRIES - row.wrong_tries
    return CodeCheck(WRONG, left) if left else CodeCheck(LOCKED)
