"""Help from people: unemployment-claim pointers, job centers, callback requests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.contacts import contacts, job_center_directory, nearest_job_center, reach
from bot.db.models import HandoffRequest
from bot.dialogue.context import Context
from bot.dialogue.people import home_town, person_for
from bot.dialogue.reply import Reply, shorten


def job_center_text(town: str | None) -> str:
    """Where to get help in person: the nearest American Job Center to ``town``, or how
    to find one, always with a way to get there."""
    center = nearest_job_center(town)
    if center is None:
        where = job_center_directory()
        return f"You can also get free help in person at an American Job Center: {where}"
    return (
        f"You can also get free help in person at {center.name} ({center.town}). "
        f"Hours and directions: {center.reach}"
    )


def unemployment_info() -> Reply:
    """Claims, payments, a claim's status or a denial: where to go, and what we can do
    instead, in one text (we cannot see or change claims)."""
    entry = contacts()["unemployment"]
    where = reach(entry.get("claims_url"), entry.get("phone"))
    more = f" More help: {entry['url']}" if entry.get("url") else ""
    return Reply(
        [
            f"For a claim, a payment, its status or a denial, go to {where} "
            f"({entry['agency']}).{more} I can't see claims, but I can find you jobs and "
            "free training."
        ]
    )


def handoff(session: Session, context: Context, recent_messages: list[str]) -> Reply:
    """Record a callback request with the reason, for staff, and confirm it."""
    person = person_for(session, context)
    reason = shorten(" | ".join(m for m in recent_messages if m), 1000) or "asked for a person"
    session.add(HandoffRequest(person_id=person.id, reason=reason))
    return Reply(
        [
            "I've asked our staff to contact you. They reply on business days.",
            job_center_text(home_town(session, person)),
        ]
    )
