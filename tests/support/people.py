"""People as the assistant stores them, for tests that need one with a language."""

from __future__ import annotations

from bot.db import session_scope
from bot.db.models import Person
from bot.identity import SMS_CHANNEL


def texter(db_url: str, address: str, language: str) -> int:
    """Store a person texting from ``address`` who speaks ``language``; their id."""
    with session_scope(db_url) as session:
        person = Person(channel=SMS_CHANNEL, address=address, language=language)
        session.add(person)
        session.flush()
        return person.id
