"""The staff dashboard's daily charts, counted from the service's own tables."""

from __future__ import annotations

from datetime import timedelta

import requests
from sqlalchemy import select

from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import InboundMessage, Job, JobClick
from bot.jobs.store import import_records
from bot.staff.accounts import create_staff
from bot.staff.dashboard import CHART_HEIGHT, DAYS, charts
from tests.jobs_factory import NOW, record
from tests.servers import LiveServer, post_form

STAFF = ("dashboard@backtowork.example.org", "staff password 123")


def _texts(db_url: str, days_ago: list[int]) -> None:
    now = utcnow()
    with session_scope(db_url) as session:
        for n, ago in enumerate(days_ago):
            session.add(
                InboundMessage(provider_sid=f"SM{n}-{ago}", from_address="+18605550000",
                               body="hi", received_at=now - timedelta(days=ago))
            )  # fmt: skip


def test_each_day_gets_a_bar_as_tall_as_its_count(db_url):
    _texts(db_url, [0, 0, 0, 1, DAYS + 3])
    with session_scope(db_url) as session:
        texts = next(c for c in charts(session) if c.title == "Texts received")
    assert len(texts.bars) == DAYS
    # The text from before the window is not counted.
    assert (texts.total, texts.peak) == (4, 3)
    assert [bar.count for bar in texts.bars[-2:]] == [1, 3]
    assert texts.bars[-1].height == CHART_HEIGHT
    assert texts.bars[-2].height == round(CHART_HEIGHT / 3)
    assert texts.bars[-1].x > texts.bars[-2].x
    assert texts.bars[0].height == 0


def test_the_dashboard_page_draws_every_chart_with_its_numbers(db_url):
    _texts(db_url, [0, 0, 2])
    with session_scope(db_url) as session:
        import_records(session, [record("a")], now=NOW)
        job_id = session.scalars(select(Job.id)).one()
        session.add(JobClick(job_id=job_id))
        create_staff(session, *STAFF)
    server = LiveServer(db_url)
    try:
        browser = requests.Session()
        post_form(
            browser, server, "/admin/login", "/admin/login",
            {"email": STAFF[0], "password": STAFF[1]},
        )  # fmt: skip
        page = browser.get(f"{server.url}/admin", timeout=30).text
    finally:
        server.stop()
    assert "Texts received: 3 in all, at most 2 a day" in page
    assert "Apply-link clicks: 1 in all, at most 1 a day" in page
    assert page.count("<figure") == 6
    assert page.count("<rect") == 6 * DAYS
