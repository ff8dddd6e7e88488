"""Course catalog editing in the staff portal, seen on the website and the API."""

from __future__ import annotations

import re

import pytest
import requests
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import cli
from bot.db import session_scope
from bot.db.models import Course
from bot.staff.accounts import create_staff
from tests.support.servers import LiveServer, post_form

STAFF = ("catalog@backtowork.example.org", "staff password 123")


@pytest.fixture
def staff(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert CliRunner().invoke(cli, ["import-courses"]).exit_code == 0
    with session_scope(db_url) as session:
        create_staff(session, *STAFF)
        course_id = session.scalars(select(Course.id).where(Course.code == "SU-OFF-001")).one()
    server = LiveServer(db_url)
    browser = requests.Session()
    post_form(
        browser, server, "/admin/login", "/admin/login", dict(zip(("email", "password"), STAFF))
    )
    yield browser, server, f"/admin/courses/{course_id}"
    server.stop()


def _form(**changes) -> dict:
    return {
        "title": "Excel for Beginners", "url": "https://learn.example.org/excel",
        "hours": "6", "description": "Spreadsheets from the start.", "active": "yes",
        **changes,
    }  # fmt: skip


def test_an_edited_course_shows_its_new_wording_everywhere(staff):
    browser, server, page = staff
    assert 'value="Microsoft Excel: Beginner"' in browser.get(server.url + page, timeout=30).text
    saved = post_form(browser, server, page, page, _form())
    assert "Saved Excel for Beginners." in saved.text
    assert "Excel for Beginners" in server.get("/courses", topic="excel").text
    titles = [c["title"] for c in server.get("/api/courses", topic="excel").json()["courses"]]
    assert "Excel for Beginners" in titles


def test_a_hidden_course_leaves_the_website_and_the_api(staff):
    browser, server, page = staff
    post_form(browser, server, page, page, _form(active=""))
    titles = [c["title"] for c in server.get("/api/courses", topic="excel").json()["courses"]]
    assert "Excel for Beginners" not in titles and "Microsoft Excel: Beginner" not in titles
    listing = browser.get(f"{server.url}/admin/courses", timeout=30).text
    assert re.search(r"Excel for Beginners</a></td><td>[^<]+</td><td>no</td>", listing)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "The title is required"),
        ({"url": "javascript:alert(1)"}, "must be a web address"),
        ({"hours": "six"}, "Hours must be a number"),
        ({"hours": "-2"}, "Hours must be between 0 and 1,000."),
    ],
)
def test_a_bad_edit_is_refused_and_keeps_what_was_typed(staff, change, message):
    browser, server, page = staff
    answer = post_form(browser, server, page, page, _form(**change))
    assert answer.status_code == 400 and message in answer.text
    assert "Spreadsheets from the start." in answer.text
