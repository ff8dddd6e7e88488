"""Help from people: unemployment-claim pointers, job centers, callback requests."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from bot import geo
from bot.db.models import HandoffRequest
from bot.dialogue.context import Context
from bot.dialogue.people import home_town, person_for
from bot.dialogue.reply import Reply, shorten

CONTACTS_FILE = Path(__file__).resolve().parent.parent / "contacts.yml"


@lru_cache(maxsize=1)
def contacts() -> dict:
    """The configured contacts (bot/contacts.yml)."""
    return yaml.safe_load(CONTACTS_FILE.read_text(encoding="utf-8"))


def _with_contact(text: str, entry: dict) -> str:
    extras = [value for value in (entry.get("url"), entry.get("phone")) if value]
    return text + (" " + " ".join(extras) if extras else "")


def job_center_text(town: str | None) -> str:
    """The regional American Job Center for a town, with whatever contact is configured."""
    centers = contacts()["job_centers"]
    entry = centers["default"]
    found = geo.town(town) if town else None
    if found is not None:
        for region in centers["regions"]:
            if found.county in region["counties"]:
                entry = region
    return _with_contact(f"You can also visit {entry['name']}.", entry)


def unemployment_info() -> Reply:
    """Where to file and check unemployment claims (we cannot see or change claims)."""
    entry = contacts()["unemployment"]
    return Reply(
        [
            _with_contact(entry["how"], entry),
            "I can't see or change claims, but I can help you find jobs and free training.",
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
