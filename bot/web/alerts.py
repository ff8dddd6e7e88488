"""/alerts: people who set up job alerts by text see and cancel them on the website.

The person types their mobile number and gets a 6-digit code by text
(bot.learners.alert_access); the right code opens the number's alerts for
``VERIFIED_MINUTES``, kept on the server (bot.staff.portal_sessions). The browser's
session holds the code's id and the masked number while a code is awaited, and the
server session's token afterwards; never the full number. Every answer before the
code is the same whether or not the number uses the service.
"""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    current_app,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from bot.db.models import Person
from bot.i18n import N_
from bot.learners import alert_subscriptions
from bot.learners.alert_access import text_code
from bot.messaging import one_time_codes as codes
from bot.messaging.phone import mask, normalize_phone
from bot.staff import portal_sessions
from bot.web.auth import client_address
from bot.web.csrf import refuse_forged_posts
from bot.web.db import request_session
from bot.web.language import page_text

bp = Blueprint("alerts", __name__, url_prefix="/alerts")
bp.before_request(refuse_forged_posts)

KIND = "alerts"
VERIFIED_MINUTES = 15
# Browser-session keys: the code awaited (its id, and the number masked), then the
# token of the verified server session.
CODE_ID, MASKED, TOKEN = "alerts_code_id", "alerts_masked", "alerts_session"

BAD_NUMBER = N_("Enter a 10-digit US mobile number, for example 860 555 0123.")
THROTTLED = N_(
    "Too many codes were asked for this number or from your network. "
    "Wait %(minutes)s minutes, then try again."
)
CODE_MESSAGES = {
    codes.MALFORMED: N_("Enter the %(digits)s digits from the text."),
    codes.EXPIRED: N_("That code has expired. Ask for a new one."),
    codes.LOCKED: N_("Too many wrong tries: that code no longer works. Ask for a new one."),
    codes.USED: N_("That code no longer works. Ask for a new one."),
}
NO_CODE = N_("Ask for a code first.")


def _verified_person() -> int | None:
    """The person whose alerts this browser may see now, or None."""
    token = session.get(TOKEN)
    if not token:
        return None
    with request_session() as db:
        person_id = portal_sessions.current_user(
            db, token, KIND, max_age=timedelta(minutes=VERIFIED_MINUTES)
        )
    if person_id is None:
        session.pop(TOKEN, None)
    return person_id


def _start_hint() -> str:
    """How a number that opted out gets texts again (shown to everyone: it says
    nothing about the number typed)."""
    _ = page_text()
    number = current_app.config["SETTINGS"].twilio_from_number
    if number:
        return _(
            "No code? If you ever texted STOP to us, text START to %(number)s, "
            "then ask for a new code.",
            number=number,
        )
    return _(
        "No code? If you ever texted STOP to us, text START to the number our texts "
        "come from, then ask for a new code."
    )


def _alert_rows(alerts: list[alert_subscriptions.Alert]) -> list[dict]:
    """Each alert as the page's table shows it, in the page's language."""
    _ = page_text()
    rows = []
    for alert in alerts:
        rows.append(
            {
                "id": alert.id,
                "jobs": alert.jobs(_.language),
                "near": _(
                    "%(town)s (within %(miles)s miles)",
                    town=alert.town or _("anywhere"),
                    miles=f"{alert.radius_miles:g}",
                ),
                "frequency": alert.how_often(_.language),
                "since": alert.since.strftime("%Y-%m-%d"),
                "summary": alert.summary(_.language),
            }
        )
    return rows


def _page(state: str, status: int = 200, **values):
    """The page in ``state`` (``number``, ``code`` or ``alerts``) with the latest
    message left by a redirect."""
    messages = get_flashed_messages()
    return render_template(
        "alerts.html",
        state=state,
        message=messages[-1] if messages else None,
        verified_minutes=VERIFIED_MINUTES,
        **values,
    ), status


