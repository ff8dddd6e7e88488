"""The frame every page shares, as a state service's site has it: the official-site
banner, the site menu (with the page it is on marked), and the footer's contact,
accessibility and privacy links; plus the accessibility and privacy pages themselves."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template, request, url_for

from bot.contacts import contacts
from bot.i18n import N_
from bot.messaging.phone import readable_phone
from bot.web.language import page_text

bp = Blueprint("frame", __name__)

# The site menu: endpoint and label, in the order shown.
MENU = (
    ("public.jobs", N_("Jobs")),
    ("training.courses", N_("Courses")),
    ("training.eligibility", N_("Eligibility")),
    ("alerts.page", N_("Your job alerts")),
    ("employers.home", N_("Employers")),
)


def _frame() -> dict[str, object]:
    """The menu items (label, address, whether this page is theirs) and the footer's facts."""
    _ = page_text()
    settings = current_app.config["SETTINGS"]
    here = request.endpoint or ""
    labor = contacts().get("unemployment", {})
    return {
        "site_menu": [
            {"label": _(label), "url": url_for(endpoint), "current": here == endpoint}
            for endpoint, label in MENU
        ],
        "footer": {
            "labor_url": labor.get("url") or None,
            "text_number": readable_phone(settings.twilio_from_number)
            if settings.twilio_from_number
            else None,
        },
    }


@bp.get("/accessibility")
def accessibility():
    """How the site is made usable by everyone, and how to report a problem."""
    return render_template("accessibility.html")


@bp.get("/privacy")
def privacy():
    """What the service keeps about a person, for how long, and how to erase it."""
    settings = current_app.config["SETTINGS"]
    return render_template(
        "privacy.html",
        conversation_days=settings.conversation_retention_days,
        enrollment_days=settings.enrollment_retention_days,
    )


def install(app: Flask) -> None:
    """Give every template the frame and register its two pages."""
    app.context_processor(_frame)
    app.register_blueprint(bp)
