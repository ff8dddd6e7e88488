"""The website in real headless Chromium (Debian's package, driven by Playwright):
the chat widget by keyboard alone, the job board without JavaScript, its links and
pages, the courses page's Enroll buttons talking to the assistant, and an automated
accessibility check (axe-core) of the public pages."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import select

from bot.config import PROJECT_ROOT
from bot.db import session_scope
from bot.db.models import Employer, Job, JobAlertSubscription
from bot.jobs.store import set_searchable
from bot.staff.accounts import MAX_FAILURES, create_staff
from bot.staff.dashboard import DAYS
from bot.web.auth import WRONG
from tests.support.alert_factory import texter_with_alerts
from tests.support.servers import LiveServer, twilio_env

# Conversations, messages not understood, and seven series from the service's tables.
CHART_COUNT = 9

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium keeps trying hosts this closed
# network refuses.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (.ci/run does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(conversation_url: str, rasa_stack) -> Iterator[LiveServer]:
    server = LiveServer(conversation_url, env={"RASA_URL": rasa_stack.url})
    yield server
    server.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _accessibility_problems(page: Page) -> list:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (.ci/run does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    assert result["passes"], "axe ran no checks"
    return [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
    ]


def _tab_to(page: Page, element_id: str, limit: int = 20) -> int:
    """Press Tab until ``element_id`` has the focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return presses
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def test_a_conversation_in_the_widget_with_the_keyboard_only(site, page):
    page.goto(site.url + "/")
    _tab_to(page, "chat-input")
    page.keyboard.type("warehouse jobs in Waterbury")
    page.keyboard.press("Enter")
    log = page.locator("#chat-log")
    expect(log).to_contain_text("You: warehouse jobs in Waterbury")
    expect(log).to_contain_text("Assistant: Warehouse jobs near Waterbury:", timeout=60_000)
    # Focus comes back to the message box, so the next message is typed straight away.
    expect(page.locator("#chat-input")).to_be_focused()
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    expect(log).to_contain_text("Apply: ", timeout=60_000)
    # No keyboard trap: Tab leaves the message box for the Send button, then leaves
    # the widget altogether.
    page.keyboard.press("Tab")
    expect(page.locator("#chat-send")).to_be_focused()
    page.keyboard.press("Tab")
    inside = page.evaluate("document.getElementById('chat-form').contains(document.activeElement)")
    assert not inside


def test_the_widget_explains_refusals(site, page):
    page.goto(site.url + "/")
    page.fill("#chat-input", "x" * 1000)
    page.evaluate("document.getElementById('chat-input').removeAttribute('maxlength')")
    page.fill("#chat-input", "x" * 1001)
    page.press("#chat-input", "Enter")
    expect(page.locator("#chat-status")).to_have_text("Messages are limited to 1,000 characters.")


def test_the_job_board_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "/")
        # The widget needs JavaScript, so it stays hidden and the page says why.
        expect(page.locator("#chat")).to_be_hidden()
        page.fill("#q", "warehouse")
        page.fill("#place", "Waterbury")
        page.click("button[type=submit]")
        expect(page).to_have_url(re.compile(r"/jobs\?q=warehouse&place=Waterbury"))
        results = page.locator("ol.results li")
        expect(results.first).to_be_visible()
        assert results.count() >= 1
        # Enrolling happens in the chat, so without JavaScript there is no Enroll button.
        page.goto(site.url + "/courses")
        expect(page.locator("ul.results li").first).to_be_visible()
        expect(page.locator("button.enroll").first).to_be_hidden()
    finally:
        context.close()


def _result_numbers(page: Page) -> tuple[int, list[str]]:
    """The number the result list starts at, and what each result says."""
    results = page.locator("ol.results")
    assert results.evaluate("list => getComputedStyle(list).listStyleType") == "decimal"
    return int(results.get_attribute("start")), page.locator("ol.results > li").all_inner_texts()


