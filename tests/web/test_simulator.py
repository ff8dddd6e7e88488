"""The phone simulator: with no Twilio account, a browser texts the real assistant and
the replies come back from the local outbox. Over HTTP, and in real Chromium: the page
sends without reloading, its thread scrolls inside the phone, links in replies work,
an assistant that is down is said in plain words, and it all works without JavaScript."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, quote, urlparse

import pytest
import requests
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from bot.clock import utcnow
from bot.config import load_settings
from bot.db import session_scope
from bot.db.models import InboundMessage, OutboundMessage, StaffUser
from bot.messaging.simulator import NOT_ANSWERING
from bot.staff.accounts import create_staff
from bot.web import create_app
from tests.support.browser import accessibility_problems
from tests.support.servers import LiveServer, RasaStack, form_token, free_port, post_form

STAFF = ("simulator@backtowork.example.org", "staff password 123")

NO_TWILIO = {
    "TWILIO_ACCOUNT_SID": "",
    "TWILIO_AUTH_TOKEN": "",
    "TWILIO_FROM_NUMBER": "",
    "TWILIO_MESSAGING_SERVICE_SID": "",
}


@pytest.fixture(scope="module")
def local_service(conversation_url, tmp_path_factory) -> Iterator[LiveServer]:
    """Rasa, actions and the website as `make run` starts them: no Twilio account."""
    rasa_port = free_port()
    web = LiveServer(conversation_url, {**NO_TWILIO, "RASA_URL": f"http://127.0.0.1:{rasa_port}"})
    stack = RasaStack(
        conversation_url,
        tmp_path_factory.mktemp("rasa-local"),
        env={**NO_TWILIO, "PUBLIC_BASE_URL": web.url},
    )
    stack.rasa_port = rasa_port
    stack.start()
    yield web
    stack.stop()
    web.stop()


@pytest.fixture(scope="module")
def assistant_down(conversation_url) -> Iterator[LiveServer]:
    """The website with nothing listening where the assistant should be."""
    web = LiveServer(conversation_url, {**NO_TWILIO, "RASA_URL": f"http://127.0.0.1:{free_port()}"})
    yield web
    web.stop()


def _staff_account(web: LiveServer) -> None:
    with session_scope(web.database_url) as db:
        if db.scalars(select(StaffUser).where(StaffUser.email == STAFF[0])).first() is None:
            create_staff(db, *STAFF)


class StaffBrowser:
    """A browser signed in to the staff portal, using the simulator as staff would."""

    def __init__(self, web: LiveServer) -> None:
        self.web = web
        self.session = requests.Session()
        _staff_account(web)
        signed_in = post_form(
            self.session, web, "/admin/login", "/admin/login",
            dict(zip(("email", "password"), STAFF)),
        )  # fmt: skip
        assert signed_in.status_code == 200

    def get(self, path: str, **params) -> requests.Response:
        return self.session.get(self.web.url + path, params=params, timeout=30)

    def send(self, phone: str, body: str) -> requests.Response:
        """The simulator's form, filled and sent; the redirect is not followed."""
        token = form_token(self.get("/simulator").text)
        return self.session.post(
            self.web.url + "/simulator",
            data={"csrf_token": token, "phone": phone, "body": body},
            timeout=30,
            allow_redirects=False,
        )

    def thread_until(self, phone: str, expected: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            html = self.get("/simulator/thread", phone=phone).text
            if expected in html:
                return html
            time.sleep(0.3)
        raise AssertionError(f"{expected!r} never appeared in the thread:\n{html}")


def test_texting_from_the_simulator_shows_the_assistants_reply(local_service):
    staff = StaffBrowser(local_service)
    page = staff.get("/simulator")
    assert page.status_code == 200 and 'name="body"' in page.text
    sent = staff.send("(860) 555-0199", "jobs in Hartford")
    assert sent.status_code == 303
    phone = parse_qs(urlparse(sent.headers["Location"]).query)["phone"][0]
    assert phone == "+18605550199"
    html = staff.thread_until(phone, "Jobs near Hartford:")
    assert html.index("jobs in Hartford") < html.index("Jobs near Hartford:")
    staff.send(phone, "STOP")
    staff.thread_until(phone, "You are unsubscribed")


def test_a_bad_number_is_explained(local_service):
    staff = StaffBrowser(local_service)
    response = staff.send("12", "hi")
    follow = staff.get(response.headers["Location"])
    assert "Enter a 10-digit US phone number" in follow.text


def test_the_simulator_needs_a_staff_sign_in_and_a_form_token(local_service):
    anyone = requests.Session()
    page = anyone.get(local_service.url + "/simulator", allow_redirects=False, timeout=30)
    assert page.status_code == 302 and "/admin/login" in page.headers["Location"]
    thread = anyone.get(
        local_service.url + "/simulator/thread", params={"phone": "+18605550199"},
        allow_redirects=False, timeout=30,
    )  # fmt: skip
    assert thread.status_code == 302
    # A page on another site posting for a signed-in staff member has no form token.
    staff = StaffBrowser(local_service)
    forged = staff.session.post(
        local_service.url + "/simulator",
        data={"phone": "8605550177", "body": "forget me"},
        timeout=30,
        allow_redirects=False,
    )
    assert forged.status_code == 400
    with session_scope(local_service.database_url) as db:
        texts = db.scalars(
            select(InboundMessage).where(InboundMessage.from_address == "+18605550177")
        ).all()
    assert texts == []


def test_a_browser_sees_only_the_threads_of_numbers_it_texted_from(local_service):
    first, second = StaffBrowser(local_service), StaffBrowser(local_service)
    first.send("8605550155", "warehouse jobs in Waterbury")
    first.thread_until("+18605550155", "Warehouse jobs near Waterbury:")
    for view in ("/simulator/thread", "/simulator"):
        html = second.get(view, phone="+18605550155").text
        assert "Waterbury" not in html


def test_the_simulator_says_when_the_assistant_is_not_running(assistant_down):
    staff = StaffBrowser(assistant_down)
    response = staff.send("8605550123", "hi")
    follow = staff.get(response.headers["Location"])
    assert NOT_ANSWERING in follow.text


def test_the_simulator_is_off_when_a_twilio_account_is_set(conversation_url):
    settings = load_settings(
        {
            "DATABASE_URL": conversation_url,
            "TWILIO_ACCOUNT_SID": "AC" + "2" * 32,
            "TWILIO_AUTH_TOKEN": "secret",
            "TWILIO_FROM_NUMBER": "+18605550000",
        }
    )
    client = create_app(settings).test_client()
    assert client.get("/simulator").status_code == 404
    assert client.post("/simulator", data={"phone": "8605550123", "body": "hi"}).status_code == 404


# In the browser.


def _simulator(page: Page, web: LiveServer, phone: str = "") -> Page:
    """Open the simulator (for ``phone``) in ``page``, signing in as staff on the way."""
    _staff_account(web)
    page.goto(f"{web.url}/simulator")
    if "/admin/login" in page.url:
        page.fill("#email", STAFF[0])
        page.fill("#password", STAFF[1])
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Phone simulator")
    if phone:
        page.goto(f"{web.url}/simulator?phone={quote(phone)}")
    return page


def _new_phone() -> str:
    return "+1860555" + str(uuid.uuid4().int % 10_000).zfill(4)


def _seed_thread(web: LiveServer, phone: str, pairs: int, last_reply: str) -> None:
    """``pairs`` texts from ``phone`` and as many replies, as if texted earlier today."""
    start = utcnow() - timedelta(hours=1)
    with session_scope(web.database_url) as db:
        for n in range(pairs):
            at = start + timedelta(seconds=2 * n)
            db.add(
                InboundMessage(
                    provider_sid=f"SM{uuid.uuid4().hex}", from_address=phone,
                    body=f"question {n}", received_at=at,
                )
            )  # fmt: skip
            reply = last_reply if n == pairs - 1 else f"answer {n}"
            db.add(
                OutboundMessage(
                    idempotency_key=uuid.uuid4().hex, to_address=phone, body=reply,
                    status="sent", created_at=at + timedelta(seconds=1),
                )
            )  # fmt: skip


def _box(page: Page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_texting_in_the_browser_updates_the_thread_in_place(local_service, page):
    phone = _new_phone()
    _simulator(page, local_service, phone)
    address = page.url
    page.evaluate("window.notReloaded = true")
    page.fill("#body", "jobs in Hartford")
    page.click("#send")

    thread = page.locator("#thread")
    expect(thread.locator(".bubble.theirs").first).to_contain_text(
        "Jobs near Hartford:", timeout=90_000
    )
    assert page.evaluate("window.notReloaded") is True and page.url == address
    expect(page.locator("#phone")).to_have_value(f"({phone[2:5]}) {phone[5:8]}-{phone[8:]}")
    expect(page.locator("#body")).to_have_value("")
    expect(page.locator("#body")).to_be_focused()
    # The reply is read out once, in the region that only ever gets new replies.
    expect(page.locator("#simulator-news")).to_contain_text("Jobs near Hartford:")
    assert page.locator("[aria-live]").count() == 1

    # Mine on the right, theirs on the left, and no blank lines from the page's source.
    mine, theirs = thread.locator(".bubble.mine"), thread.locator(".bubble.theirs").first
    screen, right = _box(page, "#phone-screen"), mine.bounding_box()
    assert right["x"] + right["width"] > screen["x"] + 0.9 * screen["width"]
    assert theirs.bounding_box()["x"] < screen["x"] + 0.1 * screen["width"]
    assert mine.locator(".text").inner_text() == "jobs in Hartford"
    text_height = mine.locator(".text").bounding_box()["height"]
    assert text_height < 30 and mine.bounding_box()["height"] < text_height + 20

    # A job's details end with its apply link: a real link that wraps inside the bubble.
    page.fill("#body", "1")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(thread.locator(".bubble.theirs").last).to_contain_text("Apply: ", timeout=90_000)
    link = thread.locator(".bubble.theirs").last.locator("a")
    expect(link).to_have_attribute("href", re.compile(rf"^{re.escape(local_service.url)}/"))
    assert page.evaluate(
        "(() => { const s = document.getElementById('phone-screen');"
        " return s.scrollWidth <= s.clientWidth; })()"
    )
    assert accessibility_problems(page) == []
    with page.expect_request(link.get_attribute("href")):
        link.click()


def test_a_long_thread_scrolls_inside_the_phone(assistant_down, page):
    phone = _new_phone()
    _simulator(page, assistant_down, phone)
    # The text is not delivered (no assistant here), but the number is this browser's.
    page.fill("#body", "hi")
    page.click("#send")
    expect(page.locator("#simulator-error")).to_have_text(NOT_ANSWERING)
    long_address = "https://www.example.org/jobs/" + "very-long-path-segment-" * 6 + "end"
    _seed_thread(assistant_down, phone, 30, f"Apply: {long_address}")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()

    screen = page.locator("#phone-screen")
    assert page.locator("#thread .bubble").count() == 60
    sizes = screen.evaluate("s => [s.scrollHeight, s.clientHeight, s.scrollWidth, s.clientWidth]")
    assert sizes[0] > 2 * sizes[1] and sizes[2] <= sizes[3]
    # The phone fits the window, the newest text shows at the bottom of its screen, and
    # the compose box sits under the screen, inside the phone.
    box, shown = _box(page, "#simulator"), _box(page, "#phone-screen")
    assert box["height"] <= 800
    last = _box(page, "#thread .bubble:last-child")
    assert shown["y"] <= last["y"]
    assert last["y"] + last["height"] <= shown["y"] + shown["height"] + 1
    for part in ("#body", "#send"):
        area = _box(page, part)
        assert shown["y"] + shown["height"] <= area["y"]
        assert area["y"] + area["height"] <= box["y"] + box["height"]
    page.locator("#simulator").scroll_into_view_if_needed()
    expect(page.locator("#body")).to_be_in_viewport()
    expect(page.locator("#thread a")).to_have_attribute("href", long_address)
    assert accessibility_problems(page) == []
    page.route(long_address, lambda route: route.fulfill(body="<title>Job</title>Job"))
    page.locator("#thread a").click()
    expect(page).to_have_url(long_address)


def test_an_assistant_that_is_down_is_said_in_plain_words(assistant_down, page):
    phone = _new_phone()
    _simulator(page, assistant_down, phone)
    address = page.url
    page.fill("#body", "jobs in Hartford")
    page.click("#send")
    expect(page.locator("#simulator-error")).to_have_text(NOT_ANSWERING)
    expect(page.locator("#simulator-error")).to_have_attribute("role", "alert")
    expect(page.locator("#body")).to_have_value("jobs in Hartford")
    assert page.url == address
    assert accessibility_problems(page) == []


def test_the_simulator_works_without_javascript(local_service, assistant_down, browser: Browser):
    # (axe-core needs JavaScript: the same page is checked with it in the tests above.)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = _simulator(context.new_page(), local_service)
        page.fill("#phone", "860 555 0142")
        page.fill("#body", "jobs in Hartford")
        page.click("#send")
        expect(page).to_have_url(re.compile(r"phone=%2B18605550142"))
        expect(page.locator("#phone")).to_have_value("(860) 555-0142")
        expect(page.locator("#thread .bubble.mine")).to_have_text(re.compile("jobs in Hartford"))
        deadline = time.monotonic() + 90
        while page.locator("#thread .bubble.theirs").count() == 0:
            assert time.monotonic() < deadline, "no reply came"
            time.sleep(0.5)
            page.click("#refresh")
        expect(page.locator("#thread .bubble.theirs").first).to_contain_text("Jobs near Hartford:")

        # With the assistant down, the page comes back with the words and the text kept.
        down = _simulator(context.new_page(), assistant_down, "+18605550143")
        down.fill("#body", "warehouse jobs")
        down.click("#send")
        expect(down.locator("#simulator-error")).to_have_text(NOT_ANSWERING)
        expect(down.locator("#body")).to_have_value("warehouse jobs")
    finally:
        context.close()
