"""The public website in real headless Chromium (Debian's package, driven by
Playwright): the chat widget by keyboard alone, the job board without JavaScript, its
links and pages, the courses page's Enroll buttons talking to the assistant, and an
automated accessibility check (axe-core) of the public pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import accessibility_problems, tab_to


def test_a_conversation_in_the_widget_with_the_keyboard_only(chat_site, page):
    page.goto(chat_site.url + "/")
    tab_to(page, "chat-input")
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


def test_the_widget_explains_refusals(chat_site, page):
    page.goto(chat_site.url + "/")
    page.fill("#chat-input", "x" * 1000)
    page.evaluate("document.getElementById('chat-input').removeAttribute('maxlength')")
    page.fill("#chat-input", "x" * 1001)
    page.press("#chat-input", "Enter")
    expect(page.locator("#chat-status")).to_have_text("Messages are limited to 1,000 characters.")
    # The refused message stays in the log marked as not sent, and its words are back in
    # the message box: nothing typed is lost.
    refused = page.locator("#chat-log .chat-message.mine").last
    expect(refused).to_have_class(re.compile(r"\bnot-sent\b"))
    expect(refused).to_contain_text("(not sent)")
    expect(page.locator("#chat-input")).to_have_value("x" * 1001)
    # An empty message gets the site's own words, not the browser's.
    page.fill("#chat-input", "   ")
    page.press("#chat-input", "Enter")
    expect(page.locator("#chat-status")).to_have_text("Type a message first.")


def test_the_chat_opens_with_a_greeting_and_links_in_replies_are_links(chat_site, page):
    page.goto(chat_site.url + "/")
    log = page.locator("#chat-log")
    expect(log.locator(".chat-message").first).to_have_text(
        "Assistant: Hi! Ask me about jobs near you, free training, or whether you qualify for it."
    )
    page.fill("#chat-input", "warehouse jobs in Waterbury")
    page.press("#chat-input", "Enter")
    expect(page.locator("#chat-typing")).to_be_hidden(timeout=60_000)
    expect(log).to_contain_text("Assistant: Warehouse jobs near Waterbury:")
    # The numbered jobs are a list to a screen reader ("list, 3 items"), each item
    # keeping the number a person types to choose it; the reply is added to the log once.
    # (A reply longer than a text comes as two messages, so the items are counted over
    # the whole log; this is its only list.)
    items = log.locator(".chat-message.theirs ol.chat-list > li")
    expect(items).to_have_count(3)
    assert [text[:3] for text in items.all_inner_texts()] == ["1) ", "2) ", "3) "]
    expect(log.locator(".chat-message.theirs", has_text="Warehouse jobs near")).to_have_count(1)
    assert log.get_attribute("aria-busy") is None and log.get_attribute("role") == "log"
    page.fill("#chat-input", "1")
    page.press("#chat-input", "Enter")
    link = log.locator("a[href*='/j/']")
    expect(link).to_be_visible(timeout=60_000)
    href = link.get_attribute("href")
    assert re.fullmatch(r"https?://[^\s]+/j/[A-Za-z0-9]+", href), href
    assert link.inner_text() == href
    # A long reply wraps inside the log: nothing scrolls sideways.
    assert page.evaluate(
        "(() => { const l = document.getElementById('chat-log'); "
        "return l.scrollWidth <= l.clientWidth; })()"
    )


def test_after_more_the_widgets_numbers_go_on_and_pick_their_job(chat_site, page):
    page.goto(chat_site.url + "/")
    log = page.locator("#chat-log")
    items = log.locator(".chat-message.theirs ol.chat-list > li")
    page.fill("#chat-input", "warehouse jobs in Hartford")
    page.press("#chat-input", "Enter")
    expect(items).to_have_count(3, timeout=60_000)
    page.fill("#chat-input", "more")
    page.press("#chat-input", "Enter")
    expect(items).to_have_count(6, timeout=60_000)
    texts = items.all_inner_texts()
    assert [text[:3] for text in texts] == ["1) ", "2) ", "3) ", "4) ", "5) ", "6) "]
    # "5) Warehouse Associate - Route 91 Distribution, Manchester, ..."
    title, employer = texts[4][3:].split(",")[0].split(" - ", 1)
    replies = log.locator(".chat-message.theirs")
    before = replies.count()
    page.fill("#chat-input", "5")
    page.press("#chat-input", "Enter")
    expect(replies.last.locator("a[href*='/j/']")).to_be_visible(timeout=60_000)
    # The details that came back are the fifth job's.
    details = " ".join(replies.all_inner_texts()[before:])
    assert f"{title} at {employer}" in details, details


def test_the_job_board_works_without_javascript(chat_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(chat_site.url + "/")
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
        page.goto(chat_site.url + "/courses")
        expect(page.locator("ul.results li").first).to_be_visible()
        expect(page.locator("button.enroll").first).to_be_hidden()
    finally:
        context.close()


def _result_numbers(page: Page) -> tuple[int, list[str]]:
    """The number the result list starts at, and what each result card says."""
    results = page.locator("ol.results")
    return int(results.get_attribute("start")), page.locator("ol.results > li").all_inner_texts()


def test_the_job_board_links_each_result_and_pages_through_them(chat_site, page):
    page.goto(chat_site.url + "/")
    page.fill("#q", "warehouse")
    page.fill("#place", "Hartford")
    page.select_option("#radius", "50")
    page.select_option("#type", "full_time")
    page.select_option("#days", "30")
    page.click("form[role=search] button[type=submit]")
    expect(page).to_have_url(
        re.compile(r"/jobs\?q=warehouse&place=Hartford&radius=50&type=full_time&days=30$")
    )
    expect(page).to_have_title("Warehouse jobs near Hartford - CT Back to Work Assistant")
    expect(page.locator(".result-count")).to_contain_text(re.compile(r"\d+ jobs found\."))
    start, texts = _result_numbers(page)
    assert (start, len(texts)) == (1, 10)
    # One number per result: the list's own, none written into the text.
    assert not any(re.match(r"\s*\d+\)", text) for text in texts)
    # Each card: title, employer, town, type, age, Apply.
    assert all("Full time" in text and "Posted " in text for text in texts)
    titles = page.locator("ol.results h3 a")
    assert all(re.fullmatch(r"/jobs/\d+", href) for href in titles.evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"))  # fmt: skip
    applies = page.get_by_role("link", name=re.compile(r"^Apply for "))
    expect(applies).to_have_count(10)
    assert all(re.fullmatch(re.escape(chat_site.url) + r"/j/[a-z2-9]{10}", href) for href in
               applies.evaluate_all("links => links.map(link => link.href)"))  # fmt: skip
    first_page = titles.all_inner_texts()

    page.click("text=Next page")
    expect(page).to_have_url(re.compile(r"radius=50&type=full_time&days=30&page=2$"))
    expect(page.locator("#radius")).to_have_value("50")
    expect(page.locator("#type")).to_have_value("full_time")
    expect(page.locator("#days")).to_have_value("30")
    start, texts = _result_numbers(page)
    assert start == 11 and texts and not any(re.match(r"\s*\d+\)", text) for text in texts)
    page.click("text=Previous page")
    expect(page).to_have_url(re.compile(r"type=full_time&days=30$"))
    assert titles.all_inner_texts() == first_page

    title = first_page[0]
    apply_href = applies.first.get_attribute("href")
    titles.first.click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("dl.job-facts")).to_contain_text("Job typefull time")
    expect(page.get_by_role("link", name=re.compile("^Apply for this job at "))).to_have_attribute(
        "href", apply_href
    )
    assert accessibility_problems(page) == []


def test_the_job_board_keeps_to_the_distance_asked(chat_site, page):
    page.goto(chat_site.url + "/jobs?q=warehouse&place=Hartford&radius=5")
    expect(page.locator("#radius")).to_have_value("5")
    texts = page.locator("ol.results > li").all_inner_texts()
    assert texts
    distances = [int(m) for text in texts for m in re.findall(r"\((\d+) miles away\)", text)]
    assert all(distance <= 5 for distance in distances)
    page.select_option("#radius", "25")
    page.click("form[role=search] button[type=submit]")
    wider = page.locator("ol.results > li").all_inner_texts()
    assert any(int(m) > 5 for text in wider for m in re.findall(r"\((\d+) miles away\)", text))


def test_a_mistyped_page_number_keeps_the_search(chat_site, page):
    page.goto(chat_site.url + "/jobs?q=warehouse&place=Hartford&page=zwei")
    expect(page.locator("[role=status]")).to_have_text(
        "'zwei' is not a page number, so this is page 1."
    )
    assert _result_numbers(page)[0] == 1
    page.goto(chat_site.url + "/jobs?q=warehouse&place=Hartford&page=100000000000")
    expect(page.locator("[role=status]")).to_contain_text("this is the last page")
    expect(page.get_by_role("link", name="Next page")).to_have_count(0)
    expect(page.get_by_role("link", name="Previous page")).to_be_visible()


def test_every_course_is_reachable_page_by_page(chat_site, page):
    page.goto(chat_site.url + "/courses")
    total = int(re.search(r"of (\d+)\.", page.locator("p[role=status]").inner_text()).group(1))
    codes: list[str] = []
    number = 1
    while True:
        codes += page.locator("button.enroll").evaluate_all(
            "buttons => buttons.map(button => button.dataset.chatMessage)"
        )
        following = page.get_by_role("link", name="Next page")
        if following.count() == 0:
            break
        following.click()
        number += 1
        # Read the next page only once it has loaded.
        expect(page).to_have_url(re.compile(rf"[?&]page={number}(&|$)"))
    assert len(codes) == len(set(codes)) == total > 20


def test_enroll_sends_the_course_code_to_the_assistant_in_the_chat(chat_site, page):
    page.goto(chat_site.url + "/courses?topic=excel")
    button = page.locator("button.enroll").first
    expect(button).to_be_visible()
    message = button.get_attribute("data-chat-message")
    code = message.removeprefix("enroll ")
    title = page.locator("ul.results h2").first.inner_text()
    assert message == f"enroll {code}" and code
    expect(button).to_have_accessible_name(f"Enroll in {title}")
    with page.expect_request(lambda request: request.url.endswith("/chat")) as sent:
        button.click()
    assert sent.value.method == "POST"
    assert sent.value.post_data_json == {"message": message, "language": "en"}
    log = page.locator("#chat-log")
    expect(log).to_contain_text(f"You: {message}")
    # The assistant's own enrollment flow: first the eligibility questions.
    expect(log).to_contain_text(
        f"Assistant: {title} is free if you qualify. First, a few quick yes/no questions.",
        timeout=60_000,
    )
    expect(page.locator("#chat-input")).to_be_focused()


def test_a_course_title_opens_its_page_where_enroll_works_the_same(chat_site, page):
    page.goto(chat_site.url + "/courses?topic=excel")
    title = page.locator("ul.results h2 a").first
    name = title.inner_text()
    title.click()
    expect(page.locator("h1")).to_have_text(name)
    expect(page.get_by_role("heading", name="Jobs it leads to")).to_be_visible()
    button = page.locator("button.enroll")
    expect(button).to_have_accessible_name(f"Enroll in {name}")
    code = button.get_attribute("data-chat-message").removeprefix("enroll ")
    assert page.url.endswith(f"/courses/{code}")
    with page.expect_request(lambda request: request.url.endswith("/chat")) as sent:
        button.click()
    assert sent.value.post_data_json == {"message": f"enroll {code}", "language": "en"}
    expect(page.locator("#chat-log")).to_contain_text(
        f"Assistant: {name} is free if you qualify.", timeout=60_000
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/jobs?q=warehouse&place=Waterbury",
        "/jobs?q=warehouse&place=Waterbury&radius=10&type=full_time&page=2",
        "/jobs/1",
        "/courses?topic=excel",
        "/courses?page=2",
        "/courses/180-CNC-002?town=Waterbury",
        "/courses/SU-DL-002",
        "/eligibility?ct_resident=yes",
        "/admin/login",
        "/employers/register",
        "/alerts",
        "/accessibility",
        "/privacy",
    ],
)
def test_the_public_pages_pass_an_automated_accessibility_check(chat_site, page, path):
    page.goto(chat_site.url + path)
    if path == "/":
        expect(page.locator("#chat")).to_be_visible()
    assert accessibility_problems(page) == []


def test_the_eligibility_choices_are_big_enough_to_tap(chat_site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(chat_site.url + "/eligibility")
    sizes = page.locator("label.choice, label.choice input").evaluate_all(
        "elements => elements.map(e => [e.getBoundingClientRect().width,"
        " e.getBoundingClientRect().height])"
    )
    assert len(sizes) >= 8
    assert all(width >= 24 and height >= 24 for width, height in sizes), sizes


def test_every_page_has_the_state_frame_a_skip_link_and_a_menu(chat_site, page):
    page.goto(chat_site.url + "/courses")
    expect(page.locator(".gov-banner")).to_have_text(
        "An official service of the State of Connecticut"
    )
    # The first Tab reaches the skip link, which moves on to the page's content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    menu = page.get_by_role("navigation", name="Site")
    names = menu.get_by_role("link").all_inner_texts()
    assert names[:5] == ["Jobs", "Courses", "Eligibility", "Your job alerts", "Employers"]
    expect(menu.get_by_role("link", name="Courses")).to_have_attribute("aria-current", "page")
    expect(menu.get_by_role("link", name="Jobs")).not_to_have_attribute("aria-current", "page")
    footer = page.locator("footer")
    footer.get_by_role("link", name="Privacy").click()
    expect(page.locator("h1")).to_have_text("Privacy")
    expect(page.locator("main")).to_contain_text("Conversations are deleted after 180 days.")
    page.locator("footer").get_by_role("link", name="Accessibility").click()
    expect(page.locator("h1")).to_have_text("Accessibility")


@pytest.mark.parametrize(
    "path",
    ["/", "/jobs?q=warehouse&place=Waterbury", "/jobs/1", "/courses", "/courses/180-CNC-002",
     "/eligibility?ct_resident=yes", "/alerts", "/employers/register", "/privacy"],
)  # fmt: skip
def test_no_page_scrolls_sideways_on_a_320_pixel_screen(chat_site, page, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(chat_site.url + path)
    wider = page.evaluate("document.documentElement.scrollWidth")
    assert wider <= 320, f"{path} is {wider} px wide"