def test_the_job_board_links_each_result_and_pages_through_them(site, page):
    page.goto(site.url + "/")
    page.fill("#q", "warehouse")
    page.fill("#place", "Hartford")
    page.select_option("#radius", "50")
    page.select_option("#type", "full_time")
    page.click("form[role=search] button[type=submit]")
    expect(page).to_have_url(
        re.compile(r"/jobs\?q=warehouse&place=Hartford&radius=50&type=full_time$")
    )
    start, texts = _result_numbers(page)
    assert (start, len(texts)) == (1, 10)
    # One number per result: the list's own, none written into the text.
    assert not any(re.match(r"\s*\d+\)", text) for text in texts)
    assert all(", full time, posted " in text for text in texts)
    titles = page.locator("ol.results h2 a")
    assert all(re.fullmatch(r"/jobs/\d+", href) for href in titles.evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"))  # fmt: skip
    applies = page.get_by_role("link", name=re.compile(r"^Apply for "))
    expect(applies).to_have_count(10)
    assert all(re.fullmatch(re.escape(site.url) + r"/j/[a-z2-9]{10}", href) for href in
               applies.evaluate_all("links => links.map(link => link.href)"))  # fmt: skip
    first_page = titles.all_inner_texts()

    page.click("text=Next page")
    expect(page).to_have_url(re.compile(r"radius=50&type=full_time&page=2$"))
    expect(page.locator("#radius")).to_have_value("50")
    expect(page.locator("#type")).to_have_value("full_time")
    start, texts = _result_numbers(page)
    assert start == 11 and texts and not any(re.match(r"\s*\d+\)", text) for text in texts)
    page.click("text=Previous page")
    expect(page).to_have_url(re.compile(r"type=full_time$"))
    assert titles.all_inner_texts() == first_page

    title = first_page[0]
    apply_href = applies.first.get_attribute("href")
    titles.first.click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("dl.job-facts")).to_contain_text("Job typefull time")
    expect(page.get_by_role("link", name=re.compile("^Apply for this job at "))).to_have_attribute(
        "href", apply_href
    )
    assert _accessibility_problems(page) == []


def test_the_job_board_keeps_to_the_distance_asked(site, page):
    page.goto(site.url + "/jobs?q=warehouse&place=Hartford&radius=5")
    expect(page.locator("#radius")).to_have_value("5")
    texts = page.locator("ol.results > li").all_inner_texts()
    assert texts
    distances = [int(m) for text in texts for m in re.findall(r"\((\d+) miles away\)", text)]
    assert all(distance <= 5 for distance in distances)
    page.select_option("#radius", "25")
    page.click("form[role=search] button[type=submit]")
    wider = page.locator("ol.results > li").all_inner_texts()
    assert any(int(m) > 5 for text in wider for m in re.findall(r"\((\d+) miles away\)", text))


def test_a_mistyped_page_number_keeps_the_search(site, page):
    page.goto(site.url + "/jobs?q=warehouse&place=Hartford&page=zwei")
    expect(page.locator("[role=status]")).to_have_text(
        "'zwei' is not a page number, so this is page 1."
    )
    assert _result_numbers(page)[0] == 1
    page.goto(site.url + "/jobs?q=warehouse&place=Hartford&page=100000000000")
    expect(page.locator("[role=status]")).to_contain_text("this is the last page")
    expect(page.get_by_role("link", name="Next page")).to_have_count(0)
    expect(page.get_by_role("link", name="Previous page")).to_be_visible()


def test_every_course_is_reachable_page_by_page(site, page):
    page.goto(site.url + "/courses")
    total = int(re.search(r"of (\d+)\.", page.locator("p[role=status]").inner_text()).group(1))
    codes: list[str] = []
    while True:
        codes += page.locator("button.enroll").evaluate_all(
            "buttons => buttons.map(button => button.dataset.chatMessage)"
        )
        following = page.get_by_role("link", name="Next page")
        if following.count() == 0:
            break
        following.click()
    assert len(codes) == len(set(codes)) == total > 20


