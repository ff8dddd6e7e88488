"""Help from people: unemployment-claim pointers, job centers, callback requests."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.contacts import contacts, job_center_directory, nearest_job_center, reach
from bot.db.models import HandoffRequest
from bot.dialogue import eligibility, jobs
from bot.dialogue.context import Context
from bot.dialogue.people import can_text, home_town, person_for
from bot.dialogue.reply import Reply
from bot.i18n import N_, Translator, translator
from bot.i18n.yes_no import parse_yes_no
from bot.jobs.employer_words import job_word_for_employer
from bot.jobs.search_request import SearchRequest
from bot.jobs.text import keyword_label
from bot.messaging.phone import normalize_phone
from bot.text import email_in, shorten

ASK_CONTACT = N_(
    "What's the best phone number or email for our staff to reach you? Reply SKIP to leave it out."
)
_PHONE = re.compile(r"\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}")
_SKIP = re.compile(
    r"^\s*(skip|no|none|no thanks|nah|nope|saltar|omitir|ninguno|no gracias)\b", re.IGNORECASE
)
FAQ = {
    "ask_resume": N_(
        "Most jobs here only need the employer's online form, no resume. For free help "
        "writing one, reply AGENT or visit an American Job Center: %(directory)s"
    ),
    "ask_how_to_apply": N_(
        "Search (for example: jobs in Hartford), then reply a job's number: I send its "
        "apply link and you apply on the employer's page. Applying is always free."
    ),
    "ask_phone_use": N_(
        "Yes, the free courses open in your phone's web browser. Long lessons are easier on "
        "a computer: libraries and American Job Centers have free ones. Reply COURSES to see them."
    ),
}


def job_center_text(town: str | None, _: Translator | None = None) -> str:
    """Where to get help in person: the nearest American Job Center to ``town``, or how
    to find one, always with a way to get there."""
    _ = _ or translator(None)
    center = nearest_job_center(town)
    if center is None:
        return _(
            "You can also get free help in person at an American Job Center: %(where)s",
            where=job_center_directory(),
        )
    return _(
        "You can also get free help in person at %(center)s (%(town)s). "
        "Hours and directions: %(reach)s",
        center=center.name,
        town=center.town,
        reach=center.reach,
    )


def unemployment_info(context: Context | None = None) -> Reply:
    """Claims, payments, a claim's status or a denial: where to go, and what we can do
    instead, in one text (we cannot see or change claims)."""
    _ = context.translate if context else translator(None)
    entry = contacts()["unemployment"]
    where = reach(entry.get("claims_url"), entry.get("phone"), language=_.language)
    more = " " + _("More help: %(url)s", url=entry["url"]) if entry.get("url") else ""
    return Reply(
        [
            _(
                "For a claim, a payment, its status or a denial, go to %(where)s (%(agency)s).",
                where=where,
                agency=entry["agency"],
            )
            + more
            + " "
            + _("I can't see claims, but I can find you jobs and free training.")
        ]
    )


def handoff(session: Session, context: Context, recent_messages: list[str]) -> Reply:
    """Record a callback request with the reason, for staff, and confirm it. In a chat
    with no phone number, ask how staff can reach the person."""
    _ = context.translate
    person = person_for(session, context)
    reason = shorten(" | ".join(m for m in recent_messages if m), 1000) or "asked for a person"
    session.add(HandoffRequest(person_id=person.id, reason=reason))
    if not can_text(context):
        return Reply([_("I'll ask our staff to contact you."), _(ASK_CONTACT)]).set(
            pending="handoff_contact"
        )
    return Reply(
        [
            _("I've asked our staff to contact you. They reply on business days."),
            job_center_text(home_town(session, person), _),
        ]
    )


def contact_in(text: str) -> str | None:
    """A phone number (as +1XXXXXXXXXX) or an email address written in ``text``."""
    if email := email_in(text):
        return email
    if match := _PHONE.search(text or ""):
        return normalize_phone(match.group(0))
    return None


def takes_contact(context: Context) -> bool:
    """Whether this message answers the "how can staff reach you" question."""
    if context.slot("pending") != "handoff_contact":
        return False
    text = context.text or ""
    return contact_in(text) is not None or bool(_SKIP.match(text)) or parse_yes_no(text) is False


def step_for(
    context: Context, planned: Callable[[Session, Context], Reply]
) -> Callable[[Session, Context], Reply]:
    """The step that answers this message: the answer to "how can staff reach you?"
    comes first, whatever it looked like; otherwise ``planned``."""
    return take_contact if takes_contact(context) else planned


def take_contact(session: Session, context: Context) -> Reply:
    """Keep how staff can reach a chat user on their latest open callback request."""
    person = person_for(session, context)
    request = session.execute(
        select(HandoffRequest)
        .where(HandoffRequest.person_id == person.id, HandoffRequest.status == "open")
        .order_by(HandoffRequest.created_at.desc(), HandoffRequest.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    _ = context.translate
    contact = contact_in(context.text)
    where = job_center_text(home_town(session, person), _)
    if contact is None or request is None:
        return Reply(
            [_("OK. Without a phone number or email our staff can't call you back."), where]
        )
    request.contact = contact
    return Reply(
        [
            _(
                "Thanks. Our staff will contact you at %(contact)s on a business day.",
                contact=contact,
            ),
            where,
        ]
    )


def after_job_loss(session: Session, context: Context) -> Reply:
    """Someone who just lost work: the three things the service does, with the words
    they used (town, job word or their employer's line of work) kept for the first."""
    _ = context.translate
    person = person_for(session, context)
    keyword = context.entities.get("job_keyword") or job_word_for_employer(context.text)
    town = context.entities.get("location") or home_town(session, person)
    what = _("%(keyword)s jobs", keyword=keyword_label(keyword)) if keyword else _("jobs")
    if town:
        first = _("%(what)s near %(town)s", what=what, town=town)
    else:
        first = _("%(what)s near you", what=what)
    lines = [
        _("I'm sorry, that's hard. Here is what I can do:"),
        f"1) {first}",
        "2) " + _("free training, with a quick check that it's free for you"),
        "3) " + _("help with unemployment benefits"),
        _("Reply 1, 2 or 3."),
    ]
    kept = jobs.remembered(SearchRequest(keyword=keyword))
    return Reply([" ".join(lines)]).set(last_list="lost_job", location=town, **kept)


def after_job_loss_pick(session: Session, context: Context, number: int) -> Reply:
    """The option picked after :func:`after_job_loss`."""
    if number == 1:
        return jobs.search(session, context, jobs.last_request(context), context.slot("location"))
    if number == 2:
        return eligibility.start_check(context)
    if number == 3:
        return unemployment_info(context)
    _ = context.translate
    return Reply([_("Please reply 1, 2 or 3.")]).set(last_list="lost_job")


def faq_answer(context: Context) -> Reply:
    """A short answer to a common question (resume, applying, classes on a phone)."""
    text = FAQ.get(context.intent or "")
    if text is None:
        return Reply([])
    if "%(directory)s" in text:
        return Reply([context.translate(text, directory=job_center_directory())])
    return Reply([context.translate(text)])
