"""The staff dashboard: daily charts from the service's own tables and from Rasa's
tracker store, the top intents and the job searches that found nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import requests
import yaml
from sqlalchemy import select

from bot.clock import utcnow
from bot.config import PROJECT_ROOT
from bot.db import get_engine, session_scope
from bot.db.models import InboundMessage, Job, JobClick, JobSearch
from bot.db.rasa_events import events
from bot.jobs.search_log import JOB_BOARD, log_search
from bot.jobs.store import import_records
from bot.staff.accounts import create_staff
from bot.staff.conversation_stats import conversation_stats, epoch_seconds
from bot.staff.dashboard import CHART_HEIGHT, DAYS, count_chart, dashboard, rate_chart, window
from bot.staff.intent_labels import INTENT_LABELS, intent_label
from tests.support.jobs_factory import NOW, record
from tests.support.servers import LiveServer, post_form

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
        board = dashboard(session, None)
    texts = next(c for c in board.charts if c.title == "Texts received")
    assert len(texts.bars) == DAYS
    # The text from before the window is not counted.
    assert texts.summary == "Texts received: 4 in all, at most 3 a day"
    assert texts.peak == 3
    assert [bar.count for bar in texts.bars[-2:]] == [1, 3]
    assert texts.bars[-1].height == CHART_HEIGHT
    assert texts.bars[-2].height == round(CHART_HEIGHT / 3)
    assert texts.bars[-1].x > texts.bars[-2].x
    assert texts.bars[0].height == 0


def test_days_are_connecticut_days_so_an_evening_counts_on_its_own_day(db_url):
    with session_scope(db_url) as session:
        for n, moment in enumerate(
            [
                datetime(2026, 12, 7, 2, 0),  # 9 pm on Dec 6 in Connecticut
                datetime(2026, 12, 7, 4, 59),  # 11:59 pm on Dec 6
                datetime(2026, 12, 7, 5, 0),  # midnight: Dec 7
            ]
        ):
            session.add(
                InboundMessage(provider_sid=f"SM-evening-{n}", from_address="+18605550000",
                               body="hi", received_at=moment)
            )  # fmt: skip
    with session_scope(db_url) as session:
        board = dashboard(session, None, today=date(2026, 12, 7))
    texts = next(c for c in board.charts if c.title == "Texts received")
    assert [(bar.day, bar.count) for bar in texts.bars[-2:]] == [
        ("2026-12-06", 2),
        ("2026-12-07", 1),
    ]


def _said(url: str, sender: str, days_ago: int, intent: str, answer: str = "utter_x") -> None:
    """One message of ``sender`` understood as ``intent``, and the action that answered."""
    # Noon in Connecticut, on the day ``days_ago`` days before today there.
    moment = epoch_seconds(window()[-1] - timedelta(days=days_ago)) + 12 * 3600
    with get_engine(url).begin() as connection:
        connection.execute(
            events.insert(),
            [
                {"sender_id": sender, "type_name": "user", "intent_name": intent,
                 "action_name": None, "timestamp": moment, "data": "{}"},
                {"sender_id": sender, "type_name": "action", "intent_name": None,
                 "action_name": answer, "timestamp": moment + 1, "data": "{}"},
            ],
        )  # fmt: skip


def _conversations(url: str) -> None:
    _said(url, "+18605550101", 0, "find_jobs")
    _said(url, "+18605550101", 0, "nlu_fallback", "action_handle_fallback")
    _said(url, "web-abc", 0, "find_jobs")
    _said(url, "+18605550102", 1, "greet")
    # A reminder the worker triggered is not someone talking.
    _said(url, "+18605550101", 0, "EXTERNAL_course_reminder", "action_send_course_reminder")
    # Before the window.
    _said(url, "+18605550103", DAYS + 2, "greet")


def test_conversations_messages_fallbacks_and_intents_come_from_the_tracker_store(tracker):
    _conversations(tracker)
    today, yesterday = (day.isoformat() for day in window()[-1:-3:-1])
    stats = conversation_stats(tracker, window()[0])
    assert stats.conversations == {today: 2, yesterday: 1}
    assert stats.messages == {today: 3, yesterday: 1}
    assert stats.fallbacks == {today: 1}
    assert stats.top_intents == [("find_jobs", 2), ("greet", 1), ("nlu_fallback", 1)]


def test_each_bar_has_its_value_written_over_it_and_the_axis_names_the_days():
    days = window(date(2026, 12, 7))
    chart = count_chart("Texts received", {"2026-12-07": 12, "2026-12-06": 3}, days)
    assert [bar.value for bar in chart.bars[-2:]] == ["3", "12"]
    # Every other day is named under the axis, counting back from the last one.
    named = [bar.axis_label for bar in chart.bars if bar.axis_label]
    assert named == ["Nov 25", "Nov 27", "Nov 29", "Dec 1", "Dec 3", "Dec 5", "Dec 7"]
    # Values sit above their bars, dates below the axis, all inside the drawing.
    for bar in chart.bars:
        assert 0 < bar.value_y < bar.y + bar.height <= chart.axis_y < chart.label_y
        assert chart.label_y <= chart.height
    rates = rate_chart("Not understood", {"2026-12-07": 1}, {"2026-12-07": 4}, days)
    assert rates.bars[-1].value == "25%"


def test_every_intent_of_the_assistant_has_a_plain_label():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    missing = [name for name in domain["intents"] if name not in INTENT_LABELS]
    assert missing == []
    assert intent_label("find_jobs") == "Find jobs"
    assert intent_label("nlu_fallback") == "Not understood"
    # One the table does not know yet is still made readable, never shown raw.
    assert intent_label("ask_bus_routes") == "Ask bus routes"


def test_an_unreadable_tracker_store_gives_no_figures_rather_than_an_error():
    assert conversation_stats("postgresql://postgres@127.0.0.1:1/none", window()[0]) is None


def test_searches_that_found_nothing_are_ranked_by_how_often(db_url):
    with session_scope(db_url) as session:
        for found, keyword, town in [
            (False, "welder", "Hartford"), (False, "Welder ", "Hartford"),
            (False, None, "Salisbury"), (True, "nurse", "Hartford"),
        ]:  # fmt: skip
            log_search(session, JOB_BOARD, keyword, town, found=found)
    with session_scope(db_url) as session:
        board = dashboard(session, None)
    misses = next(r for r in board.rankings if r.title == "Job searches that found nothing")
    assert [(row.name, row.count, row.percent_of_top) for row in misses.rows] == [
        ("welder near Hartford", 2, 100),
        ("any job near Salisbury", 1, 50),
    ]
    chart = next(c for c in board.charts if c.title == "Job searches with no results")
    assert chart.bars[-1].count == 3


def _admin_page(db_url: str, env: dict[str, str] | None = None) -> str:
    with session_scope(db_url) as session:
        create_staff(session, *STAFF)
    server = LiveServer(db_url, env)
    try:
        browser = requests.Session()
        post_form(
            browser, server, "/admin/login", "/admin/login",
            {"email": STAFF[0], "password": STAFF[1]},
        )  # fmt: skip
        response = browser.get(f"{server.url}/admin", timeout=30)
    finally:
        server.stop()
    assert response.status_code == 200
    return response.text


def test_the_dashboard_page_draws_every_chart_with_its_numbers(tracker):
    _texts(tracker, [0, 0, 2])
    _conversations(tracker)
    with session_scope(tracker) as session:
        import_records(session, [record("a")], now=NOW)
        job_id = session.scalars(select(Job.id)).one()
        session.add(JobClick(job_id=job_id))
        log_search(session, JOB_BOARD, "welder", "Hartford", found=False)
    page = _admin_page(tracker)
    assert "Conversations: 3 in all, at most 2 a day" in page
    assert "Messages not understood: 25% of 4 messages, at most 33% a day" in page
    assert "Texts received: 3 in all, at most 2 a day" in page
    assert "Job searches with no results: 1 in all, at most 1 a day" in page
    assert "Apply-link clicks: 1 in all, at most 1 a day" in page
    assert page.count("<figure") == 9
    assert page.count("<rect") == 9 * DAYS
    # Drawn on the server: each bar's value over it, the days under the axis.
    today = window()[-1]
    assert f'text-anchor="middle">{today:%b} {today.day}</text>' in page
    assert 'class="bar-value"' in page and 'text-anchor="middle">33%</text>' in page
    # What people asked for is in words, not the assistant's intent names.
    assert '<td class="long">Find jobs</td><td>2</td>' in page
    assert '<td class="long">Said hello</td><td>1</td>' in page
    assert "find_jobs" not in page and "nlu_fallback" not in page
    assert '<td class="long">welder near Hartford</td><td>1</td>' in page
    assert "could not be read" not in page


def test_the_dashboard_says_when_conversations_cannot_be_read_and_shows_the_rest(db_url):
    _texts(db_url, [0])
    page = _admin_page(db_url, {"TRACKER_STORE_URL": "postgresql://postgres@127.0.0.1:1/none"})
    assert "conversation store (TRACKER_STORE_URL) could not be read" in page
    assert "Texts received: 1 in all, at most 1 a day" in page
    assert page.count("<figure") == 7
    assert "Conversations:" not in page


def test_the_job_board_notes_each_search_and_whether_it_found_jobs(db_url):
    server = LiveServer(db_url)
    try:
        assert server.get("/jobs", q="underwater welder", place="Hartford").status_code == 200
        # An unknown town is not a search that ran.
        server.get("/jobs", q="welder", place="Atlantis")
    finally:
        server.stop()
    with session_scope(db_url) as session:
        rows = session.execute(select(JobSearch.source, JobSearch.keyword, JobSearch.town,
                                      JobSearch.found)).all()  # fmt: skip
    assert rows == [(JOB_BOARD, "underwater welder", "Hartford", False)]
