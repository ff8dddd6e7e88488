"""Starting the real Rasa and action servers for conversation tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from werkzeug.serving import make_server

from bot.cli import MODEL_DIR, MODEL_NAME
from bot.config import PROJECT_ROOT, load_settings
from bot.priority import BACKGROUND_NICENESS
from bot.web import create_app
from bot.web.chat import ask_assistant

VENV_BIN = Path(sys.executable).parent
STARTUP_SECONDS = 240


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log if it dies or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not start in {timeout:.0f} s:\n{log.read_text()[-4000:]}")


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
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = self.workdir / f"{name}.log"
        process = subprocess.Popen(
            args,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def start(self) -> RasaStack:
        model = MODEL_DIR / f"{MODEL_NAME}.tar.gz"
        if not model.exists():
            raise RuntimeError(f"{model} is missing: `make test` trains it before running pytest")
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "RASA_TELEMETRY_ENABLED": "false",
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.action_port}/webhook",
            **self.extra_env,
        }
        rasa = str(VENV_BIN / "rasa")
        # As in the Procfile: conversation work yields the CPU to the Rasa server's
        # loop, which must answer Twilio's webhooks at once.
        actions = self._start(
            "actions",
            [
                "nice", "-n", str(BACKGROUND_NICENESS),
                rasa, "run", "actions", "--actions", "actions", "--port", str(self.action_port),
            ],
            env,
        )  # fmt: skip
        server = self._start(
            "rasa",
            [
                rasa, "run", "--enable-api", "--auth-token", self.token,
                "--interface", "127.0.0.1", "--port", str(self.rasa_port),
                "--model", str(model), "--endpoints", "endpoints.yml",
                "--credentials", "credentials.yml",
            ],
            env,
        )  # fmt: skip
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
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def say(self, sender: str, text: str) -> list[str]:
        """Send ``text`` through Rasa's REST channel; return the texts of the replies."""
        return ask_assistant(self.url, sender, text)


class LiveServer:
    """The Flask app served on a free local port in a background thread."""

    def __init__(self, database_url: str, env: dict[str, str] | None = None) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        settings = load_settings(
            {"DATABASE_URL": database_url, "PUBLIC_BASE_URL": self.url, **(env or {})}
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
