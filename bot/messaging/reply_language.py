"""Which language the service's own texts to a phone number are in.

The assistant keeps each person's language (``people.language``) current from the
conversation; the SMS channel's own replies (keyword confirmations, "too long",
"sorry") and the proactive texts follow it. A keyword written in Spanish ("AYUDA",
"PARAR") is answered in Spanish whatever was stored.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Person
from bot.i18n import SPANISH, normalize_language
from bot.identity import SMS_CHANNEL
from bot.messaging import keywords


def stored_language(session: Session, address: str) -> str:
    """The language stored for the person texting from ``address`` (the default
    language for a number the assistant has not met)."""
    stored = session.execute(
        select(Person.language).where(Person.channel == SMS_CHANNEL, Person.address == address)
    ).scalar_one_or_none()
    return normalize_language(stored)


def keyword_reply_language(session: Session, address: str, body: str) -> str:
    """The language to confirm the keyword ``body`` in: Spanish for a Spanish keyword,
    otherwise the sender's stored language."""
    return SPANISH if keywords.is_spanish(body) else stored_language(session, address)
