"""The people the assistant talks to, and what it remembers about them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config import load_settings
from bot.db.models import Person, Place
from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.i18n import DEFAULT_LANGUAGE, N_
from bot.identity import SMS_CHANNEL, proves_identity
from bot.messaging.phone import readable_phone

NOT_PROVEN = N_(
    "For your privacy I can only do that in a text from your own phone or in the "
    "chat on our website."
)


def unproven(context: Context) -> Reply | None:
    """The refusal for a personal or destructive step (enrolling, alerts, reminders,
    erasure, callbacks) in a conversation whose channel did not prove who is speaking;
    None when it did."""
    if proves_identity(context.channel, context.address):
        return None
    return Reply([context.translate(NOT_PROVEN)])


def person_for(session: Session, context: Context) -> Person:
    """The person behind this conversation, created on first contact."""
    person = session.execute(
        select(Person).where(Person.channel == context.channel, Person.address == context.address)
    ).scalar_one_or_none()
    if person is None:
        person = Person(channel=context.channel, address=context.address, language=context.language)
        session.add(person)
        session.flush()
    return person


def stored_language(session: Session, channel: str, address: str) -> str | None:
    """The language a person last spoke, as stored; None for someone not known yet."""
    return session.execute(
        select(Person.language).where(Person.channel == channel, Person.address == address)
    ).scalar_one_or_none()


def remember_language(session: Session, context: Context) -> None:
    """Keep the conversation's language on the person, so reminders and job alerts go
    out in it; only for a channel that proved who is speaking. Someone unknown who
    speaks the default language is not recorded for that alone."""
    if not proves_identity(context.channel, context.address):
        return
    if context.language == DEFAULT_LANGUAGE and not stored_language(
        session, context.channel, context.address
    ):
        return
    person_for(session, context).language = context.language


def remember_town(session: Session, person: Person, town: str) -> None:
    """Keep the town this person searches from, for later conversations."""
    place_id = session.execute(select(Place.id).where(Place.name == town)).scalar_one_or_none()
    if place_id is not None:
        person.home_place_id = place_id


def home_town(session: Session, person: Person) -> str | None:
    """The town this person last searched from, if any."""
    if person.home_place_id is None:
        return None
    return session.get(Place, person.home_place_id).name


def can_text(context: Context) -> bool:
    """Whether the service can text this person (reminders, job alerts): only a
    conversation by SMS has a phone number."""
    return context.channel == SMS_CHANNEL


def by_text_only(context: Context, what: str, keyword: str, **values: object) -> str:
    """The honest answer in a chat with no phone number: ``what`` (e.g. "Job alerts",
    marked with N_) come by text, and how to get them by texting ``keyword`` from a
    mobile phone (marked with N_ too, so a Spanish speaker is told the Spanish word;
    ``values`` fill its placeholders)."""
    _ = context.translate
    number = load_settings().twilio_from_number
    if number:
        how = _(
            "To get them, text %(keyword)s to %(number)s from your mobile phone.",
            keyword=_(keyword, **values),
            number=readable_phone(number),
        )
    else:
        how = _("To get them, text us from your mobile phone.")
    return _(
        "%(what)s come by text message, and this chat has no phone number. %(how)s",
        what=_(what),
        how=how,
    )
