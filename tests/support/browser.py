"""Real headless Chromium for the website tests: where it is, how it starts, and
what the tests ask of a page (an axe-core accessibility check, keyboard focus)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page

from bot.config import PROJECT_ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium keeps trying hosts this closed
# network refuses.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def accessibility_problems(page: Page) -> list:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (.ci/run does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    assert result["passes"], "axe ran no checks"
    return [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
    ]


def tab_to(page: Page, element_id: str, limit: int = 20) -> int:
    """Press Tab until ``element_id`` has the focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return presses
    raise AssertionError(f"#{element_id} cannot be reached with Tab")
