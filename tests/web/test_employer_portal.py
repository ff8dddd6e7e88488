"""The employer portal and staff moderation over real HTTP: sign up, approval, a
posting that waits for review, then is found by the same search the assistant uses."""

from __future__ import annotations

import html
import re

import pytest
import requests
from sqlalchemy import select

from bot.clock import utcnow
from bot.db import session_scope
from bot.db.models import Employer, FollowUp, Job, Person
from bot.dialogue.context import Context
from bot.dialogue.follow_ups import job_alert
from bot.identity import SMS_CHANNEL
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.store import employer_id_for, ensure_places
from bot.staff.accounts import create_staff
from tests.support.follow_up_factory import due_alerts
from tests.support.servers import LiveServer, post_form

STAFF = ("moderator@backtowork.example.org", "staff password 123")
EMPLOYER = ("hiring@rinkside.example.com", "employer password 1")
POSTING = {
    "title": "Zamboni Driver",
    "place": "Hartford",
    "description": "Resurface the ice between periods. Evenings and weekends.",
    "category": "",
    "job_type": "part_time",
    "salary_min": "19",
    "salary_max": "23",
    "salary_unit": "hour",
    "url": "https://jobs.rinkside.example.com/zamboni",
}


@pytest.fixture
def portal(db_url) -> LiveServer:
    with session_scope(db_url) as session:
        create_staff(session, *STAFF)
    server = LiveServer(db_url)
    yield server
    server.stop()


def _sign_in_employer(portal: LiveServer) -> tuple[requests.Session, requests.Response]:
    browser = requests.Session()
    email, password = EMPLOYER
    answer = post_form(
        browser, portal, "/employers/login", "/employers/login",
        {"email": email, "password": password},
    )  # fmt: skip
    return browser, answer


def _staff(portal: LiveServer) -> requests.Session:
    browser = requests.Session()
    email, password = STAFF
    post_form(
        browser, portal, "/admin/login", "/admin/login", {"email": email, "password": password}
    )
    return browser


def _decide(staff: requests.Session, portal: LiveServer, kind: str, decision: str):
    page = staff.get(f"{portal.url}/admin/moderation", timeout=30).text
    action = re.search(rf'action="(/admin/moderation/{kind}/\d+)"', page).group(1)
    return post_form(staff, portal, "/admin/moderation", action, {"decision": decision})


def _found(db_url: str, keyword: str) -> list[str]:
    with session_scope(db_url) as session:
        page = search_jobs(session, JobQuery(keyword=keyword, place="Hartford"))
    return [hit.title for hit in page.hits]


def _sign_up_and_get_approved(portal: LiveServer) -> requests.Session:
    email, password = EMPLOYER
    signed_up = post_form(
        requests.Session(), portal, "/employers/register", "/employers/register",
        {"company": "Rinkside Arena", "email": email, "password": password},
    )  # fmt: skip
    assert "once they approve your account" in signed_up.text
    _, waiting = _sign_in_employer(portal)
    assert waiting.status_code == 401 and "waiting for approval" in waiting.text
    approved = _decide(_staff(portal), portal, "accounts", "approve")
    assert f"{email}: approved." in approved.text
    browser, answer = _sign_in_employer(portal)
    assert answer.status_code == 200 and "Jobs posted by Rinkside Arena" in answer.text
    return browser


def test_a_new_employers_job_waits_for_staff_then_search_finds_it(portal, db_url):
    employer = _sign_up_and_get_approved(portal)
    posted = post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", POSTING)
    assert "Program staff will review it first." in posted.text
    assert "waiting for review" in posted.text
    assert _found(db_url, "zamboni") == []
    assert portal.get("/api/jobs", q="zamboni", place="Hartford").json()["jobs"] == []

    staff = _staff(portal)
    queue = staff.get(f"{portal.url}/admin/moderation", timeout=30).text
    assert "Zamboni Driver, Rinkside Arena, Hartford" in queue
    assert "Check before approving" not in queue
    # Staff see what the job pays, its type and kind of work before deciding, and the
    # two decisions are buttons that look different.
    assert "<dt>Pay</dt><dd>$19-$23/hr</dd>" in queue
    assert "<dt>Job type</dt><dd>part time</dd>" in queue
    assert "<dt>Kind of work</dt><dd>not stated</dd>" in queue
    assert 'class="approve" aria-label="Approve Zamboni Driver"' in queue
    assert 'class="reject" aria-label="Reject Zamboni Driver"' in queue
    assert "Zamboni Driver: approved." in _decide(staff, portal, "jobs", "approve").text

    assert _found(db_url, "zamboni") == ["Zamboni Driver"]
    [hit] = portal.get("/api/jobs", q="zamboni", place="Hartford").json()["jobs"]
    assert hit["employer"] == "Rinkside Arena" and hit["job_type"] == "part_time"

    # The employer is verified now: the next clean posting goes live at once.
    again = {**POSTING, "title": "Zamboni Driver Trainee"}
    posted = post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", again)
    assert "Your job is live." in posted.text
    assert "Zamboni Driver Trainee" in _found(db_url, "zamboni")


