"""Signs that a job posting may be a scam, for staff to look at before it goes live.

None of these rejects a posting on its own: each becomes a note in the moderation
queue, in words staff can check against the posting.
"""

from __future__ import annotations

import re

from bot.jobs.salary import hourly

# hourly() lives with the other pay conventions in bot.jobs.salary; it is still
# importable from here, beside the checks that use it.
__all__ = ["hourly", "scam_signals"]

# Far above the range: more than this many times what the same kind of job pays here.
PAY_FACTOR = 2.0
# Above this hourly pay a posting is noted whatever its kind (nobody hires at it by text).
PAY_CEILING = 150.0

_FEES = re.compile(
    r"\b(?:(?:application|training|registration|processing|starter|onboarding|background"
    r"[- ]check)\s+(?:fee|fees|cost|charge)"
    r"|(?:pay|send)\s+(?:a|the|us|our)?\s*(?:\$?\d[\d,.]*\s+)?(?:fee|deposit)"
    r"|upfront\s+(?:payment|fee|cost)|up-front\s+(?:payment|fee|cost)|deposit\s+(?:of|is)"
    r"|gift\s+cards?|money\s+order|wire\s+transfer|buy\s+(?:a|your|the)\s+(?:starter\s+)?kit)\b",
    re.IGNORECASE,
)
_PERSONAL_DATA = re.compile(
    r"\b(?:social\s+security(?:\s+number)?|ssn|bank\s+account|routing\s+number|account\s+number"
    r"|credit\s+card|debit\s+card|bank\s+(?:login|details|information))\b",
    re.IGNORECASE,
)
_OFF_PLATFORM = re.compile(
    r"\b(?:whats\s?app|telegram|signal\s+app|kik|wechat|hangouts)\b"
    r"|[\w.+-]+@(?:gmail|yahoo|hotmail|outlook|aol|icloud)\.com\b",
    re.IGNORECASE,
)


def scam_signals(
    text: str,
    hourly_max: float | None,
    typical_hourly_max: float | None,
    has_apply_link: bool,
) -> list[str]:
    """Notes for staff about ``text`` (title and description) and the pay offered.

    ``typical_hourly_max`` is what the same kind of job usually pays at most here, if
    known; ``has_apply_link`` says whether applicants can apply through a web address.
    """
    notes = []
    if _FEES.search(text):
        notes.append("asks applicants to pay (a fee, deposit, kit or gift cards)")
    if _PERSONAL_DATA.search(text):
        notes.append("asks for bank, card or Social Security details")
    if hourly_max is not None:
        if typical_hourly_max and hourly_max > PAY_FACTOR * typical_hourly_max:
            notes.append(
                f"pays ${hourly_max:,.0f} an hour, more than {PAY_FACTOR:g} times the"
                f" ${typical_hourly_max:,.0f} such jobs usually pay at most"
            )
        elif hourly_max > PAY_CEILING:
            notes.append(f"pays ${hourly_max:,.0f} an hour")
    if not has_apply_link and _OFF_PLATFORM.search(text):
        notes.append("the only contact is off this site (a chat app or personal email)")
    return notes
