"""The staff portal in real headless Chromium at a laptop's width: long messages and
links wrap inside their table cells instead of pushing the page sideways, the
buttons that do different things look different, and axe-core finds nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from bot.db import session_scope
from bot.db.models import HandoffRequest, OutboundMessage, Person
from bot.identity import SMS_CHANNEL, WEB_CHANNEL
from bot.jobs.feed_import import import_feed_file
from bot.staff.accounts import create_staff
from tests.support.browser import accessibility_problems
from tests.support.servers import LiveServer
from tests.web.admin.test_admin_queues import SCAM_FEED

STAFF = ("layout@backtowork.example.org", "staff password 123")
WIDTH, HEIGHT = 1280, 800
# What people really paste: a message with no spaces, and a very long link.
LONG_WORD = "pleasecallmeback" * 120
LONG_LINK = "https://example.org/" + "a/b-c_d" * 300
NUMBER = "+18605551234"


@pytest.fixture
def portal(db_url, page: Page, tmp_path) -> Iterator[Page]:
    with session_scope(db_url) as session:
        create_staff(session, *STAFF)
        texter = Person(channel=SMS_CHANNEL, address=NUMBER, language="en")
        chatter = Person(channel=WEB_CHANNEL, address="web-" + "ab12" * 6, language="es")
        session.add_all([texter, chatter])
        session.flush()
        session.add_all(
            [
                HandoffRequest(person_id=texter.id, reason=f"{LONG_WORD} {LONG_LINK}"),
                HandoffRequest(person_id=chatter.id, reason=LONG_WORD, contact=LONG_WORD[:60]),
                OutboundMessage(
                    idempotency_key="long", to_address=NUMBER, body=f"{LONG_WORD} {LONG_LINK}"
                ),
            ]
        )
        # A feed job with scam signals, held in the moderation queue.
        feed = tmp_path / "quickcash.xml"
        feed.write_text(SCAM_FEED, encoding="utf-8")
        import_feed_file(session, feed, "upload:quickcash")
    server = LiveServer(db_url)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(server.url + "/admin/login")
    page.fill("#email", STAFF[0])
    page.fill("#password", STAFF[1])
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Overview")
    yield page
    server.stop()


def _page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_long_messages_wrap_and_no_staff_page_scrolls_sideways(portal: Page):
    page = portal
    base = page.url.rsplit("/admin", 1)[0]
    page.goto(base + "/admin/callbacks")
    expect(page.locator("h1")).to_have_text("Callback requests")
    expect(page.get_by_text("Web chat ab12ab")).to_be_visible()
    assert _page_width(page) <= WIDTH
    # The message is all there, wrapped over many lines inside its cell.
    cell = page.locator("td", has_text=LONG_WORD[:40]).first
    box = cell.bounding_box()
    assert box["x"] + box["width"] <= WIDTH and box["height"] > 100
    assert accessibility_problems(page) == []

    for path in ("/admin/outbox", "/admin", "/admin/audit", "/admin/moderation"):
        page.goto(base + path)
        assert _page_width(page) <= WIDTH, path
        assert accessibility_problems(page) == [], path

    # The claimed request's own page, with the long reason, fits too.
    page.goto(base + "/admin/callbacks")
    page.locator("button", has_text="Claim").first.click()
    expect(page.locator("h1")).to_contain_text("Callback request")
    assert _page_width(page) <= WIDTH


def test_approve_and_reject_look_different(portal: Page):
    page = portal
    page.goto(page.url.rsplit("/admin", 1)[0] + "/admin/moderation")
    approve = page.get_by_role("button", name="Approve Mystery Shopper")
    reject = page.get_by_role("button", name="Reject Mystery Shopper")
    look = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    assert approve.evaluate(look) != reject.evaluate(look)
    expect(page.get_by_text("$400/hr")).to_be_visible()


def test_the_erase_button_looks_destructive_and_asks_for_a_confirmation(portal: Page):
    page = portal
    base = page.url.rsplit("/admin", 1)[0]
    page.goto(base + "/admin/learners")
    page.fill("#number", "860 555 1234")
    page.get_by_role("button", name="Look up").click()
    erase = page.get_by_role("button", name="Erase this person's data")
    look_up = page.get_by_role("button", name="Look up")
    colour = "el => getComputedStyle(el).backgroundColor"
    assert erase.evaluate(colour) == "rgb(181, 9, 9)"
    assert erase.evaluate(colour) != look_up.evaluate(colour)
    # Without the confirmation ticked, the browser does not send the form.
    erase.click()
    expect(page.locator("h1")).to_have_text("Learner lookup")
    assert page.locator("input[name=confirm]:invalid").count() == 1
    assert accessibility_problems(page) == []
