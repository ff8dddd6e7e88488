"""Fixtures of the action tests (tests/dialogue/test_*_actions.py)."""

from __future__ import annotations

import pytest

from tests.conftest import load_demo


@pytest.fixture(scope="session")
def actions_url(databases) -> str:
    """Demo data of the action tests' own: their texters enroll and get reminders lined
    up, which must not reach the worker tests that share the conversation database."""
    return load_demo(databases, "actions")


@pytest.fixture
def actions_database(actions_url, monkeypatch) -> str:
    """Actions run against the action tests' database, with a public address for links."""
    monkeypatch.setenv("DATABASE_URL", actions_url)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://backtowork.example.org")
    return actions_url
