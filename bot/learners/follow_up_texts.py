"""What the proactive texts say (a course reminder, a job-alert digest's first line),
in the language of the person they go to (``people.language``, kept current from the
conversation)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.db.models import FollowUp, Person
from bot.i18n import normalize_language, translator


def follow_up_language(session: Session, row: FollowUp) -> str:
    """The language of the person ``row`` is for."""
    person = session.get(Person, row.person_id)
    return normalize_language(person.language if person else None)


def course_reminder_text(title: str, url: str | None, language: str = "en") -> str:
    """A course reminder: how the course is going, where to continue, what to reply."""
    _ = translator(language)
    ask = _("Reminder: how is %(course)s going?", course=title)
    link = _("Continue here: %(url)s", url=url) if url else ""
    reply = _("Reply DONE when you finish, or STOP REMINDERS to stop these texts.")
    return " ".join(part for part in (ask, link, reply) if part)


def job_alert_heading(keyword: str | None, town: str, language: str = "en") -> str:
    """The first line of a job-alert digest: "New warehouse jobs near Hartford:"."""
    _ = translator(language)
    if keyword:
        return _("New %(keyword)s jobs near %(town)s:", keyword=keyword, town=town)
    return _("New jobs near %(town)s:", town=town)
