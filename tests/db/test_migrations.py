"""The Alembic migrations: they build the models' schema and keep existing rows."""

from __future__ import annotations

import re

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from bot.db import get_engine, session_scope
from bot.db.migrate import upgrade
from bot.db.models import Base, Job
from bot.db.rasa_events import RASA_METADATA, is_ours
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.store import ensure_places
from bot.staff.queues import callbacks
from tests.support.jobs_factory import NOW


def test_the_migrations_build_exactly_the_schema_of_the_models(databases):
    url = databases.create("schema_check")
    with get_engine(url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migrations_leave_rasa_tracker_table_alone_in_a_shared_database(databases):
    url = databases.create("shared_with_rasa")
    RASA_METADATA.create_all(get_engine(url))
    with get_engine(url).connect() as connection:
        unfiltered = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        filtered = compare_metadata(
            MigrationContext.configure(connection, opts={"include_object": is_ours}),
            Base.metadata,
        )
    assert ("remove_table", "events") in [(d[0], d[1].name) for d in unfiltered]
    assert filtered == []


def test_jobs_posted_before_link_codes_get_one_each(databases):
    url = databases.create("before_link_codes", revision="0004")
    with get_engine(url).begin() as connection:
        connection.execute(
            text(
                "INSERT INTO employers (name, name_key, verified, created_at)"
                " VALUES ('Acme', 'acme', false, :t)"
            ),
            {"t": "2026-11-20 00:00:00"},
        )
        employer_id = connection.execute(text("SELECT id FROM employers")).scalar_one()
    with session_scope(url) as session:
        place_id = ensure_places(session)["Hartford"]
    with get_engine(url).begin() as connection:
        for reference in ("a", "b"):
            connection.execute(
                text(
                    "INSERT INTO jobs (source, reference, title, employer_id, place_id,"
                    " description, posted_at, status, created_at, updated_at) VALUES"
                    " ('feed', :ref, 'Welder', :employer, :place, '', :t, 'active', :t, :t)"
                ),
                {
                    "ref": reference,
                    "employer": employer_id,
                    "place": place_id,
                    "t": "2026-11-20 00:00:00",
                },  # fmt: skip
            )

    upgrade(url)

    with session_scope(url) as session:
        codes = list(session.scalars(select(Job.link_code).order_by(Job.reference)))
    assert len(set(codes)) == 2
    assert all(re.fullmatch(r"[a-z2-9]{10}", code) for code in codes)


def test_web_chatters_keep_their_data_and_erasures_queued_by_the_open_channel_are_dropped(
    databases,
):
    url = databases.create("before_web_chat", revision="0010")
    now = {"t": "2026-12-01 00:00:00"}
    with get_engine(url).begin() as connection:
        for channel, address in (("rest", "web-0a1b2c3d"), ("rest", "+18605550123")):
            connection.execute(
                text(
                    "INSERT INTO people (channel, address, language, sms_consent, created_at)"
                    " VALUES (:c, :a, 'en', false, :t)"
                ),
                {"c": channel, "a": address, **now},
            )
            connection.execute(
                text(
                    "INSERT INTO erasure_requests (channel, address, requested_at, due_at)"
                    " VALUES (:c, :a, :t, :t)"
                ),
                {"c": channel, "a": address, **now},
            )

    upgrade(url)

    with get_engine(url).connect() as connection:
        people = connection.execute(text("SELECT channel, address FROM people")).all()
        erasures = connection.execute(text("SELECT channel, address FROM erasure_requests")).all()
    assert sorted(people) == [("rest", "+18605550123"), ("web_chat", "web-0a1b2c3d")]
    assert erasures == [("web_chat", "web-0a1b2c3d")]


def test_callback_requests_made_before_contacts_keep_their_place_in_the_queue(databases):
    url = databases.create("before_callback_contacts", revision="0012")
    with get_engine(url).begin() as connection:
        connection.execute(
            text(
                "INSERT INTO people (channel, address, language, sms_consent, created_at)"
                " VALUES ('twilio_sms', '+18605550123', 'en', false, :t)"
            ),
            {"t": "2026-12-01 00:00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO handoff_requests (person_id, reason, status, created_at)"
                " SELECT id, 'my claim', 'open', :t FROM people"
            ),
            {"t": "2026-12-01 00:00:00"},
        )

    upgrade(url)

    with session_scope(url) as session:
        [waiting] = callbacks(session)
    assert (waiting.who, waiting.reason, waiting.status) == ("+*******0123", "my claim", "open")
    assert waiting.claimed_by is None and waiting.outcome is None


def test_jobs_stored_before_shift_and_pay_search_are_found_by_them_after_the_upgrade(
    databases,
):
    url = databases.create("before_shift_terms", revision="0013")
    with session_scope(url) as session:
        place_id = ensure_places(session)["Hartford"]
    stamp = {"t": "2026-11-20 00:00:00"}
    with get_engine(url).begin() as connection:
        connection.execute(
            text(
                "INSERT INTO employers (name, name_key, verified, created_at)"
                " VALUES ('Acme', 'acme', false, :t)"
            ),
            stamp,
        )
        employer_id = connection.execute(text("SELECT id FROM employers")).scalar_one()
        jobs = [
            ("auditor", "Night Auditor", 24.0, "active"),
            ("emt", "EMT", 19.0, "active"),
            ("porter", "Night Porter", 30.0, "closed"),
        ]
        for reference, title, pay, status in jobs:
            connection.execute(
                text(
                    "INSERT INTO jobs (source, reference, title, employer_id, place_id,"
                    " description, salary_max, salary_unit, posted_at, status, link_code,"
                    " created_at, updated_at) VALUES ('feed', :ref, :title, :employer, :place,"
                    " '', :pay, 'hour', :t, :status, :ref, :t, :t)"
                ),
                {"ref": reference, "title": title, "employer": employer_id, "place": place_id,
                 "pay": pay, "status": status, **stamp},
            )  # fmt: skip
            if status == "active":
                # Indexed as before: title words only, no shift terms, no #ems group.
                for word in title.lower().split():
                    connection.execute(
                        text(
                            "INSERT INTO job_terms (job_id, term, weight, place_id, posted_at)"
                            " SELECT id, :word, 1.0, place_id, posted_at FROM jobs"
                            " WHERE reference = :ref"
                        ),
                        {"word": word, "ref": reference},
                    )

    upgrade(url)

    def titles(**asked) -> list[str]:
        with session_scope(url) as session:
            return [hit.title for hit in search_jobs(session, JobQuery(**asked), NOW).hits]

    assert titles(place="Hartford", shift="night") == ["Night Auditor"]
    assert titles(keyword="auditor", shift="night") == ["Night Auditor"]
    assert titles(keyword="paramedic") == ["EMT"]
    assert titles(place="Hartford", keyword="night", min_hourly_pay=20) == ["Night Auditor"]
    with get_engine(url).connect() as connection:
        indexed = connection.execute(text("SELECT COUNT(DISTINCT job_id) FROM job_terms"))
        assert indexed.scalar_one() == 2


def test_audit_entries_made_before_actors_were_kept_name_their_staff_member(databases):
    url = databases.create("before_audit_actor", revision="0017")
    with get_engine(url).begin() as connection:
        connection.execute(
            text(
                "INSERT INTO staff_users (email, password_hash, role, created_at)"
                " VALUES ('kim@backtowork.example.org', 'x', 'staff', :t)"
            ),
            {"t": "2026-12-01 00:00:00"},
        )
        staff_id = connection.execute(text("SELECT id FROM staff_users")).scalar_one()
        for subject, who in (("callback 1", staff_id), ("job 2", None)):
            connection.execute(
                text(
                    "INSERT INTO staff_audit (staff_id, action, subject, detail, at)"
                    " VALUES (:who, 'x', :subject, '', :t)"
                ),
                {"who": who, "subject": subject, "t": "2026-12-01 00:00:00"},
            )

    upgrade(url)

    with get_engine(url).connect() as connection:
        actors = connection.execute(
            text("SELECT subject, actor FROM staff_audit ORDER BY subject")
        ).all()
    assert actors == [("callback 1", "kim@backtowork.example.org"), ("job 2", "")]
