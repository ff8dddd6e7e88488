"""Erasing everything the service holds about a number: the one way, whether staff
do it in the portal or the person asks by text (bot/privacy/forget.py)."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.privacy.conversations import delete_conversation
from bot.staff.learners import erase


def erase_everything(
    session: Session,
    tracker_store_url: str,
    number: str,
    staff_id: int | None,
    why: str,
    all_or_nothing: bool = False,
) -> str:
    """Delete the conversation in Rasa's tracker store and, in ``session``, the person
    and their texts; writes the audit entry (``why`` says who asked) and returns its
    text. If the tracker store cannot be reached the rest is still erased and the
    entry says the conversation was not, unless ``all_or_nothing``: then the error is
    raised before anything is erased, for a caller that will try again."""
    try:
        removed = delete_conversation(tracker_store_url, number)
        note = f"the conversation in the assistant ({removed} events)"
    except SQLAlchemyError as exc:
        if all_or_nothing:
            raise
        note = (
            f"NOT the conversation in the assistant (tracker store: {type(exc).__name__}; "
            "erase again)"
        )
    return erase(session, number, staff_id, f"{note}; {why}")
