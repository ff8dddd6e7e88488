""" "Forget me": the assistant asks for a yes, then lines the erasure up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.privacy.forget import request_erasure

ASK = (
    "I can delete what this service holds about you: this conversation, your "
    "enrollments, reminders, job alerts and texts. This can't be undone. "
    "Reply YES to delete it or NO to keep it."
)
DONE = (
    "Done: your data will be deleted within a minute. If you text again, "
    "we start fresh. If you opted out of texts, that stays on record so we never text you."
)
KEPT = "OK, nothing was deleted."


def ask_to_forget() -> Reply:
    """Ask before deleting anything."""
    return Reply([ASK]).set(pending="forget_me")


def answer_forget(
    session: Session, context: Context, yes: bool, now: datetime | None = None
) -> Reply:
    """Yes lines up the erasure (the worker carries it out); no keeps everything."""
    if not yes:
        return Reply([KEPT]).set(pending=None)
    request_erasure(session, context.channel, context.address, now or utcnow())
    return Reply([DONE]).set(pending=None)
