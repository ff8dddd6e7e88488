"""How each of the service's processes is started, and how to wait until it is up.

One place for the command lines: the local cluster (bot/cluster), the tests and
the benchmarks start processes with these. The Procfile says the same for
`make run`.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from bot.cli import MODEL_DIR, MODEL_NAME
from bot.config import PROJECT_ROOT, load_settings

VENV_BIN = Path(sys.executable).parent
MODEL = MODEL_DIR / f"{MODEL_NAME}.tar.gz"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rasa_command(port: int) -> list[str]:
    """A Rasa server with the trained model and its HTTP API; the token comes from
    ``RASA_TOKEN`` in the process's environment, never the command line."""
    return [
        sys.executable, "-m", "bot.launch.rasa_server",
        "--interface", "127.0.0.1", "--port", str(port), "--model", str(MODEL),
        "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
    ]  # fmt: skip


def actions_command(port: int, host: str = "127.0.0.1") -> list[str]:
    """An action server running ``actions/`` on ``host`` only (loopback by default),
    answering only callers with ``ACTION_SERVER_SECRET``, niced: conversation work
    yields the CPU to the Rasa server's loop, which must answer Twilio's webhooks at
    once."""
    return [
        "nice", "-n", str(load_settings().background_niceness),
        sys.executable, "-m", "bot.launch.action_server", "--port", str(port), "--host", host,
    ]  # fmt: skip


def web_command(port: int, threads: int = 8) -> list[str]:
    """The Flask app under gunicorn (one process, ``threads`` threads)."""
    return [
        str(VENV_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1",
        "--threads", str(threads), "--access-logfile", "-", "--access-logformat",
        '%(m)s %(U)s %(s)s %(M)sms', "bot.web:create_app()",
    ]  # fmt: skip


def worker_command() -> list[str]:
    """The follow-up worker, niced like the action server."""
    return [
        "nice",
        "-n",
        str(load_settings().background_niceness),
        sys.executable,
        "-m",
        "bot.cli",
        "worker",
    ]


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start ``args`` from the project root with its output in ``log``."""
    return subprocess.Popen(
        args, cwd=PROJECT_ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


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


def stop(processes: list[subprocess.Popen], timeout: float = 20) -> None:
    """SIGTERM each process, then SIGKILL what has not exited after ``timeout``."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
