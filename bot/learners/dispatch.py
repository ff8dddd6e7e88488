"""The worker's follow-up delivery: claim what is due, check it still should go, and
hand it to the assistant as an external event over the SMS channel.

Each follow-up becomes a call of Rasa's ``/conversations/<phone>/trigger_intent`` with
the SMS output channel, so the text comes from the assistant (and goes through the
outbound gate) and the learner's answer ("done", "stop reminders") is understood in
context. The follow-up's idempotency key travels in the event, and on to the gate.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
import requests.adapters
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.config import Settings, load_settings
from bot.db import session_scope
from bot.db.models import Enrollment, FollowUp, JobAlertSubscription, Person
from bot.identity import SMS_CHANNEL
from bot.learners import enrollments, follow_ups
from bot.learners.alerts import new_jobs
from bot.learners.claims import claim_due, release
from bot.messaging import optouts
from bot.messaging.phone import mask
from bot.messaging.quiet_hours import next_allowed
from bot.rasa_api import conversation_url

log = logging.getLogger("bot.learners")

# How long a follow-up waits for the answer to "Do you want us to stop texting you?".
ASKED_WAIT = timedelta(days=1)
# Delivered follow-ups are marked sent in groups of this many (one transaction each).
MARK_EVERY = 10
INTENTS = {
    follow_ups.COURSE_REMINDER: "EXTERNAL_course_reminder",
    follow_ups.JOB_ALERT: "EXTERNAL_job_alert",
}


class AssistantUnavailable(Exception):
    """Rasa could not be reached or refused the event: try again later."""


@dataclass(frozen=True)
class Delivery:
    """What to send the assistant for one claimed follow-up."""

    follow_up_id: int
    address: str
    intent: str
    key: str


def _skip_reason(
    session: Session, row: FollowUp, person: Person, blocked: str | None, now: datetime
) -> str | None:
    """Why this follow-up must not go out any more, or None. ``blocked`` is the
    number's opt-out status."""
    if person.channel != SMS_CHANNEL:
        return "no phone number (not an SMS contact)"
    if blocked:
        return f"number {blocked.replace('_', ' ')}"
    if row.kind == follow_ups.COURSE_REMINDER:
        enrollment = session.get(Enrollment, row.enrollment_id)
        if not enrollments.is_open(enrollment):
            return f"enrollment {enrollment.status if enrollment else 'gone'}"
        if not enrollment.reminders_consent:
            return "reminders stopped"
        return None
    subscription = session.get(JobAlertSubscription, row.subscription_id)
    if subscription is None or not subscription.active:
        return "alert cancelled"
    if not new_jobs(session, subscription, now).hits:
        return "no new jobs"
    return None


def _after_sent(session: Session, row: FollowUp, now: datetime) -> None:
    """Line up what comes after a delivered follow-up."""
    if row.kind == follow_ups.COURSE_REMINDER:
        enrollment = session.get(Enrollment, row.enrollment_id)
        follow_ups.schedule_reminder(session, enrollment, row.sequence + 1)
    else:
        subscription = session.get(JobAlertSubscription, row.subscription_id)
        subscription.last_sent_at = now
        follow_ups.schedule_alert(session, subscription, now)


def _after_skipped(session: Session, row: FollowUp, now: datetime) -> None:
    """A skipped digest (nothing new) still leads to the next one."""
    if row.kind == follow_ups.JOB_ALERT:
        subscription = session.get(JobAlertSubscription, row.subscription_id)
        if subscription is not None and subscription.active:
            follow_ups.schedule_alert(session, subscription, now)


def _load(session: Session, rows: list[FollowUp]) -> list[object]:
    """Load the enrollments and alert subscriptions of ``rows`` in two queries, so that
    ``session.get`` finds them in the session instead of asking one by one. The session
    holds loaded objects only weakly: keep the returned list while they are needed."""
    enrollment_ids = [row.enrollment_id for row in rows if row.enrollment_id]
    alerts = [row.subscription_id for row in rows if row.subscription_id]
    return [
        *session.execute(select(Enrollment).where(Enrollment.id.in_(enrollment_ids))).scalars(),
        *session.execute(
            select(JobAlertSubscription).where(JobAlertSubscription.id.in_(alerts))
        ).scalars(),
    ]


