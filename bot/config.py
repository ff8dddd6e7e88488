"""Settings read from the environment (12-factor); defaults serve `make run`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"


def _default_database_url() -> str:
    return f"sqlite:///{VAR_DIR / 'app.db'}"


def _default_tracker_store_url() -> str:
    # Its own file: one SQLite file written by Rasa and by the other processes at
    # once would make them wait on each other's locks.
    return f"sqlite:///{VAR_DIR / 'tracker.db'}"


@dataclass(frozen=True)
class Settings:
    """Process configuration. Build it with :func:`load_settings`."""

    database_url: str
    tracker_store_url: str
    rasa_url: str
    rasa_token: str | None
    # Shared by the web app and Rasa's web chat channel: only the web app may speak
    # in a web conversation. Unset: the website's chat is off.
    web_chat_secret: str | None
    action_server_url: str
    public_base_url: str
    secret_key: str | None
    default_radius_miles: float
    page_size: int
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_from_number: str | None = None
    twilio_messaging_service_sid: str | None = None
    # Only tests and benchmarks set this: a local Twilio-compatible server.
    twilio_api_base_url: str | None = None
    sms_rate_limit_per_minute: int = 12
    # How often the SMS channel looks for texts stored but never handled.
    sms_sweep_seconds: float = 30.0
    chat_rate_limit_per_minute: int = 20
    # Rasa's lock store: Redis when set (required for more than one Rasa replica),
    # else each Rasa process keeps its locks in memory.
    redis_url: str | None = None

    @property
    def twilio_enabled(self) -> bool:
        """True when outbound texts go to Twilio; False means the local outbox."""
        return bool(
            self.twilio_account_sid
            and self.twilio_auth_token
            and (self.twilio_from_number or self.twilio_messaging_service_sid)
        )


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (``os.environ`` by default)."""
    env = dict(os.environ if env is None else env)
    return Settings(
        database_url=env.get("DATABASE_URL") or _default_database_url(),
        tracker_store_url=env.get("TRACKER_STORE_URL") or _default_tracker_store_url(),
        rasa_url=env.get("RASA_URL", "http://127.0.0.1:5005"),
        rasa_token=env.get("RASA_TOKEN") or None,
        web_chat_secret=env.get("WEB_CHAT_SECRET") or None,
        action_server_url=env.get("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook"),
        public_base_url=env.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        secret_key=env.get("SECRET_KEY") or None,
        default_radius_miles=float(env.get("DEFAULT_RADIUS_MILES", "25")),
        page_size=int(env.get("SEARCH_PAGE_SIZE", "3")),
        twilio_account_sid=env.get("TWILIO_ACCOUNT_SID") or None,
        twilio_auth_token=env.get("TWILIO_AUTH_TOKEN") or None,
        twilio_from_number=env.get("TWILIO_FROM_NUMBER") or None,
        twilio_messaging_service_sid=env.get("TWILIO_MESSAGING_SERVICE_SID") or None,
        twilio_api_base_url=env.get("TWILIO_API_BASE_URL") or None,
        sms_rate_limit_per_minute=int(env.get("SMS_RATE_LIMIT_PER_MINUTE", "12")),
        sms_sweep_seconds=float(env.get("SMS_SWEEP_SECONDS", "30")),
        chat_rate_limit_per_minute=int(env.get("CHAT_RATE_LIMIT_PER_MINUTE", "20")),
        redis_url=env.get("REDIS_URL") or None,
    )
