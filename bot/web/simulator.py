"""The phone simulator page (only without a Twilio account): text the assistant from
the browser and see its replies as a phone would.

Texting "as" a number can opt it out or erase its data, and a thread shows what was
said to it, so the simulator is for signed-in staff only, its form carries the CSRF
token, and a browser sees only the threads of numbers it has texted from itself.

Without JavaScript the form posts and the page comes back (a redirect); with it,
simulator.js posts the same form asking for JSON and refreshes the thread in place."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from bot.messaging.phone import normalize_phone, written_phone
from bot.messaging.simulator import SimulatorError, send_as_phone, thread
from bot.web.admin import signed_in
from bot.web.csrf import refuse_forged_posts
from bot.web.db import request_session

bp = Blueprint("simulator", __name__)

MAX_BODY = 1600
# The numbers this browser has texted from; only their threads are shown to it.
USED = "simulator_numbers"
USED_MAX = 20
# A text the assistant did not take, kept for the form once the page comes back.
DRAFT = "simulator_draft"


@bp.before_request
def _only_without_twilio():
    if current_app.config["SETTINGS"].twilio_enabled:
        abort(404)


bp.before_request(refuse_forged_posts)


def _remember(phone: str) -> None:
    used = [number for number in session.get(USED, []) if number != phone]
    session[USED] = [*used, phone][-USED_MAX:]


def _thread_for(phone: str | None):
    if not phone or phone not in session.get(USED, []):
        return []
    with request_session() as db:
        return thread(db, phone)


def _page_args(phone: str | None, raw_phone: str = "") -> dict[str, str]:
    return {"phone": phone or raw_phone} if phone or raw_phone else {}


@bp.get("/simulator")
@signed_in()
def page():
    """The simulated phone: a number, a thread and a box to type in."""
    raw_phone = request.args.get("phone", "")
    phone = normalize_phone(raw_phone)
    return render_template(
        "simulator.html",
        phone=written_phone(phone) if phone else raw_phone,
        thread_url=url_for("simulator.thread_fragment", **_page_args(phone)),
        refresh_url=url_for("simulator.page", **_page_args(phone, raw_phone)),
        bubbles=_thread_for(phone),
        error=request.args.get("error"),
        draft=session.pop(DRAFT, ""),
    )


@bp.get("/simulator/thread")
@signed_in()
def thread_fragment():
    """Just the thread, for the page's refresh while replies arrive."""
    phone = normalize_phone(request.args.get("phone", ""))
    return render_template("_simulator_thread.html", bubbles=_thread_for(phone))


def _deliver(phone: str | None, body: str) -> tuple[str, int] | None:
    """Text ``body`` from ``phone`` to the assistant; None, or what went wrong and the
    HTTP status that says so."""
    if phone is None:
        return "Enter a 10-digit US phone number, for example (860) 555-0123.", 400
    if not body.strip():
        return "Type a message first.", 400
    if len(body) > MAX_BODY:
        return f"A text can be at most {MAX_BODY:,} characters.", 400
    _remember(phone)
    try:
        send_as_phone(current_app.config["SETTINGS"], phone, body)
    except SimulatorError as exc:
        return str(exc), 503
    return None


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.post("/simulator")
@signed_in()
def send():
    """Send the typed text as the simulated phone, then show the thread: the page again
    (a redirect), or for simulator.js the addresses of the thread as JSON."""
    raw_phone = request.form.get("phone", "")
    phone = normalize_phone(raw_phone)
    body = request.form.get("body", "")
    problem = _deliver(phone, body)
    if _wants_json():
        if problem:
            return jsonify(error=problem[0]), problem[1]
        return jsonify(
            phone=written_phone(phone),
            thread_url=url_for("simulator.thread_fragment", phone=phone),
            page_url=url_for("simulator.page", phone=phone),
        )
    args = _page_args(phone, raw_phone)
    if problem:
        args["error"] = problem[0]
        session[DRAFT] = body[:MAX_BODY]
    return redirect(url_for("simulator.page", **args), code=303)