class Dispatcher:
    """Delivers due follow-ups; one instance per worker process.

    Each delivery waits for the assistant to write and send its text, so a worker
    keeps ``concurrency`` deliveries in flight (different people's conversations run
    side by side in Rasa); one at a time would cap a worker at a few dozen a second.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        batch: int = 100,
        timeout: float = 30,
        concurrency: int | None = None,
    ):
        self.settings = settings or load_settings()
        self.batch = batch
        self.timeout = timeout
        self.concurrency = concurrency or self.settings.follow_up_concurrency
        self.lease = timedelta(seconds=self.settings.follow_up_lease_seconds)
        self.http = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=self.concurrency)
        self.http.mount("http://", adapter)
        self.http.mount("https://", adapter)

    def tick(self, now: datetime | None = None) -> int:
        """Deliver what is due at ``now``; returns how many went to the assistant.
        Raises :class:`AssistantUnavailable` so the worker backs off."""
        now = now or utcnow()
        if next_allowed(now, self.settings.sms_send_window) is not None:
            return 0  # outside 9:00-20:00 in Connecticut: due items wait for the morning
        with session_scope(self.settings.database_url) as session:
            claimed = claim_due(session, now, self.batch, self.lease)
        if not claimed:
            return 0
        deliveries = self._prepare(claimed, now)
        delivered, failure = self._trigger_all(deliveries, now)
        if failure is not None:
            # Rows delivered before the failure are marked sent already; release() only
            # gives back the ones still claimed, due again at once.
            with session_scope(self.settings.database_url) as session:
                release(session, claimed)
            raise failure
        return delivered

    def _trigger_all(
        self, deliveries: list[Delivery], now: datetime
    ) -> tuple[int, Exception | None]:
        """Send the events ``concurrency`` at a time; mark delivered rows sent in small
        groups as they complete. Returns how many were marked and the first failure
        (after which the rest are not sent)."""
        delivered, failure, done = 0, None, []
        with ThreadPoolExecutor(self.concurrency, thread_name_prefix="follow-up") as pool:
            futures = {pool.submit(self.trigger, delivery): delivery for delivery in deliveries}
            for future in as_completed(futures):
                if future.cancelled():
                    continue
                if future.exception() is not None:
                    if failure is None:
                        failure = future.exception()
                        for other in futures:
                            other.cancel()
                    continue
                done.append(futures[future])
                if len(done) >= MARK_EVERY:
                    delivered += self._mark_sent(done, now)
                    done = []
        if done:
            delivered += self._mark_sent(done, now)
        return delivered, failure

    def _prepare(self, row_ids: list[int], now: datetime) -> list[Delivery]:
        """Check the claimed rows in one go: the ones that must not go out any more
        are marked skipped (with the reason); the rest are returned for delivery."""
        deliveries = []
        with session_scope(self.settings.database_url) as session:
            rows = session.execute(select(FollowUp).where(FollowUp.id.in_(row_ids))).scalars()
            order = {row_id: position for position, row_id in enumerate(row_ids)}
            rows = sorted(rows, key=lambda row: order[row.id])
            people = {
                person.id: person
                for person in session.execute(
                    select(Person).where(Person.id.in_([row.person_id for row in rows]))
                ).scalars()
            }
            blocked = optouts.block_statuses(session, [p.address for p in people.values()])
            loaded = _load(session, rows)  # noqa: F841 - held for session.get
            for row in rows:
                person = people[row.person_id]
                if blocked.get(person.address) == optouts.ASKED:
                    # Asked whether they want to stop: nothing proactive until they answer.
                    row.status, row.claimed_at = follow_ups.PENDING, None
                    row.due_at = now + ASKED_WAIT
                    continue
                reason = _skip_reason(session, row, person, blocked.get(person.address), now)
                if reason:
                    row.status, row.skip_reason, row.done_at = follow_ups.SKIPPED, reason, now
                    _after_skipped(session, row, now)
                    log.info("follow-up %s skipped: %s", row.idempotency_key, reason)
                    continue
                deliveries.append(
                    Delivery(row.id, person.address, INTENTS[row.kind], row.idempotency_key)
                )
        return deliveries

    def _mark_sent(self, deliveries: list[Delivery], now: datetime) -> int:
        """Mark delivered follow-ups sent and line up what comes after each, in one
        transaction. A worker that dies before this leaves them claimed: they go out
        again after the lease, and their idempotency keys keep the texts from repeating."""
        with session_scope(self.settings.database_url) as session:
            rows = session.execute(
                select(FollowUp).where(FollowUp.id.in_([d.follow_up_id for d in deliveries]))
            ).scalars()
            rows = list(rows)
            loaded = _load(session, rows)  # noqa: F841 - held for session.get
            for row in rows:
                row.status, row.done_at = follow_ups.SENT, now
                _after_sent(session, row, now)
        return len(rows)

    def trigger(self, delivery: Delivery) -> None:
        """Send the follow-up to the assistant as an external event."""
        url = conversation_url(self.settings.rasa_url, delivery.address) + "/trigger_intent"
        params = {"output_channel": SMS_CHANNEL}
        if self.settings.rasa_token:
            params["token"] = self.settings.rasa_token
        body = {"name": delivery.intent, "entities": {"follow_up": delivery.key}}
        try:
            response = self.http.post(url, params=params, json=body, timeout=self.timeout)
        except requests.RequestException as exc:
            raise AssistantUnavailable(f"Rasa unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            log.warning(
                "Rasa refused follow-up for %s: %s", mask(delivery.address), response.status_code
            )
            raise AssistantUnavailable(f"Rasa answered {response.status_code}")
