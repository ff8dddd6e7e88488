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
from bot.jobs.employer_words import job_word_for_employer
from bot.jobs.search_request import SearchRequest
from bot.jobs.text import keyword_label
from bot.messaging.phone import normalize_phone
from bot.text import email_in, shorten

ASK_CONTACT = (
    "What's the best phone number or email for our staff to reach you? Reply SKIP to leave it out."
)
_PHONE = re.compile(r"\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}")
_SKIP = re.compile(r"^\s*(skip|no|none|no thanks|nah|nope)\b", re.IGNORECASE)
FAQ = {
    "ask_resume": (
        "Most jobs here only need the employer's online form, no resume. For free help "
        "writing one, reply AGENT or visit an American Job Center: {directory}"
    ),
    "ask_how_to_apply": (
        "Search (for example: jobs in Hartford), then reply a job's number: I send its "
        "apply link and you apply on the employer's page. Applying is always free."
    ),
    "ask_phone_use": (
        "Yes, the free courses open in your phone's web browser. Long lessons are easier on "
        "a computer: libraries and American Job Centers have free ones. Reply COURSES to see them."
    ),
}


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
    """Record a callback request with the reason, for staff, and confirm it. In a chat
    with no phone number, ask how staff can reach the person."""
    person = person_for(session, context)
    reason = shorten(" | ".join(m for m in recent_messages if m), 1000) or "asked for a person"
    session.add(HandoffRequest(person_id=person.id, reason=reason))
    if not can_text(context):
        return Reply(["I'll ask our staff to contact you.", ASK_CONTACT]).set(
            pending="handoff_contact"
        )
    return Reply(
        [
            "I've asked our staff to contact you. They reply on business days.",
            job_center_text(home_town(session, person)),
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
    return contact_in(context.text) is not None or bool(_SKIP.match(context.text or ""))


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
    contact = contact_in(context.text)
    where = job_center_text(home_town(session, person))
    if contact is None or request is None:
        return Reply(["OK. Without a phone number or email our staff can't call you back.", where])
    request.contact = contact
    return Reply([f"Thanks. Our staff will contact you at {contact} on a business day.", where])


def after_job_loss(session: Session, context: Context) -> Reply:
    """Someone who just lost work: the three things the service does, with the words
    they used (town, job word or their employer's line of work) kept for the first."""
    person = person_for(session, context)
    keyword = context.entities.get("job_keyword") or job_word_for_employer(context.text)
    town = context.entities.get("location") or home_town(session, person)
    what = f"{keyword_label(keyword)} jobs" if keyword else "jobs"
    where = f" near {town}" if town else " near you"
    lines = [
        "I'm sorry, that's hard. Here is what I can do:",
        f"1) {what}{where}",
        "2) free training, with a quick check that it's free for you",
        "3) help with unemployment benefits",
        "Reply 1, 2 or 3.",
    ]
    kept = jobs.remembered(SearchRequest(keyword=keyword))
    return Reply([" ".join(lines)]).set(last_list="lost_job", location=town, **kept)


def after_job_loss_pick(session: Session, context: Context, number: int) -> Reply:
    """The option picked after :func:`after_job_loss`."""
    if number == 1:
        return jobs.search(session, context, jobs.last_request(context), context.slot("location"))
    if number == 2:
        return eligibility.start_check()
    if number == 3:
        return unemployment_info()
    return Reply(["Please reply 1, 2 or 3."]).set(last_list="lost_job")


def faq_answer(intent: str | None) -> Reply:
    """A short answer to a common question (resume, applying, classes on a phone)."""
    text = FAQ.get(intent or "")
    if text is None:
        return Reply([])
    return Reply([text.format(directory=job_center_directory())])
