"""What a follow-up says: a course reminder, or a digest of new jobs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.courses.search import course_by_code
from bot.db.models import Course, Enrollment, FollowUp, JobAlertSubscription, Person, Place
from bot.dialogue.context import Context
from bot.dialogue.jobs import results_reply
from bot.dialogue.reply import Reply
from bot.i18n import translator
from bot.jobs.search_request import SearchRequest
from bot.learners.alerts import new_jobs
from bot.learners.follow_up_texts import (
    course_reminder_text,
    follow_up_language,
    job_alert_heading,
)


def _follow_up(session: Session, context: Context, key: str | None) -> FollowUp | None:
    """The follow-up ``key`` if it belongs to the person of this conversation: one
    person's reminder or alert is never said in another's conversation."""
    if not key:
        return None
    return session.execute(
        select(FollowUp)
        .join(Person, FollowUp.person_id == Person.id)
        .where(FollowUp.idempotency_key == key, Person.address == context.address)
    ).scalar_one_or_none()


def course_reminder(session: Session, context: Context, key: str | None) -> Reply:
    """The reminder text for the follow-up ``key``: the course, its link, what to reply."""
    row = _follow_up(session, context, key)
    enrollment = session.get(Enrollment, row.enrollment_id) if row else None
    if enrollment is None:
        return Reply(key=key)
    course = session.get(Course, enrollment.course_id)
    hit = course_by_code(session, course.code)
    # A text the service starts goes out in the person's stored language (kept current
    # by every conversation), whatever this conversation last held.
    language = follow_up_language(session, row)
    text = course_reminder_text(course.title, hit.url if hit else None, language)
    return Reply([text], key=key).set(selected_course=course.code)


def job_alert(
    session: Session, context: Context, key: str | None, now: datetime | None = None
) -> Reply:
    """The digest for the follow-up ``key``: new jobs since the last one, as a list."""
    now = now or utcnow()
    row = _follow_up(session, context, key)
    subscription = session.get(JobAlertSubscription, row.subscription_id) if row else None
    if subscription is None:
        return Reply(key=key)
    page = new_jobs(session, subscription, now)
    if not page.hits:
        return Reply(key=key)
    language = follow_up_language(session, row)
    town = session.get(Place, subscription.place_id).name
    heading = job_alert_heading(subscription.keyword, town, language)
    asked = SearchRequest(
        keyword=subscription.keyword or None, radius_miles=subscription.radius_miles
    )
    reply = results_reply(page, asked, town, heading, now, translator(language))
    reply.key = key
    return reply
