"""Settings read from the environment (12-factor); defaults serve `make run`.

Every environment variable the service reads is read here, when a caller asks for
:func:`load_settings`, never frozen at import: a bad value stops the process with an
error naming the variable. (Rasa itself reads ACTION_SERVER_URL and
ACTION_SERVER_SECRET, through endpoints.yml.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"

# The distance a job search covers when the person names none, unless
# DEFAULT_RADIUS_MILES says otherwise.
DEFAULT_RADIUS_MILES = 25.0


def _default_database_url() -> str:
    return f"sqlite:///{VAR_DIR / 'app.db'}"


def default_tracker_store_url() -> str:
    """Rasa's tracker store when TRACKER_STORE_URL is unset: a SQLite file in var/."""
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
    public_base_url: str
    secret_key: str | None
    default_radius_miles: float
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
    # Connecticut's limit for proactive texts is 9:00-20:00 local time. Only test
    # set-ups that must send at any hour change it.
    sms_send_window: tuple[time, time] = (time(9), time(20))
    # A staff-maintained copy of bot/contacts.yml; None: the shipped file.
    contacts_file: Path | None = None
    # The action server listens here (the private network's address in a cluster) and
    # answers only callers showing the secret.
    action_server_host: str = "127.0.0.1"
    action_server_secret: str | None = None
    log_level: str = "INFO"
    worker_tick_seconds: float = 15.0
    # The worker answers GET /health on this port; None: no health endpoint.
    worker_health_port: int | None = None
    follow_up_concurrency: int = 8
    # A follow-up claimed by a worker that died is claimable again after this.
    follow_up_lease_seconds: float = 300.0
    # PostgreSQL connections each process keeps open (as many again at peaks).
    db_pool_size: int = 16
    # CPU nice value of conversation work and of the background processes.
    background_niceness: int = 10
    conversation_retention_days: int = 180
    enrollment_retention_days: int = 365

    @property
    def twilio_enabled(self) -> bool:
        """True when outbound texts go to Twilio; False means the local outbox."""
        return bool(
            self.twilio_account_sid
            and self.twilio_auth_token
            and (self.twilio_from_number or self.twilio_messaging_service_sid)
        )


def _whole(env: Mapping[str, str], name: str, default: int | None, least: int | None = None):
    """``env[name]`` as a whole number (``default`` when unset or empty)."""
    return _number(env, name, default, whole=True, least=least)


def _number(
    env: Mapping[str, str],
    name: str,
    default: float | None,
    positive: bool = False,
    whole: bool = False,
    least: int | None = None,
):
    """``env[name]`` as a number (``default`` when unset or empty); a value that is not
    one, or out of bounds, raises a ValueError naming the variable."""
    text = (env.get(name) or "").strip()
    if not text:
        return default
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ValueError(f"{name} must be {kind}, not {text!r}") from None
    if positive and not value > 0:
        raise ValueError(f"{name} must be more than 0, not {text}")
    if least is not None and value < least:
        raise ValueError(f"{name} must be at least {least}, not {value}")
    return value


def _days(env: Mapping[str, str], name: str, default: int) -> int:
    """A retention period: a whole number of days, at least one."""
    value = _whole(env, name, default)
    if value < 1:
        raise ValueError(f"{name} must be at least 1 day, not {value}")
    return value


def _window(env: Mapping[str, str], name: str, default: tuple[time, time]) -> tuple[time, time]:
    """``HH:MM-HH:MM`` as two times; ``24:00`` ends at midnight."""
    text = (env.get(name) or "").strip()
    if not text:
        return default

    def parse(value: str) -> time:
        return time.max if value == "24:00" else time.fromisoformat(value)

    try:
        start, end = (part.strip() for part in text.split("-"))
        return parse(start), parse(end)
    except ValueError:
        raise ValueError(
            f"{name} must be HH:MM-HH:MM (such as 09:00-20:00), not {text!r}"
        ) from None


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (``os.environ`` by default); raises ValueError naming
    the variable when a value cannot be used."""
    env = dict(os.environ if env is None else env)
    return Settings(
        database_url=env.get("DATABASE_URL") or _default_database_url(),
        tracker_store_url=env.get("TRACKER_STORE_URL") or default_tracker_store_url(),
        rasa_url=env.get("RASA_URL", "http://127.0.0.1:5005"),
        rasa_token=env.get("RASA_TOKEN") or None,
        web_chat_secret=env.get("WEB_CHAT_SECRET") or None,
        public_base_url=env.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        secret_key=env.get("SECRET_KEY") or None,
        default_radius_miles=_number(
            env, "DEFAULT_RADIUS_MILES", DEFAULT_RADIUS_MILES, positive=True
        ),
        twilio_account_sid=env.get("TWILIO_ACCOUNT_SID") or None,
        twilio_auth_token=env.get("TWILIO_AUTH_TOKEN") or None,
        twilio_from_number=env.get("TWILIO_FROM_NUMBER") or None,
        twilio_messaging_service_sid=env.get("TWILIO_MESSAGING_SERVICE_SID") or None,
        twilio_api_base_url=env.get("TWILIO_API_BASE_URL") or None,
        sms_rate_limit_per_minute=_whole(
            env, "SMS_RATE_LIMIT_PER_MINUTE", Settings.sms_rate_limit_per_minute
        ),
        chat_rate_limit_per_minute=_whole(
            env, "CHAT_RATE_LIMIT_PER_MINUTE", Settings.chat_rate_limit_per_minute
        ),
        sms_sweep_seconds=_number(
            env, "SMS_SWEEP_SECONDS", Settings.sms_sweep_seconds, positive=True
        ),
        redis_url=env.get("REDIS_URL") or None,
        sms_send_window=_window(env, "SMS_SEND_WINDOW", Settings.sms_send_window),
        contacts_file=Path(env["CONTACTS_FILE"]) if env.get("CONTACTS_FILE") else None,
        action_server_host=env.get("ACTION_SERVER_HOST") or Settings.action_server_host,
        action_server_secret=env.get("ACTION_SERVER_SECRET") or None,
        log_level=env.get("LOG_LEVEL") or Settings.log_level,
        worker_tick_seconds=_number(
            env, "WORKER_TICK_SECONDS", Settings.worker_tick_seconds, positive=True
        ),
        worker_health_port=_whole(env, "WORKER_HEALTH_PORT", None, least=1),
        follow_up_concurrency=_whole(
            env, "FOLLOW_UP_CONCURRENCY", Settings.follow_up_concurrency, least=1
        ),
        follow_up_lease_seconds=_number(
            env, "FOLLOW_UP_LEASE_SECONDS", Settings.follow_up_lease_seconds, positive=True
        ),
        db_pool_size=_whole(env, "DB_POOL_SIZE", Settings.db_pool_size, least=1),
        background_niceness=_whole(env, "BACKGROUND_NICENESS", Settings.background_niceness),
        conversation_retention_days=_days(
            env, "CONVERSATION_RETENTION_DAYS", Settings.conversation_retention_days
        ),
        enrollment_retention_days=_days(
            env, "ENROLLMENT_RETENTION_DAYS", Settings.enrollment_retention_days
        ),
    )
