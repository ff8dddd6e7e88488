"""The demo job feed generator: deterministic, spread over towns and industries, and
valid through the same parser as a real feed."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest

from bot.jobs.demo_feed import generate_jobs, main, write_indeed_xml
from bot.jobs.demo_industries import load_demo_data
from bot.jobs.importers import parse_feed, parse_indeed_xml
from bot.jobs.records import Reject, validate

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_jobs() -> list[dict[str, str]]:
    return generate_jobs(2500, TODAY)


def _xml_bytes(jobs: list[dict[str, str]]) -> bytes:
    out = io.BytesIO()
    write_indeed_xml(jobs, out)
    return out.getvalue()


def test_demo_feed_is_deterministic(demo_jobs):
    assert _xml_bytes(generate_jobs(2500, TODAY)) == _xml_bytes(demo_jobs)
    assert _xml_bytes(generate_jobs(2500, TODAY, seed=7)) != _xml_bytes(demo_jobs)
    assert generate_jobs(50, TODAY) == demo_jobs[:50]


def test_demo_feed_is_spread_over_towns_and_industries(demo_jobs):
    assert len(demo_jobs) >= 2000
    assert len({job["postalcode"] for job in demo_jobs}) >= 100
    assert len({job["city"] for job in demo_jobs}) >= 100
    assert len({job["category"] for job in demo_jobs}) >= 15
    assert len({job["company"] for job in demo_jobs}) >= 60
    assert len({job["referencenumber"] for job in demo_jobs}) == len(demo_jobs)
    cities = [job["city"] for job in demo_jobs]
    assert cities.count("Hartford") > cities.count("Bethlehem")


def test_demo_roles_cover_the_common_entry_level_titles():
    industries = load_demo_data().industries
    titles = " / ".join(role.title for industry in industries for role in industry.roles)
    for title in (
        "Certified Nursing Assistant (CNA)",
        "Licensed Practical Nurse (LPN)",
        "Home Health Aide",
        "Forklift Operator",
        "CDL Class A Truck Driver",
        "CNC Machinist",
        "Cashier",
        "Line Cook",
        "Housekeeper",
        "Electrician",
        "Help Desk Technician",
        "Bank Teller",
        "Paraprofessional",
        "Customer Service Representative",
        "Security Officer",
        "Janitor",
        "Case Manager",
        "Auto Technician",
    ):
        assert title in titles
    assert all(len(industry.employers) >= 4 for industry in industries)


def test_every_demo_job_validates_within_the_last_45_days(demo_jobs):
    records = [validate(job, "demo", f"record {i}") for i, job in enumerate(demo_jobs, 1)]
    assert [r for r in records if isinstance(r, Reject)] == []
    end_of_today = datetime.combine(TODAY, datetime.min.time()) + timedelta(days=1)
    assert all(end_of_today - timedelta(days=45) <= r.posted_at < end_of_today for r in records)
    assert all(
        r.posted_at <= datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=6)
        for r in records
        if r.posted_at.date() == TODAY
    )
    assert sum(r.posted_at.date() >= TODAY - timedelta(days=7) for r in records) > len(records) / 4
    assert {r.job_type for r in records} >= {"full_time", "part_time", "temporary", "per_diem"}
    assert {r.salary_unit for r in records} >= {"hour", "year"}
    with_pay = [r for r in records if r.salary_text]
    assert all(r.salary_unit for r in with_pay) and len(with_pay) > len(records) * 0.8
    assert all(r.url == f"https://jobs.example.org/demo/{r.reference}" for r in records)
    assert any(r.valid_through for r in records) and not all(r.valid_through for r in records)
    assert all(2 <= r.description.count(". ") + 1 <= 4 for r in records)


def test_demo_feed_round_trips_through_the_xml_parser(demo_jobs):
    result = parse_indeed_xml(_xml_bytes(demo_jobs), "demo")
    assert result.rejects == []
    assert len(result.records) == len(demo_jobs)
    direct = [validate(job, "demo", "x") for job in demo_jobs]
    assert result.records == direct


def test_demo_feed_command_writes_the_file(tmp_path, capsys):
    out = tmp_path / "var" / "demo.xml"
    assert main(["--count", "30", "--out", str(out), "--today", "2026-11-25", "--seed", "3"]) == 0
    assert "wrote 30 jobs" in capsys.readouterr().out
    assert len(parse_feed(out, "demo").records) == 30
