"""Settings: every environment variable is read by bot/config.py, when it is used."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.launch import action_server, rasa_server
from bot.messaging.quiet_hours import next_allowed
from bot.privacy.retention import RetentionPolicy

NIGHT = datetime(2026, 11, 25, 8, 0)  # 3:00 in Connecticut


def test_unset_variables_give_the_documented_defaults():
    settings = load_settings({})
    assert settings.default_radius_miles == 25
    assert settings.sms_send_window == (time(9), time(20))
    assert settings.contacts_file is None
    assert settings.action_server_host == "127.0.0.1"
    assert settings.action_server_secret is None
    assert settings.log_level == "INFO"
    assert settings.worker_tick_seconds == 15
    assert settings.worker_health_port is None
    assert settings.follow_up_concurrency == 8
    assert settings.follow_up_lease_seconds == 300
    assert settings.db_pool_size == 16
    assert settings.background_niceness == 10
    assert settings.conversation_retention_days == 180
    assert settings.enrollment_retention_days == 365


def test_set_variables_are_read():
    settings = load_settings(
        {
            "SMS_SEND_WINDOW": "00:00-24:00",
            "CONTACTS_FILE": "/etc/ctbtw/contacts.yml",
            "ACTION_SERVER_HOST": "10.0.0.5",
            "WORKER_TICK_SECONDS": "0.5",
            "WORKER_HEALTH_PORT": "8090",
            "FOLLOW_UP_CONCURRENCY": "2",
            "FOLLOW_UP_LEASE_SECONDS": "30",
            "DB_POOL_SIZE": "4",
            "BACKGROUND_NICENESS": "0",
            "ENROLLMENT_RETENTION_DAYS": "30",
        }
    )
    assert settings.sms_send_window == (time(0), time.max)
    assert settings.contacts_file == Path("/etc/ctbtw/contacts.yml")
    assert settings.action_server_host == "10.0.0.5"
    assert settings.worker_tick_seconds == 0.5
    assert settings.worker_health_port == 8090
    assert settings.follow_up_concurrency == 2
    assert settings.follow_up_lease_seconds == 30
    assert settings.db_pool_size == 4
    assert settings.background_niceness == 0
    assert settings.enrollment_retention_days == 30


@pytest.mark.parametrize(
    "name, value",
    [
        ("DEFAULT_RADIUS_MILES", "far"),
        ("SMS_RATE_LIMIT_PER_MINUTE", "12/min"),
        ("SMS_SEND_WINDOW", "9am to 8pm"),
        ("SMS_SEND_WINDOW", "09:00-25:00"),
        ("WORKER_TICK_SECONDS", "0"),
        ("WORKER_HEALTH_PORT", "health"),
        ("FOLLOW_UP_CONCURRENCY", "0"),
        ("FOLLOW_UP_LEASE_SECONDS", "five minutes"),
        ("DB_POOL_SIZE", "1.5"),
        ("BACKGROUND_NICENESS", "low"),
        ("CONVERSATION_RETENTION_DAYS", "0"),
        ("ENROLLMENT_RETENTION_DAYS", "a year"),
    ],
)
def test_a_bad_value_is_refused_naming_the_variable(name, value):
    with pytest.raises(ValueError, match=name):
        load_settings({name: value})


def test_the_sending_window_is_the_one_sms_send_window_sets():
    assert next_allowed(NIGHT, load_settings({}).sms_send_window) == datetime(2026, 11, 25, 14, 0)
    all_day = load_settings({"SMS_SEND_WINDOW": "00:00-24:00"}).sms_send_window
    assert next_allowed(NIGHT, all_day) is None


def test_the_retention_policy_comes_from_the_settings(monkeypatch):
    monkeypatch.setenv("CONVERSATION_RETENTION_DAYS", "7")
    assert RetentionPolicy.from_env() == RetentionPolicy(7, 365)


def test_the_action_server_will_not_start_without_its_secret(monkeypatch):
    monkeypatch.delenv("ACTION_SERVER_SECRET", raising=False)
    with pytest.raises(SystemExit, match="ACTION_SERVER_SECRET"):
        action_server.main(["--port", "0"])


def test_rasa_will_not_start_without_an_api_token(monkeypatch):
    monkeypatch.delenv("RASA_TOKEN", raising=False)
    with pytest.raises(SystemExit, match="RASA_TOKEN"):
        rasa_server.main([])
