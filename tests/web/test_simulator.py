"""The phone simulator: with no Twilio account, a browser texts the real assistant and
the replies come back from the local outbox."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from sqlalchemy import select

from bot.config import load_settings
from bot.db import session_scope
from bot.db.models import InboundMessage, StaffUser
from bot.staff.accounts import create_staff
from bot.web import create_app
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


class StaffBrowser:
    """A browser signed in to the staff portal, using the simulator as staff would."""

    def __init__(self, web: LiveServer) -> None:
        self.web = web
        self.session = requests.Session()
        with session_scope(web.database_url) as db:
            if db.scalars(select(StaffUser).where(StaffUser.email == STAFF[0])).first() is None:
                create_staff(db, *STAFF)
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


def test_the_simulator_says_when_the_assistant_is_not_running(conversation_url):
    web = LiveServer(conversation_url, {**NO_TWILIO, "RASA_URL": f"http://127.0.0.1:{free_port()}"})
    try:
        staff = StaffBrowser(web)
        response = staff.send("8605550123", "hi")
        follow = staff.get(response.headers["Location"])
        assert "The assistant is not running" in follow.text
    finally:
        web.stop()


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
