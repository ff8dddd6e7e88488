"""Twilio webhook signatures: checking the ones Twilio sends, making the simulator's."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from twilio.request_validator import RequestValidator

from bot.config import VAR_DIR, Settings

LOCAL_KEY_FILE = VAR_DIR / "sms_simulator.key"


def _local_key(path: Path) -> str:
    """A random key made on first use and shared through a private file, so the
    phone simulator can sign webhooks without a Twilio account (and without any
    built-in secret)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip()


def signing_key(settings: Settings, local_key_file: Path = LOCAL_KEY_FILE) -> str:
    """The key webhook signatures are made with: TWILIO_AUTH_TOKEN, or without a
    Twilio account the simulator's local key."""
    return settings.twilio_auth_token or _local_key(local_key_file)


def public_url(settings: Settings, path: str, query: str = "") -> str:
    """The address Twilio called: PUBLIC_BASE_URL plus the request path. Behind a proxy
    the server's own idea of its URL is wrong, and the signature covers the URL."""
    return settings.public_base_url + path + (f"?{query}" if query else "")


def sign(key: str, url: str, params: Mapping[str, str]) -> str:
    """The ``X-Twilio-Signature`` value Twilio would send for this request."""
    return RequestValidator(key).compute_signature(url, dict(params))


def is_valid(key: str, url: str, params: Mapping[str, str], signature: str | None) -> bool:
    """True if ``signature`` is Twilio's signature of ``url`` and ``params``."""
    if not signature:
        return False
    return RequestValidator(key).validate(url, dict(params), signature)
