"""Job-alert digests: the jobs a subscription has not been told about yet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.db.models import JobAlertSubscription, Place
from bot.jobs.search import JobPage, JobQuery, search_jobs
from bot.learners.schedule import schedule


def new_jobs(session: Session, subscription: JobAlertSubscription, now: datetime) -> JobPage:
    """Jobs matching the subscription posted since its last digest (or since it began)."""
    town = session.get(Place, subscription.place_id).name if subscription.place_id else None
    query = JobQuery(
        keyword=subscription.keyword or None,
        place=town,
        radius_miles=subscription.radius_miles,
        posted_after=subscription.last_sent_at or subscription.created_at,
        page_size=schedule().alert_max_jobs,
    )
    return search_jobs(session, query, now)