def test_a_posting_with_scam_signals_is_held_with_the_reasons(portal, db_url):
    employer = _sign_up_and_get_approved(portal)
    shady = {
        **POSTING,
        "description": "Pay the training fee and send your Social Security number.",
        "url": "",
    }
    post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", shady)
    staff = _staff(portal)
    queue = staff.get(f"{portal.url}/admin/moderation", timeout=30).text
    assert "Check before approving" in queue
    assert "asks applicants to pay" in queue
    assert "asks for bank, card or Social Security details" in queue
    assert "Zamboni Driver: rejected." in _decide(staff, portal, "jobs", "reject").text
    assert _found(db_url, "zamboni") == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "missing title"),
        ({"place": "Springfield"}, "could not find a Connecticut town or ZIP code 'Springfield'"),
        ({"place": "01103"}, "not in Connecticut"),
    ],
)
def test_a_bad_posting_is_refused_with_a_reason_and_keeps_the_form(portal, change, message):
    employer = _sign_up_and_get_approved(portal)
    answer = post_form(
        employer, portal, "/employers/jobs/new", "/employers/jobs/new", {**POSTING, **change}
    )
    assert answer.status_code == 400 and message in html.unescape(answer.text)
    assert "Resurface the ice between periods." in answer.text


def _field(page: str, name: str) -> str:
    """The ``<input>`` named ``name`` on ``page``."""
    return re.search(rf'<input id="{name}"[^>]*>', page).group(0)


def test_the_job_form_marks_its_required_fields(portal):
    employer = _sign_up_and_get_approved(portal)
    form = employer.get(f"{portal.url}/employers/jobs/new", timeout=30).text
    for name, label in (("title", "Job title"), ("place", "Town or ZIP code in Connecticut")):
        assert f'<label for="{name}">{label} <span class="required">(required)</span>' in form
        assert " required " in _field(form, name) and 'aria-required="true"' in _field(form, name)
    for optional in ("salary_min", "salary_max", "url"):
        assert "required" not in _field(form, optional)
    sign_up = portal.get("/employers/register").text
    for name in ("company", "email", "password"):
        assert 'aria-required="true"' in _field(sign_up, name)
    assert sign_up.count('<span class="required">(required)</span>') == 3


def test_pay_given_backwards_is_refused_and_the_form_comes_back_filled(portal, db_url):
    employer = _sign_up_and_get_approved(portal)
    backwards = {**POSTING, "salary_min": "$25", "salary_max": "18.50"}
    answer = post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", backwards)
    assert answer.status_code == 400
    page = html.unescape(answer.text)
    assert (
        'Please check the pay: "Pay from" ($25) is more than "Pay up to" (18.50).'
        " Put the lower amount first." in page
    )
    for name, value in backwards.items():
        if name in ("title", "place", "salary_min", "salary_max", "url"):
            assert f'value="{value}"' in page, name
    assert f"{POSTING['description']}</textarea>" in page
    assert '<option value="part_time" selected>' in page
    with session_scope(db_url) as session:
        assert session.scalars(select(Job.id)).all() == []
    # Equal amounts are one figure, not a backwards range.
    same = {**POSTING, "salary_min": "20", "salary_max": "20"}
    posted = post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", same)
    assert "Program staff will review it first." in posted.text


def test_an_employer_closes_a_job_and_it_leaves_search(portal, db_url):
    employer = _sign_up_and_get_approved(portal)
    post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", POSTING)
    _decide(_staff(portal), portal, "jobs", "approve")
    assert _found(db_url, "zamboni") == ["Zamboni Driver"]
    with session_scope(db_url) as session:
        job_id = session.scalars(select(Job.id).where(Job.title == "Zamboni Driver")).one()
    closed = post_form(employer, portal, "/employers", f"/employers/jobs/{job_id}/close", {})
    assert "The job is closed." in closed.text
    assert _found(db_url, "zamboni") == []


def test_portal_pages_need_a_sign_in_and_a_form_token(portal):
    assert portal.get("/employers", allow_redirects=False).status_code == 302
    forged = requests.post(f"{portal.url}/employers/register", data={"company": "X"}, timeout=30)
    assert forged.status_code == 400


