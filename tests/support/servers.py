"""Starting the real Rasa and action servers for conversation tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import requests
from werkzeug.serving import make_server

from bot.cluster import processes
from bot.cluster.processes import free_port, wait_until_up
from bot.config import load_settings
from bot.web import create_app
from bot.web.chat import ask_assistant

VENV_BIN = Path(sys.executable).parent
STARTUP_SECONDS = 240
# What the test web apps and test Rasa servers share, as WEB_CHAT_SECRET would.
WEB_CHAT_SECRET = "test-web-chat-secret"
ACTION_SERVER_SECRET = "test-action-server-secret"


class RasaStack:
    """A Rasa server with the trained model plus an action server on free ports."""

    def __init__(
        self,
        database_url: str,
        workdir: Path,
        token: str = "test-token",
        env: dict[str, str] | None = None,
    ) -> None:
        self.database_url = database_url
        self.workdir = workdir
        self.token = token
        self.extra_env = env or {}
        self.action_port = free_port()
        self.rasa_port = free_port()
        self.processes: list[subprocess.Popen] = []

    @property
    def tracker_store_url(self) -> str:
        """Conversations: beside the test's tables on PostgreSQL, their own SQLite file."""
        if self.database_url.startswith("sqlite"):
            return f"sqlite:///{self.workdir / 'tracker.db'}"
        return self.database_url

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        process = processes.start(args, env, self.workdir / f"{name}.log")
        self.processes.append(process)
        return process

    def start(self) -> RasaStack:
        if not processes.MODEL.exists():
            raise RuntimeError(
                f"{processes.MODEL} is missing: `make test` trains it before running pytest"
            )
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "RASA_TELEMETRY_ENABLED": "false",
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.action_port}/webhook",
            "TRACKER_STORE_URL": self.tracker_store_url,
            "WEB_CHAT_SECRET": WEB_CHAT_SECRET,
            "ACTION_SERVER_SECRET": ACTION_SERVER_SECRET,
            "RASA_TOKEN": self.token,
            **self.extra_env,
        }
        actions = self._start("actions", processes.actions_command(self.action_port), env)
        server = self._start("rasa", processes.rasa_command(self.rasa_port), env)
        wait_until_up(
            f"http://127.0.0.1:{self.action_port}/health",
            actions,
            self.workdir / "actions.log",
            STARTUP_SECONDS,
        )
        wait_until_up(
            f"{self.url}/status?token={self.token}",
            server,
            self.workdir / "rasa.log",
            STARTUP_SECONDS,
        )
        return self

    def stop(self) -> None:
        processes.stop(self.processes)

    def events(self, sender: str) -> list[dict]:
        """``sender``'s conversation as Rasa's HTTP API returns it."""
        response = requests.get(
            f"{self.url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        response.raise_for_status()
        return response.json()["events"]

    def say(self, sender: str, text: str) -> list[str]:
        """Send ``text`` as the web app does (the web chat channel, ``sender`` a web id);
        return the texts of the replies."""
        return ask_assistant(self.url, WEB_CHAT_SECRET, sender, text)


def twilio_env(twilio) -> dict[str, str]:
    """Settings that send a web app's texts through the real twilio client to the local
    Twilio server ``twilio`` (the ``twilio_server`` fixture)."""
    from tests.conftest import TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER

    return {
        "TWILIO_ACCOUNT_SID": TWILIO_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": TWILIO_FROM_NUMBER,
        "TWILIO_API_BASE_URL": twilio.base_url,
    }


class LiveServer:
    """The Flask app served on a free local port in a background thread."""

    def __init__(self, database_url: str, env: dict[str, str] | None = None) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.database_url = database_url
        settings = load_settings(
            {
                "DATABASE_URL": database_url,
                # No conversations unless a test points this at a Rasa tracker store.
                "TRACKER_STORE_URL": database_url,
                "PUBLIC_BASE_URL": self.url,
                "WEB_CHAT_SECRET": WEB_CHAT_SECRET,
                **(env or {}),
            }
        )
        self.server = make_server("127.0.0.1", port, create_app(settings), threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def get(self, path: str, allow_redirects: bool = True, **params) -> requests.Response:
        return requests.get(
            self.url + path, params=params, timeout=30, allow_redirects=allow_redirects
        )

    def post(self, path: str, data: dict[str, str]) -> requests.Response:
        return requests.post(self.url + path, data=data, timeout=30, allow_redirects=False)

    def stop(self) -> None:
        self.server.shutdown()


FULL_NUMBER = re.compile(r"(?:\+|%2B)1\d{10}(?!\d)", re.IGNORECASE)


def full_numbers_in_logs(directory: Path) -> dict[str, list[str]]:
    """Every full phone number written to a ``*.log`` file under ``directory``, by file."""
    found = {}
    for log in sorted(directory.glob("*.log")):
        numbers = FULL_NUMBER.findall(log.read_text(errors="replace"))
        if numbers:
            found[log.name] = sorted(set(numbers))[:5]
    return found


def form_token(page: str) -> str:
    """The CSRF token a portal page put in its forms."""
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def post_form(
    browser: requests.Session,
    server: LiveServer,
    form_page: str,
    action: str,
    data: dict,
    files: dict | None = None,
) -> requests.Response:
    """Open ``form_page`` as ``browser`` does, then post ``data`` with its form token to
    ``action``, following redirects."""
    token = form_token(browser.get(server.url + form_page, timeout=30).text)
    return browser.post(
        server.url + action, data={"csrf_token": token, **data}, files=files, timeout=30
    )
