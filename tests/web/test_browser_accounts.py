"""Signing in on the website in real headless Chromium: staff sign-in and lockout, an
employer's posting approved by staff and found by the assistant, and a texter's job
alerts opened with a texted code."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Employer, Job, JobAlertSubscription
from bot.jobs.store import set_searchable
from bot.staff.accounts import MAX_FAILURES, create_staff
from bot.staff.dashboard import DAYS
from bot.web.auth import WRONG
from tests.support.alert_factory import texter_with_alerts
from tests.support.browser import accessibility_problems
from tests.support.servers import LiveServer, twilio_env

# Conversations, messages not understood, and seven series from the service's tables.
CHART_COUNT = 9


def _sign_in(page: Page, email: str, password: str) -> None:
    """Fill in the sign-in form on the page shown and submit it."""
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_staff_sign_in_and_lockout_in_the_browser(chat_site, page, conversation_url):
    email = f"browser-{uuid.uuid4().hex[:8]}@backtowork.example.org"
    with session_scope(conversation_url) as session:
        create_staff(session, email, "browser password 1")
    page.goto(chat_site.url + "/admin")
    expect(page).to_have_url(re.compile(r"/admin/login"))
    for _ in range(MAX_FAILURES):
        _sign_in(page, email, "wrong password!!")
    expect(page.locator("[role=alert]")).to_have_text(WRONG)
    _sign_in(page, email, "browser password 1")  # right, but paused for this address
    expect(page.locator("[role=alert]")).to_have_text(WRONG)

    other = f"browser-{uuid.uuid4().hex[:8]}@backtowork.example.org"
    with session_scope(conversation_url) as session:
        create_staff(session, other, "browser password 2")
    page.fill("#email", other)
    page.fill("#password", "browser password 2")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Overview")
    expect(page.locator("#jobs-awaiting")).to_be_visible()
    # The dashboard's charts are drawn, one bar per day, and pass the same checks.
    expect(page.locator("figure.chart svg")).to_have_count(CHART_COUNT)
    assert page.locator("figure.chart svg rect").count() == CHART_COUNT * DAYS
    assert accessibility_problems(page) == []


def test_an_employer_posts_staff_approve_and_the_assistant_finds_it(
    chat_site, browser, conversation_url
):
    tag = uuid.uuid4().hex[:6]
    company, email = f"Rinkside Arena {tag}", f"hiring-{tag}@rinkside.example.com"
    staff_email = f"moderator-{tag}@backtowork.example.org"
    with session_scope(conversation_url) as session:
        create_staff(session, staff_email, "moderator password")
    employer = browser.new_context().new_page()
    staff = browser.new_context().new_page()
    try:
        employer.goto(chat_site.url + "/employers/register")
        employer.fill("#company", company)
        employer.fill("#email", email)
        employer.fill("#password", "employer password 1")
        employer.click("button[type=submit]")
        expect(employer.locator("[role=status]")).to_contain_text("once they approve")

        staff.goto(chat_site.url + "/admin/login")
        _sign_in(staff, staff_email, "moderator password")
        staff.goto(chat_site.url + "/admin/moderation")
        staff.click(f"button[aria-label='Approve {company}']")
        expect(staff.locator("[role=status]")).to_contain_text("approved")

        employer.goto(chat_site.url + "/employers/login")
        _sign_in(employer, email, "employer password 1")
        employer.goto(chat_site.url + "/employers/jobs/new")
        employer.fill("#title", "Forklift Operator")
        employer.fill("#place", "Hartford")
        employer.fill("#description", "Load trucks on the night shift.")
        employer.fill("#salary_min", "20")
        employer.fill("#salary_max", "24")
        employer.fill("#url", "https://jobs.rinkside.example.com/forklift")
        employer.click("button[type=submit]")
        expect(employer.locator("[role=status]")).to_contain_text("review it first")

        staff.goto(chat_site.url + "/admin/moderation")
        staff.click("button[aria-label='Approve Forklift Operator']")
        expect(staff.locator("[role=status]")).to_contain_text("Forklift Operator: approved.")

        # The newest forklift job in Hartford itself comes first in the assistant's list.
        chat = browser.new_context().new_page()
        chat.goto(chat_site.url + "/")
        chat.fill("#chat-input", "forklift jobs in Hartford")
        chat.press("#chat-input", "Enter")
        expect(chat.locator("#chat-log")).to_contain_text(
            f"1) Forklift Operator - {company}, Hartford", timeout=60_000
        )

        employer.goto(chat_site.url + "/employers")
        employer.click("button[aria-label='Close Forklift Operator']")
        expect(employer.locator("[role=status]")).to_have_text("The job is closed.")
    finally:
        # Withdrawn in any case, so the other conversation tests see the demo data alone.
        with session_scope(conversation_url) as session:
            for job in session.scalars(select(Job).join(Employer).where(Employer.name == company)):
                job.status = "closed"
                set_searchable(session, job, False)


@pytest.fixture
def alerts_site(db_url: str, twilio_server) -> Iterator[LiveServer]:
    """The web app texting through the real twilio client to the local Twilio server."""
    server = LiveServer(db_url, env=twilio_env(twilio_server))
    yield server
    server.stop()


def test_a_texter_cancels_job_alerts_on_the_website_with_a_texted_code(
    alerts_site, page, twilio_server, db_url
):
    number = "+18605550191"
    texter_with_alerts(
        db_url, number, [("warehouse", "Hartford", "weekly"), ("cna", "Bristol", "daily")]
    )
    page.goto(alerts_site.url + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Your job alerts").click()
    expect(page.locator("h1")).to_have_text("Your job alerts")
    page.fill("#number", "860.555.0191")
    page.click("#send-code")
    expect(page.locator("[role=status]")).to_contain_text("we just texted it a 6-digit code")
    assert accessibility_problems(page) == []
    text = twilio_server.wait_for(number, 1)[-1].body
    code = re.search(r"your code is (\d{6})", text).group(1)
    page.fill("#code", code)
    page.click("#check-code")
    expect(page.locator("h1")).to_have_text("Job alerts for +*******0191")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    assert accessibility_problems(page) == []

    page.get_by_role(
        "button", name="Cancel the alert for warehouse jobs near Hartford, once a week"
    ).click()
    expect(page.locator("[role=status]")).to_have_text("Cancelled 1 job alert.")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("cna jobs")
    page.click("#cancel-all")
    expect(page.locator("main")).to_contain_text("There are no job alerts for this number.")
    page.click("#done")
    expect(page.locator("#number")).to_be_visible()
    with session_scope(db_url) as session:
        assert session.scalars(select(JobAlertSubscription.active)).all() == [False, False]
