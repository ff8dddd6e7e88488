""" "Forget me": the assistant asks for a yes, then lines the erasure up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.i18n import N_
from bot.privacy.forget import request_erasure

ASK = N_(
    "I can delete what this service holds about you: this conversation, your "
    "enrollments, reminders, job alerts and texts. This can't be undone. "
    "Reply YES to delete it or NO to keep it."
)
DONE = N_(
    "Done: your data will be deleted within a minute. If you text again, "
    "we start fresh. If you opted out of texts, that stays on record so we never text you."
)
KEPT = N_("OK, nothing was deleted.")


def ask_to_forget(context: Context) -> Reply:
    """Ask before deleting anything."""
    return Reply([context.translate(ASK)]).set(pending="forget_me")


def answer_forget(
    session: Session, context: Context, yes: bool, now: datetime | None = None
) -> Reply:
    """Yes lines up the erasure (the worker carries it out); no keeps everything."""
    _ = context.translate
    if not yes:
        return Reply([_(KEPT)]).set(pending=None)
    request_erasure(session, context.channel, context.address, now or utcnow())
    return Reply([_(DONE)]).set(pending=None)
