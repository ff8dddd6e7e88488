"""The staff portal over real HTTP: the first admin from the CLI, sign-in, CSRF,
throttling of wrong passwords, server-side sessions, framing, roles."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
import requests
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import cli
from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import PortalSession, StaffUser
from bot.staff.accounts import LOCK_MINUTES, MAX_FAILURES, create_staff, sign_in
from bot.staff.portal_sessions import IDLE_MINUTES
from bot.web.auth import WRONG
from tests.support.servers import LiveServer, form_token

ADMIN = "admin@backtowork.example.org"
PASSWORD = "correct horse battery"


@pytest.fixture
def portal(db_url, monkeypatch) -> LiveServer:
    monkeypatch.setenv("DATABASE_URL", db_url)
    result = CliRunner().invoke(
        cli, ["create-admin", "--email", ADMIN], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    server = LiveServer(db_url)
    yield server
    server.stop()


def _token(browser: requests.Session, url: str) -> str:
    return form_token(browser.get(url, timeout=30).text)


def _sign_in(
    browser: requests.Session, portal: LiveServer, email: str, password: str, query: str = ""
):
    token = _token(browser, f"{portal.url}/admin/login")
    return browser.post(
        f"{portal.url}/admin/login{query}",
        data={"csrf_token": token, "email": email, "password": password},
        timeout=30,
        allow_redirects=False,
    )


def test_the_first_admin_comes_from_the_cli_with_a_real_password(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    short = CliRunner().invoke(cli, ["create-admin", "--email", ADMIN], input="short\nshort\n")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    made = CliRunner().invoke(
        cli, ["create-admin", "--email", ADMIN], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert made.exit_code == 0, made.output
    with session_scope(db_url) as session:
        stored = session.execute(select(StaffUser)).scalar_one()
    assert stored.role == "admin"
    assert PASSWORD not in stored.password_hash and stored.password_hash.startswith("scrypt:")


def test_staff_pages_need_a_sign_in(portal):
    response = requests.get(f"{portal.url}/admin", timeout=30, allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login")


def test_an_admin_signs_in_sees_the_overview_and_signs_out(portal):
    browser = requests.Session()
    answer = _sign_in(browser, portal, ADMIN.upper(), PASSWORD)
    assert (answer.status_code, answer.headers["Location"]) == (302, "/admin")
    overview = browser.get(f"{portal.url}/admin", timeout=30)
    assert overview.status_code == 200
    assert "Callback requests waiting" in overview.text
    token = _token(browser, f"{portal.url}/admin")
    browser.post(f"{portal.url}/admin/logout", data={"csrf_token": token}, timeout=30)
    after = browser.get(f"{portal.url}/admin", timeout=30, allow_redirects=False)
    assert after.status_code == 302


def test_a_post_without_the_form_token_is_refused(portal):
    browser = requests.Session()
    browser.get(f"{portal.url}/admin/login", timeout=30)
    forged = browser.post(
        f"{portal.url}/admin/login", data={"email": ADMIN, "password": PASSWORD}, timeout=30
    )
    assert forged.status_code == 400 and "This form has expired" in forged.text
    wrong = browser.post(
        f"{portal.url}/admin/login",
        data={"csrf_token": "guess", "email": ADMIN, "password": PASSWORD},
        timeout=30,
    )
    assert wrong.status_code == 400


def test_wrong_passwords_pause_sign_in_from_that_address_with_the_one_answer(portal):
    browser = requests.Session()
    answers = [_sign_in(browser, portal, ADMIN, "not the password") for _ in range(MAX_FAILURES)]
    answers.append(_sign_in(browser, portal, ADMIN, PASSWORD))  # right, but paused here
    answers.append(_sign_in(requests.Session(), portal, "nobody@example.org", PASSWORD))
    assert {answer.status_code for answer in answers} == {401}
    assert {_alert(answer.text) for answer in answers} == {WRONG}
    assert "locked" not in answers[-2].text and ADMIN not in _alert(answers[-2].text)


def _alert(page: str) -> str:
    return html.unescape(re.search(r'role="alert">([^<]+)<', page).group(1))


def test_nobody_elsewhere_can_lock_a_staff_member_out(db_url):
    with session_scope(db_url) as session:
        create_staff(session, ADMIN, PASSWORD)
    with session_scope(db_url) as session:
        for _ in range(MAX_FAILURES * 3):
            assert sign_in(session, ADMIN, "guess", "203.0.113.9").outcome == "wrong"
        assert sign_in(session, ADMIN, PASSWORD, "203.0.113.9").outcome == "wrong"
        assert sign_in(session, ADMIN, PASSWORD, "198.51.100.7").outcome == "ok"
        later = utcnow() + timedelta(minutes=LOCK_MINUTES + 1)
        assert sign_in(session, ADMIN, PASSWORD, "203.0.113.9", now=later).outcome == "ok"


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(portal):
    answer = _sign_in(requests.Session(), portal, "nobody@example.org", PASSWORD)
    assert answer.status_code == 401 and _alert(answer.text) == WRONG


def test_signing_out_ends_the_session_for_a_copied_cookie_too(portal):
    browser = requests.Session()
    assert _sign_in(browser, portal, ADMIN, PASSWORD).status_code == 302
    copy = requests.Session()
    copy.cookies.update(browser.cookies)
    assert copy.get(f"{portal.url}/admin", allow_redirects=False, timeout=30).status_code == 200
    token = _token(browser, f"{portal.url}/admin")
    browser.post(f"{portal.url}/admin/logout", data={"csrf_token": token}, timeout=30)
    after = copy.get(f"{portal.url}/admin", allow_redirects=False, timeout=30)
    assert after.status_code == 302 and "/admin/login" in after.headers["Location"]


def test_a_staff_session_ends_after_a_quiet_spell(portal, db_url):
    browser = requests.Session()
    _sign_in(browser, portal, ADMIN, PASSWORD)
    assert browser.get(f"{portal.url}/admin", allow_redirects=False, timeout=30).status_code == 200
    with session_scope(db_url) as session:
        for row in session.scalars(select(PortalSession)):
            row.last_seen_at = utcnow() - timedelta(minutes=IDLE_MINUTES + 1)
    idle = browser.get(f"{portal.url}/admin", allow_redirects=False, timeout=30)
    assert idle.status_code == 302 and "/admin/login" in idle.headers["Location"]


def test_a_next_address_with_a_line_break_is_a_bad_request_not_a_crash(portal):
    query = "?next=/admin%0d%0aSet-Cookie:%20x=1"
    answer = _sign_in(requests.Session(), portal, ADMIN, PASSWORD, query)
    assert answer.status_code == 400
    assert "Set-Cookie" not in answer.headers or "x=1" not in answer.headers["Set-Cookie"]


@pytest.mark.parametrize("path", ["/", "/jobs", "/admin/login", "/employers/register", "/api/jobs"])
def test_no_page_may_be_framed_by_another_site(portal, path):
    answer = requests.get(f"{portal.url}{path}", timeout=30)
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]


def test_only_admins_manage_staff_accounts(portal, db_url):
    admin = requests.Session()
    _sign_in(admin, portal, ADMIN, PASSWORD)
    token = _token(admin, f"{portal.url}/admin/staff")
    made = admin.post(
        f"{portal.url}/admin/staff",
        data={"csrf_token": token, "email": "case@example.org", "password": "x" * 12},
        timeout=30,
    )
    assert made.status_code == 200 and "Account created for case@example.org." in made.text
    again = admin.post(
        f"{portal.url}/admin/staff",
        data={"csrf_token": token, "email": "case@example.org", "password": "x" * 12},
        timeout=30,
    )
    assert again.status_code == 400 and "already an account" in again.text

    staff = requests.Session()
    assert _sign_in(staff, portal, "case@example.org", "x" * 12).status_code == 302
    assert staff.get(f"{portal.url}/admin", timeout=30).status_code == 200
    refused = staff.get(f"{portal.url}/admin/staff", timeout=30)
    assert refused.status_code == 403 and "does not give access" in refused.text


def test_sign_in_never_redirects_to_another_site(portal):
    answer = _sign_in(requests.Session(), portal, ADMIN, PASSWORD, "?next=//evil.example.org/admin")
    assert answer.headers["Location"] == "/admin"


def test_signing_in_comes_back_to_the_page_asked_for_with_its_query(portal):
    browser = requests.Session()
    asked = browser.get(f"{portal.url}/simulator?phone=8605550123", allow_redirects=False)
    assert asked.status_code == 302
    login = asked.headers["Location"]
    assert login.startswith("/admin/login?next=")
    answer = _sign_in(browser, portal, ADMIN, PASSWORD, login[len("/admin/login") :])
    assert answer.headers["Location"] == "/simulator?phone=8605550123"


def test_accounts_need_a_real_email_and_a_known_role(db_url):
    with session_scope(db_url) as session:
        with pytest.raises(ValueError, match="not an email address"):
            create_staff(session, "not-an-email", "x" * 12)
        with pytest.raises(ValueError, match="role must be one of"):
            create_staff(session, "a@example.org", "x" * 12, role="owner")
