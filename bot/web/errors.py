"""Clear answers when something outside the request's control fails."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from sqlalchemy.exc import OperationalError

from bot.i18n import N_
from bot.web.language import page_text

log = logging.getLogger(__name__)

TOO_LARGE = N_("That is more than this site accepts in one request.")
UNAVAILABLE = N_("The job database is not answering right now. Please try again in a minute.")


def register_error_handlers(app: Flask) -> None:
    """A dead database gives a 503 with a plain message instead of a stack trace."""

    @app.errorhandler(OperationalError)
    def _database_down(error: OperationalError):
        log.error("database unavailable: %s", error.orig)
        if request.path.startswith("/api/"):
            return jsonify(error=UNAVAILABLE), 503
        return render_template("error.html", message=page_text()(UNAVAILABLE)), 503

    @app.errorhandler(403)
    def _forbidden(_error):
        _ = page_text()
        message = _("Your account does not give access to this page.")
        return render_template("error.html", message=message), 403

    @app.errorhandler(413)
    def _too_large(_error):
        # The JSON API speaks English; the chat and the pages the page's language.
        message = TOO_LARGE if request.path.startswith("/api/") else page_text()(TOO_LARGE)
        if request.path.startswith(("/api/", "/chat")):
            return jsonify(error=message), 413
        return render_template("error.html", message=message), 413

    @app.errorhandler(404)
    def _not_found(_error):
        if request.path.startswith("/api/"):
            return jsonify(error="not found"), 404
        _ = page_text()
        message = _("That page does not exist.")
        return render_template("error.html", message=message), 404
