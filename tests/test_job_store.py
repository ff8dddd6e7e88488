"""Saving imported jobs: places, updates without duplicates, rejects with reasons."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.db import session_scope
from bot.db.models import Employer, Job, Place
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.store import import_records
from tests.jobs_factory import NOW, record


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
