"""What a follow-up says: a course reminder, or a digest of new jobs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.courses.search import course_by_code
from bot.db.models import Course, Enrollment, FollowUp, JobAlertSubscription, Person, Place
from bot.dialogue.context import Context
from bot.dialogue.jobs import jobs_for_keyword, results_reply
from bot.dialogue.reply import Reply
from bot.jobs.search_request import SearchRequest
from bot.learners.alerts import new_jobs


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
    _ = context.translate
    row = _follow_up(session, context, key)
    enrollment = session.get(Enrollment, row.enrollment_id) if row else None
    if enrollment is None:
        return Reply(key=key)
    course = session.get(Course, enrollment.course_id)
    hit = course_by_code(session, course.code)
    link = " " + _("Continue here: %(url)s", url=hit.url) if hit and hit.url else ""
    text = (
        _("Reminder: how is %(course)s going?", course=course.title)
        + link
        + " "
        + _("Reply DONE when you finish, or STOP REMINDERS to stop these texts.")
    )
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
    _ = context.translate
    town = session.get(Place, subscription.place_id).name
    what = jobs_for_keyword(subscription.keyword, _)
    asked = SearchRequest(
        keyword=subscription.keyword or None, radius_miles=subscription.radius_miles
    )
    intro = _("New %(what)s near %(town)s:", what=what, town=town)
    reply = results_reply(page, asked, town, intro, now, _)
    reply.key = key
    return reply
