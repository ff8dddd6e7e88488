"""Saving imported jobs: places, updates without duplicates, rejects with reasons."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.db import session_scope
from bot.db.models import Employer, Job, Place
from bot.employers import postings
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.store import import_records
from tests.support.jobs_factory import NOW, record


def _towns_by_reference(url: str) -> dict[str, str]:
    with session_scope(url) as session:
        rows = session.execute(select(Job.reference, Place.name).join(Place)).all()
    return dict(rows)


def test_jobs_are_placed_in_their_town_by_zip_or_city(db_url):
    records = [
        record("zip", postal_code="06106", city="Hartford"),
        record("village", postal_code=None, city="Storrs"),
        record("postal-city", postal_code="06355", city="Mystic"),
    ]
    with session_scope(db_url) as session:
        report = import_records(session, records, now=NOW)
    assert (report.created, report.rejects) == (3, [])
    assert _towns_by_reference(db_url) == {
        "zip": "Hartford",
        "village": "Mansfield",
        "postal-city": "Stonington",
    }


def test_unknown_location_is_rejected_with_a_reason_and_the_rest_saved(db_url):
    records = [
        record("good-1"),
        record("nowhere", postal_code=None, city="Springfield"),
        record("good-2", postal_code="06510", city="New Haven"),
    ]
    with session_scope(db_url) as session:
        report = import_records(session, records, now=NOW)
    assert report.created == 2
    assert [(r.reference, r.reason) for r in report.rejects] == [
        ("nowhere", "unknown Connecticut location 'Springfield'")
    ]
    assert "1 rejected" in report.lines()[-1]


def test_reimport_updates_changed_jobs_without_duplicates(db_url):
    with session_scope(db_url) as session:
        import_records(session, [record("a"), record("b")], now=NOW)
    changed = [record("a", title="Forklift Operator"), record("b")]
    with session_scope(db_url) as session:
        report = import_records(session, changed, now=NOW)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    with session_scope(db_url) as session:
        assert session.execute(select(func.count()).select_from(Job)).scalar_one() == 2
        new = search_jobs(session, JobQuery(keyword="forklift operator", place="Hartford"), NOW)
        assert [hit.title for hit in new.hits][:1] == ["Forklift Operator"]
        old = search_jobs(session, JobQuery(keyword="associate", place="Hartford"), NOW)
        assert [hit.title for hit in old.hits] == ["Warehouse Associate"]


def test_same_reference_from_two_sources_is_two_jobs_and_employers_are_shared(db_url):
    records = [
        record("r1", source="feed-a", company="Nutmeg Logistics"),
        record("r1", source="feed-b", company="NUTMEG LOGISTICS"),
    ]
    with session_scope(db_url) as session:
        report = import_records(session, records, now=NOW)
    assert report.created == 2
    with session_scope(db_url) as session:
        assert session.execute(select(func.count()).select_from(Employer)).scalar_one() == 1


def test_all_169_towns_are_stored_as_places(db_url):
    with session_scope(db_url) as session:
        import_records(session, [record("x")], now=NOW)
        assert session.execute(select(func.count()).select_from(Place)).scalar_one() == 169


# What a feed sent once and went live with: a fee in gift cards, an SSN, $400 an hour.
SCAM = dict(
    title="Mystery Shopper",
    description="Buy a gift card to cover the $75 starter fee and text us your SSN to get paid.",
    salary_min=400.0,
    salary_max=400.0,
    salary_text="$400 per hour",
    category=None,
)


def _titles(url: str, keyword: str) -> list[str]:
    with session_scope(url) as session:
        page = search_jobs(session, JobQuery(keyword=keyword, place="Hartford"), NOW)
    return [hit.title for hit in page.hits]


def _status(url: str, reference: str) -> tuple[str, str | None]:
    with session_scope(url) as session:
        job = session.execute(select(Job).where(Job.reference == reference)).scalar_one()
        return job.status, job.review_notes


def test_a_feed_record_with_scam_signals_is_held_and_a_clean_one_goes_live(db_url):
    with session_scope(db_url) as session:
        report = import_records(session, [record("scam", **SCAM), record("clean")], now=NOW)
    assert report.created == 2
    [held] = report.held
    assert (held.reference, held.title) == ("scam", "Mystery Shopper")
    assert held.notes == (
        "asks applicants to pay (a fee, deposit, kit or gift cards)",
        "asks for bank, card or Social Security details",
        "pays $400 an hour",
    )
    assert report.lines()[-1] == (
        "2 created, 0 updated, 0 unchanged, 0 rejected, 1 held for staff review"
    )
    first_line = report.lines()[0]
    assert "held for staff review scam (Mystery Shopper): asks applicants to pay" in first_line
    assert _titles(db_url, "mystery shopper") == []
    assert _titles(db_url, "warehouse associate") == ["Warehouse Associate"]
    with session_scope(db_url) as session:
        [queued] = postings.queue(session)
    assert (queued.title, queued.source, queued.from_portal) == ("Mystery Shopper", "test", False)
    assert queued.notes == held.notes


def test_a_changed_record_is_screened_again_and_held_or_rejected_jobs_stay_so(db_url):
    with session_scope(db_url) as session:
        import_records(session, [record("a", title="Mystery Shopper")], now=NOW)
    assert _titles(db_url, "mystery shopper") == ["Mystery Shopper"]
    # The feed turns a live job into a scam: it leaves search and waits for staff.
    with session_scope(db_url) as session:
        report = import_records(session, [record("a", **SCAM)], now=NOW)
    assert (report.updated, [h.reference for h in report.held]) == (1, ["a"])
    assert _titles(db_url, "mystery shopper") == []
    # Cleaned up in the next feed, it still waits for staff to decide.
    with session_scope(db_url) as session:
        import_records(session, [record("a", title="Mystery Shopper")], now=NOW)
    status, notes = _status(db_url, "a")
    assert status == "pending" and "pays $400 an hour" in notes
    assert _titles(db_url, "mystery shopper") == []
    # Rejected by staff, it stays out whatever the feed sends.
    with session_scope(db_url) as session:
        job_id = session.execute(select(Job.id).where(Job.reference == "a")).scalar_one()
        postings.decide(session, job_id, approve=False)
    with session_scope(db_url) as session:
        import_records(session, [record("a", title="Mystery Shopper Trainee")], now=NOW)
    assert _status(db_url, "a")[0] == "closed"
    assert _titles(db_url, "mystery shopper") == []


def test_a_held_feed_job_goes_live_when_approved_and_keeps_that_time(db_url):
    with session_scope(db_url) as session:
        import_records(session, [record("scam", **SCAM)], now=NOW)
        job_id = session.execute(select(Job.id)).scalar_one()
    approved_at = NOW + timedelta(hours=3)
    with session_scope(db_url) as session:
        postings.decide(session, job_id, approve=True, now=approved_at)
        # Staff approving a feed job vouch for that job, not for the employer's portal
        # account (a clean posting of theirs would go live without review).
        assert not session.execute(select(Employer.verified)).scalar_one()
    assert _titles(db_url, "mystery shopper") == ["Mystery Shopper"]
    # The next import of the same record changes nothing, and does not make it older.
    with session_scope(db_url) as session:
        report = import_records(session, [record("scam", **SCAM)], now=NOW + timedelta(days=1))
    assert (report.unchanged, report.held) == (1, [])
    with session_scope(db_url) as session:
        job = session.get(Job, job_id)
        assert (job.status, job.posted_at) == ("active", approved_at)
