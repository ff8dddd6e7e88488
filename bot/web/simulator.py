"""The phone simulator page (only without a Twilio account): text the assistant from
the browser and see its replies as a phone would.

Texting "as" a number can opt it out or erase its data, and a thread shows what was
said to it, so the simulator is for signed-in staff only, its form carries the CSRF
token, and a browser sees only the threads of numbers it has texted from itself."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from bot.messaging.phone import normalize_phone
from bot.messaging.simulator import SimulatorError, send_as_phone, thread
from bot.web.admin import signed_in
from bot.web.csrf import refuse_forged_posts
from bot.web.db import request_session

bp = Blueprint("simulator", __name__)

MAX_BODY = 1600
# The numbers this browser has texted from; only their threads are shown to it.
USED = "simulator_numbers"
USED_MAX = 20


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


@bp.get("/simulator")
@signed_in()
def page():
    """The simulated phone: a number, a thread and a box to type in."""
    phone = normalize_phone(request.args.get("phone", ""))
    return render_template(
        "simulator.html",
        phone=phone or request.args.get("phone", ""),
        bubbles=_thread_for(phone),
        error=request.args.get("error"),
    )


@bp.get("/simulator/thread")
@signed_in()
def thread_fragment():
    """Just the thread, for the page's refresh while replies arrive."""
    phone = normalize_phone(request.args.get("phone", ""))
    return render_template("_simulator_thread.html", bubbles=_thread_for(phone))


@bp.post("/simulator")
@signed_in()
def send():
    """Send the typed text as the simulated phone, then show the thread."""
    raw_phone = request.form.get("phone", "")
    phone = normalize_phone(raw_phone)
    body = request.form.get("body", "")
    error = None
    if phone is None:
        error = "Enter a 10-digit US phone number, for example 860 555 0123."
    elif len(body) > MAX_BODY:
        error = f"A text can be at most {MAX_BODY:,} characters."
    else:
        _remember(phone)
        try:
            send_as_phone(current_app.config["SETTINGS"], phone, body)
        except SimulatorError as exc:
            error = str(exc)
    args = {"phone": phone or raw_phone}
    if error:
        args["error"] = error
    return redirect(url_for("simulator.page", **args), code=303)