def test_an_edit_is_checked_again_and_a_flagged_edit_goes_back_to_review(portal, db_url):
    employer = _sign_up_and_get_approved(portal)
    post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", POSTING)
    _decide(_staff(portal), portal, "jobs", "approve")
    with session_scope(db_url) as session:
        job_id = session.scalars(select(Job.id).where(Job.title == "Zamboni Driver")).one()
    edit = f"/employers/jobs/{job_id}/edit"
    form = employer.get(portal.url + edit, timeout=30).text
    assert 'value="Zamboni Driver"' in form and 'value="19"' in form

    renamed = post_form(employer, portal, edit, edit, {**POSTING, "title": "Ice Resurfacer"})
    assert "Your job is live." in renamed.text
    assert _found(db_url, "resurfacer") == ["Ice Resurfacer"]
    assert _found(db_url, "zamboni") == []

    bad = post_form(employer, portal, edit, edit, {**POSTING, "place": "Springfield"})
    assert bad.status_code == 400

    flagged = {**POSTING, "title": "Ice Resurfacer", "description": "Send a $40 deposit first."}
    held = post_form(employer, portal, edit, edit, flagged)
    assert "Program staff will review it first." in held.text
    assert _found(db_url, "resurfacer") == []


def test_an_employer_cannot_touch_another_employers_job(portal, db_url):
    employer = _sign_up_and_get_approved(portal)
    with session_scope(db_url) as session:
        other = Job(
            source="portal", reference="other", title="Secret", employer_id=_another(session),
            place_id=ensure_places(session)["Hartford"], description="", posted_at=utcnow(),
            status="active",
        )  # fmt: skip
        session.add(other)
        session.flush()
        other_id = other.id
    edit = f"/employers/jobs/{other_id}/edit"
    refused = employer.get(portal.url + edit, timeout=30)
    assert "That job cannot be edited." in refused.text
    closed = post_form(employer, portal, "/employers", f"/employers/jobs/{other_id}/close", {})
    assert "That job is not one of yours." in closed.text
    with session_scope(db_url) as session:
        assert session.get(Job, other_id).status == "active"


def _another(session) -> int:
    """Another company's id."""
    return employer_id_for(session, "Another Company")


def _register(email: str, company: str, portal: LiveServer) -> None:
    signed_up = post_form(
        requests.Session(), portal, "/employers/register", "/employers/register",
        {"company": company, "email": email, "password": "another password 1"},
    )  # fmt: skip
    assert "once they approve your account" in signed_up.text


def _sign_in_as(portal: LiveServer, email: str) -> requests.Response:
    return post_form(
        requests.Session(), portal, "/employers/login", "/employers/login",
        {"email": email, "password": "another password 1"},
    )  # fmt: skip


def test_a_sign_up_naming_a_company_with_accounts_joins_it_only_when_staff_say_so(portal, db_url):
    owner = _sign_up_and_get_approved(portal)
    post_form(owner, portal, "/employers/jobs/new", "/employers/jobs/new", POSTING)
    staff = _staff(portal)
    _decide(staff, portal, "jobs", "approve")

    intruder = "careers@rinkside-jobs.example.net"
    _register(intruder, "rinkside  ARENA", portal)
    queue = html.unescape(staff.get(f"{portal.url}/admin/moderation", timeout=30).text)
    assert f"Rinkside Arena already has 1 account(s): {EMPLOYER[0]}." in queue
    assert "Let this account manage Rinkside Arena's postings" in queue

    # A plain Approve, as for any new company, is not enough.
    refused = html.unescape(_decide(staff, portal, "accounts", "approve").text)
    assert "tick the box that says so, then approve" in refused
    assert _sign_in_as(portal, intruder).status_code == 401

    page = staff.get(f"{portal.url}/admin/moderation", timeout=30).text
    action = re.search(r'action="(/admin/moderation/accounts/\d+)"', page).group(1)
    joined = post_form(
        staff, portal, "/admin/moderation", action, {"decision": "approve", "join_existing": "yes"}
    )
    assert f"{intruder}: approved." in joined.text
    answer = _sign_in_as(portal, intruder)
    assert answer.status_code == 200 and "Zamboni Driver" in answer.text


def test_a_sign_up_for_a_new_company_is_approved_without_the_extra_step(portal):
    _sign_up_and_get_approved(portal)
    _register("jobs@harbor-bakery.example.com", "Harbor Bakery", portal)
    staff = _staff(portal)
    queue = staff.get(f"{portal.url}/admin/moderation", timeout=30).text
    assert "already has" not in queue and "join_existing" not in queue
    approved = _decide(staff, portal, "accounts", "approve")
    assert "jobs@harbor-bakery.example.com: approved." in approved.text