@bp.get("")
def page():
    """The number form, the code form, or the person's alerts."""
    person_id = _verified_person()
    if person_id is not None:
        with request_session() as db:
            alerts = _alert_rows(alert_subscriptions.alerts_of(db, person_id))
            number = mask(db.get(Person, person_id).address)
        return _page("alerts", alerts=alerts, number=number)
    if CODE_ID in session:
        return _page("code", number=session.get(MASKED), hint=_start_hint())
    return _page("number")


@bp.post("/code")
def send_code():
    """Text a code to the number typed (if it has texted us), then ask for it."""
    typed = request.form.get("number", "").strip()
    number = normalize_phone(typed)
    if number is None:
        return _page("number", 400, error=page_text()(BAD_NUMBER), typed=typed[:40])
    asked = text_code(
        current_app.config["SETTINGS"], number, client_address(), language=page_text().language
    )
    if asked.throttled:
        error = page_text()(THROTTLED, minutes=codes.THROTTLE_MINUTES)
        return _page("number", 429, error=error, typed=typed[:40])
    session.pop(TOKEN, None)
    session[CODE_ID], session[MASKED] = asked.code_id, mask(number)
    _ = page_text()
    flash(
        _(
            "If %(number)s has texted us before, we just texted it a %(digits)s-digit code. "
            "It works for %(minutes)s minutes.",
            number=mask(number),
            digits=codes.CODE_DIGITS,
            minutes=codes.CODE_MINUTES,
        )
    )
    return redirect(url_for("alerts.page"))


@bp.post("/check")
def check_code():
    """The code typed back: right, and the number's alerts open."""
    _ = page_text()
    code_id = session.get(CODE_ID)
    if code_id is None:
        return _page("number", 400, error=_(NO_CODE))
    with request_session() as db:
        result = codes.check(db, code_id, request.form.get("code", ""))
        if result.outcome == codes.OK:
            person_id = alert_subscriptions.texter_id(db, result.number)
            token = portal_sessions.start(db, KIND, person_id) if person_id else None
    if result.outcome != codes.OK:
        if result.outcome == codes.WRONG:
            error = _.plural(
                "That code is not right. You have %(count)s more try.",
                "That code is not right. You have %(count)s more tries.",
                result.tries_left,
            )
        else:
            error = _(CODE_MESSAGES[result.outcome], digits=codes.CODE_DIGITS)
        return _page("code", 400, error=error, number=session.get(MASKED), hint=_start_hint())
    session.pop(CODE_ID, None)
    masked = session.pop(MASKED, None)
    if token is None:
        # A number that never texted us has no alerts (and was never sent a code).
        return _page("alerts", alerts=[], number=masked)
    session[TOKEN] = token
    return redirect(url_for("alerts.page"))


@bp.post("/cancel")
def cancel():
    """Cancel the alert whose button was pressed, or all of them."""
    _ = page_text()
    person_id = _verified_person()
    if person_id is None:
        flash(_("Your time to see alerts ran out. Ask for a new code."))
        return redirect(url_for("alerts.page"))
    everything = request.form.get("all") == "yes"
    ids = None if everything else _ids(request.form.getlist("alert"))
    with request_session() as db:
        cancelled = alert_subscriptions.cancel_alerts(db, person_id, ids)
    if cancelled:
        flash(
            _.plural("Cancelled %(count)s job alert.", "Cancelled %(count)s job alerts.", cancelled)
        )
    else:
        flash(_("Nothing was cancelled: choose an alert first."))
    return redirect(url_for("alerts.page"))


@bp.post("/done")
def done():
    """Close the alerts (on a shared computer, nobody after you sees them)."""
    with request_session() as db:
        portal_sessions.end(db, session.pop(TOKEN, None))
    for key in (CODE_ID, MASKED):
        session.pop(key, None)
    _ = page_text()
    flash(_("Done. Your alerts are closed on this computer."))
    return redirect(url_for("alerts.page"))


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]
