"""Listing and cancelling a person's job alerts, and the one-time codes that open them
on the website, against the real database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import FollowUp, JobAlertSubscription, PhoneCode
from bot.learners.alert_subscriptions import alerts_of, cancel_alerts, texter_id
from bot.messaging import one_time_codes as codes
from tests.support.alert_factory import texter_with_alerts

NUMBER = "+18605550101"
OTHER = "+18605550102"
ALERTS = [
    ("warehouse", "Hartford", "weekly"),
    ("", "New Haven", "daily"),
    ("cna", "Bristol", "daily"),
]


def _states(url, ids) -> dict[int, tuple[bool, list[str]]]:
    """alert id -> (active, statuses of its follow-ups)."""
    with session_scope(url) as session:
        return {
            alert_id: (
                session.get(JobAlertSubscription, alert_id).active,
                session.scalars(
                    select(FollowUp.status).where(FollowUp.subscription_id == alert_id)
                ).all(),
            )
            for alert_id in ids
        }


def test_alerts_are_listed_oldest_first_with_what_where_and_how_often(db_url):
    person_id, ids = texter_with_alerts(db_url, NUMBER, ALERTS)
    texter_with_alerts(db_url, OTHER, [("welder", "Waterbury", "weekly")])
    with session_scope(db_url) as session:
        assert texter_id(session, NUMBER) == person_id
        assert texter_id(session, "+18605550199") is None
        alerts = alerts_of(session, person_id)
    assert [alert.id for alert in alerts] == ids
    assert [alert.summary() for alert in alerts] == [
        "warehouse jobs near Hartford, once a week",
        "any jobs near New Haven, every day",
        "cna jobs near Bristol, every day",
    ]
    assert alerts[0].summary("es") == "trabajos de warehouse cerca de Hartford, una vez por semana"
    assert alerts[1].summary("es") == "cualquier trabajo cerca de New Haven, todos los días"
    assert alerts[0].radius_miles == 25 and alerts[0].frequency == "weekly"


def test_cancelling_chosen_alerts_stops_their_digests_only(db_url):
    person_id, ids = texter_with_alerts(db_url, NUMBER, ALERTS)
    _, [others] = texter_with_alerts(db_url, OTHER, [("welder", "Waterbury", "weekly")])
    with session_scope(db_url) as session:
        # Someone else's alert id in the list is ignored, not cancelled.
        assert cancel_alerts(session, person_id, [ids[1], others]) == 1
    states = _states(db_url, [*ids, others])
    assert states[ids[1]] == (False, ["skipped"])
    assert states[ids[0]] == (True, ["pending"]) and states[others] == (True, ["pending"])
    with session_scope(db_url) as session:
        assert [a.id for a in alerts_of(session, person_id)] == [ids[0], ids[2]]
        # Cancelling it again changes nothing; an empty choice cancels nothing.
        assert cancel_alerts(session, person_id, [ids[1]]) == 0
        assert cancel_alerts(session, person_id, []) == 0


def test_cancelling_all_alerts(db_url):
    person_id, ids = texter_with_alerts(db_url, NUMBER, ALERTS)
    with session_scope(db_url) as session:
        assert cancel_alerts(session, person_id) == 3
        assert alerts_of(session, person_id) == []
    assert all(state == (False, ["skipped"]) for state in _states(db_url, ids).values())
    with session_scope(db_url) as session:
        reasons = session.scalars(select(FollowUp.skip_reason)).all()
    assert reasons == ["alert cancelled"] * 3


def test_a_code_works_once_and_only_its_hash_is_kept(db_url):
    with session_scope(db_url) as session:
        issued = codes.issue(session, NUMBER, "10.0.0.1")
        stored = session.get(PhoneCode, issued.id).code_hash
    assert len(issued.code) == 6 and issued.code.isdigit() and issued.code not in stored
    with session_scope(db_url) as session:
        spaced = f"{issued.code[:3]} {issued.code[3:]}"
        assert codes.check(session, issued.id, spaced) == codes.CodeCheck(codes.OK, number=NUMBER)
    with session_scope(db_url) as session:
        assert codes.check(session, issued.id, issued.code).outcome == codes.USED


def test_a_code_expires_after_ten_minutes(db_url):
    start = utcnow()
    with session_scope(db_url) as session:
        issued = codes.issue(session, NUMBER, "10.0.0.1", now=start)
    late = start + timedelta(minutes=codes.CODE_MINUTES)
    with session_scope(db_url) as session:
        assert codes.check(session, issued.id, issued.code, now=late).outcome == codes.EXPIRED
        in_time = late - timedelta(seconds=1)
        assert codes.check(session, issued.id, issued.code, now=in_time).outcome == codes.OK


def test_five_wrong_tries_lock_a_code(db_url):
    with session_scope(db_url) as session:
        issued = codes.issue(session, NUMBER, "10.0.0.1")
    wrong = f"{(int(issued.code) + 1) % 10**6:06d}"
    with session_scope(db_url) as session:
        # Something that is not six digits is a typing slip, not a try.
        assert codes.check(session, issued.id, "12345").outcome == codes.MALFORMED
        results = [codes.check(session, issued.id, wrong) for _ in range(codes.MAX_WRONG_TRIES)]
    assert [r.tries_left for r in results[:-1]] == [4, 3, 2, 1]
    assert results[-1].outcome == codes.LOCKED
    with session_scope(db_url) as session:
        assert codes.check(session, issued.id, issued.code).outcome == codes.LOCKED


def test_codes_are_throttled_per_number_and_per_address(db_url):
    start = utcnow()
    with session_scope(db_url) as session:
        for _ in range(codes.CODES_PER_NUMBER):
            assert codes.issue(session, NUMBER, "10.0.0.1", now=start) is not None
        assert codes.issue(session, NUMBER, "10.0.0.2", now=start) is None
        # Other numbers from that address still get codes, up to the address's limit.
        for n in range(codes.CODES_PER_SOURCE - codes.CODES_PER_NUMBER):
            assert codes.issue(session, f"+1860555{n:04d}", "10.0.0.1", now=start) is not None
        assert codes.issue(session, OTHER, "10.0.0.1", now=start) is None
        assert codes.issue(session, OTHER, "10.0.0.3", now=start) is not None
        # Once the window has passed, both may ask again.
        later = start + timedelta(minutes=codes.THROTTLE_MINUTES, seconds=1)
        assert codes.issue(session, NUMBER, "10.0.0.1", now=later) is not None
