"""The Flask application: the public website and JSON API, the chat relay, the job
alerts page, the staff and employer portals, the phone simulator and the health check."""

from __future__ import annotations

import secrets

from flask import Flask

from bot.clock import connecticut_time
from bot.config import Settings, load_settings
from bot.logmask import install as install_log_masking

MAX_REQUEST_BYTES = 20 * 1024 * 1024


def create_app(settings: Settings | None = None) -> Flask:
    """Application factory: one app per process, configured from the environment."""
    settings = settings or load_settings()
    install_log_masking()
    app = Flask(__name__)
    # Without SECRET_KEY each process gets a random key: sessions simply do not
    # survive a restart, which is fine for the embedded default.
    app.config["SECRET_KEY"] = settings.secret_key or secrets.token_hex(32)
    app.config["SETTINGS"] = settings
    app.json.sort_keys = False
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_SECURE"] = settings.public_base_url.startswith("https://")
    # No request body is read past this (the largest are staff's job feed uploads).
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES

    from bot.web.admin import bp as admin_bp
    from bot.web.alerts import bp as alerts_bp
    from bot.web.api import bp as api_bp
    from bot.web.chat import bp as chat_bp
    from bot.web.csrf import csrf_token
    from bot.web.employers import bp as employers_bp
    from bot.web.errors import register_error_handlers
    from bot.web.frame import install as install_frame
    from bot.web.health import bp as health_bp
    from bot.web.language import install as install_languages
    from bot.web.links import linkify
    from bot.web.public import bp as public_bp
    from bot.web.simulator import bp as simulator_bp
    from bot.web.training import bp as training_bp

    install_languages(app)
    install_frame(app)
    app.register_blueprint(public_bp)
    app.register_blueprint(training_bp)
    app.register_blueprint(alerts_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(employers_bp)
    app.register_blueprint(api_bp, url_prefix="/api")
    app.register_blueprint(chat_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(simulator_bp)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.filters["linkify"] = linkify
    # Times are stored in UTC and shown in Connecticut's, with the zone named.
    app.jinja_env.filters["ct_time"] = connecticut_time
    register_error_handlers(app)
    app.after_request(_never_framed)
    return app


def _never_framed(response):
    """No page of this site may be shown inside another site's frame (clickjacking of
    the portals' buttons)."""
    response.headers["X-Frame-Options"] = "DENY"
    response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
    return response