def test_enroll_sends_the_course_code_to_the_assistant_in_the_chat(site, page):
    page.goto(site.url + "/courses?topic=excel")
    button = page.locator("button.enroll").first
    expect(button).to_be_visible()
    message = button.get_attribute("data-chat-message")
    code = message.removeprefix("enroll ")
    title = page.locator("ul.results h2").first.inner_text()
    assert message == f"enroll {code}" and code
    expect(button).to_have_accessible_name(f"Enroll in {title}")
    with page.expect_request(lambda request: request.url.endswith("/chat")) as sent:
        button.click()
    assert sent.value.method == "POST" and sent.value.post_data_json == {"message": message}
    log = page.locator("#chat-log")
    expect(log).to_contain_text(f"You: {message}")
    # The assistant's own enrollment flow: first the eligibility questions.
    expect(log).to_contain_text(
        f"Assistant: {title} is free if you qualify. First, a few quick yes/no questions.",
        timeout=60_000,
    )
    expect(page.locator("#chat-input")).to_be_focused()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/jobs?q=warehouse&place=Waterbury",
        "/jobs?q=warehouse&place=Waterbury&radius=10&type=full_time&page=2",
        "/jobs/1",
        "/courses?topic=excel",
        "/courses?page=2",
        "/eligibility?ct_resident=yes",
        "/admin/login",
        "/employers/register",
        "/alerts",
    ],
)
def test_the_public_pages_pass_an_automated_accessibility_check(site, page, path):
    page.goto(site.url + path)
    if path == "/":
        expect(page.locator("#chat")).to_be_visible()
    assert _accessibility_problems(page) == []


def _sign_in(page: Page, email: str, password: str) -> None:
    """Fill in the sign-in form on the page shown and submit it."""
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_staff_sign_in_and_lockout_in_the_browser(site, page, conversation_url):
    email = f"browser-{uuid.uuid4().hex[:8]}@backtowork.example.org"
    with session_scope(conversation_url) as session:
        create_staff(session, email, "browser password 1")
    page.goto(site.url + "/admin")
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
    assert _accessibility_problems(page) == []


def test_an_employer_posts_staff_approve_and_the_assistant_finds_it(
    site, browser, conversation_url
):
    tag = uuid.uuid4().hex[:6]
    company, email = f"Rinkside Arena {tag}", f"hiring-{tag}@rinkside.example.com"
    staff_email = f"moderator-{tag}@backtowork.example.org"
    with session_scope(conversation_url) as session:
        create_staff(session, staff_email, "moderator password")
    employer = browser.new_context().new_page()
    staff = browser.new_context().new_page()
    try:
        employer.goto(site.url + "/employers/register")
        employer.fill("#company", company)
        employer.fill("#email", email)
        employer.fill("#password", "employer password 1")
        employer.click("button[type=submit]")
        expect(employer.locator("[role=status]")).to_contain_text("once they approve")

        staff.goto(site.url + "/admin/login")
        _sign_in(staff, staff_email, "moderator password")
        staff.goto(site.url + "/admin/moderation")
        staff.click(f"button[aria-label='Approve {company}']")
        expect(staff.locator("[role=status]")).to_contain_text("approved")

        employer.goto(site.url + "/employers/login")
        _sign_in(employer, email, "employer password 1")
        employer.goto(site.url + "/employers/jobs/new")
        employer.fill("#title", "Forklift Operator")
        employer.fill("#place", "Hartford")
        employer.fill("#description", "Load trucks on the night shift.")
        employer.fill("#salary_min", "20")
        employer.fill("#salary_max", "24")
        employer.fill("#url", "https://jobs.rinkside.example.com/forklift")
        employer.click("button[type=submit]")
        expect(employer.locator("[role=status]")).to_contain_text("review it first")

        staff.goto(site.url + "/admin/moderation")
        staff.click("button[aria-label='Approve Forklift Operator']")
        expect(staff.locator("[role=status]")).to_contain_text("Forklift Operator: approved.")

        # The newest forklift job in Hartford itself comes first in the assistant's list.
        chat = browser.new_context().new_page()
        chat.goto(site.url + "/")
        chat.fill("#chat-input", "forklift jobs in Hartford")
        chat.press("#chat-input", "Enter")
        expect(chat.locator("#chat-log")).to_contain_text(
            f"1) Forklift Operator - {company}, Hartford", timeout=60_000
        )

        employer.goto(site.url + "/employers")
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
    assert _accessibility_problems(page) == []
    text = twilio_server.wait_for(number, 1)[-1].body
    code = re.search(r"your code is (\d{6})", text).group(1)
    page.fill("#code", code)
    page.click("#check-code")
    expect(page.locator("h1")).to_have_text("Job alerts for +*******0191")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    assert _accessibility_problems(page) == []

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