def test_a_changed_apply_link_or_pay_waits_for_staff_and_the_change_is_recorded(portal, db_url):
    employer = _sign_up_and_get_approved(portal)
    post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", POSTING)
    staff = _staff(portal)
    _decide(staff, portal, "jobs", "approve")
    with session_scope(db_url) as session:
        job = session.scalars(select(Job).where(Job.title == "Zamboni Driver")).one()
        job_id, code = job.id, job.link_code
    link = f"/j/{code}"
    assert portal.get(link, allow_redirects=False).headers["Location"] == POSTING["url"]

    edit = f"/employers/jobs/{job_id}/edit"
    phishing = "https://rinkside-login.example.net/verify"
    held = post_form(employer, portal, edit, edit, {**POSTING, "url": phishing})
    assert "Program staff will review it first." in held.text
    assert _found(db_url, "zamboni") == []
    waiting = portal.get(link, allow_redirects=False)
    assert waiting.status_code == 404 and "being checked by our staff" in waiting.text

    queue = html.unescape(staff.get(f"{portal.url}/admin/moderation", timeout=30).text)
    assert f"apply link changed from {POSTING['url']} to {phishing}" in queue
    assert f"{EMPLOYER[0]} changed the apply link from {POSTING['url']} to {phishing}" in queue
    # The log names who made the change.
    assert f"<td>{EMPLOYER[0]} (employer)</td>" in queue
    _decide(staff, portal, "jobs", "approve")
    assert portal.get(link, allow_redirects=False).headers["Location"] == phishing

    raised = post_form(
        employer, portal, edit, edit, {**POSTING, "url": phishing, "salary_max": "95"}
    )
    assert "Program staff will review it first." in raised.text
    assert "pay changed" in staff.get(f"{portal.url}/admin/moderation", timeout=30).text


def test_an_apply_link_only_ever_redirects_to_a_web_address(portal, db_url):
    with session_scope(db_url) as session:
        job = Job(
            source="feed", reference="js", title="Odd Link", employer_id=_another(session),
            place_id=ensure_places(session)["Hartford"], description="", posted_at=utcnow(),
            status="active", url="javascript:alert(document.cookie)",
        )  # fmt: skip
        session.add(job)
        session.flush()
        code = job.link_code
    answer = portal.get(f"/j/{code}", allow_redirects=False)
    assert answer.status_code == 200 and "Location" not in answer.headers
    assert "Odd Link" in answer.text and "no online application" in answer.text


def test_signing_up_again_with_a_known_email_does_not_say_it_has_an_account(portal, db_url):
    _sign_up_and_get_approved(portal)
    again = post_form(
        requests.Session(), portal, "/employers/register", "/employers/register",
        {"company": "Someone Else Inc", "email": EMPLOYER[0], "password": "a different pass 9"},
    )  # fmt: skip
    assert again.status_code == 200 and "once they approve your account" in again.text
    assert "already" not in again.text
    with session_scope(db_url) as session:
        assert (
            session.scalar(select(Employer.id).where(Employer.name == "Someone Else Inc")) is None
        )


def _next_digest(db_url: str, number: str) -> list[str]:
    """The texts of the number's next job-alert digest (none when nothing is new)."""
    with session_scope(db_url) as session:
        key = session.execute(
            select(FollowUp.idempotency_key).join(Person).where(Person.address == number)
        ).scalar_one()
        return job_alert(session, Context(channel=SMS_CHANNEL, address=number), key).messages


def test_a_posting_approved_after_an_alert_was_set_up_is_in_that_alerts_next_digest(portal, db_url):
    employer = _sign_up_and_get_approved(portal)
    # Submitted first ("09:00"), while the employer is new, so it waits for staff...
    post_form(employer, portal, "/employers/jobs/new", "/employers/jobs/new", POSTING)
    # ...then someone sets up an alert for such jobs ("10:00")...
    number = "+18605550177"
    due_alerts(db_url, [number], town="Hartford", keyword="zamboni", never_sent=True)
    assert _next_digest(db_url, number) == []
    # ...and staff approve the posting ("11:00"): it is new to that alert.
    _decide(_staff(portal), portal, "jobs", "approve")
    digest = " ".join(_next_digest(db_url, number))
    assert digest.startswith("New zamboni jobs near Hartford:")
    assert "1) Zamboni Driver - Rinkside Arena, Hartford" in digest and "today" in digest
    with session_scope(db_url) as session:
        job_id = session.execute(select(Job.id).where(Job.title == "Zamboni Driver")).scalar_one()
    page = html.unescape(portal.get(f"/jobs/{job_id}").text)
    assert "<dt>Posted</dt><dd>today</dd>" in page
