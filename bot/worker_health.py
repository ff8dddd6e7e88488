"""The worker's health endpoint: GET /health answers 200 while its ticks succeed.

The worker has no other HTTP side; the cluster script, nginx-less container
platforms and operators probe this (WORKER_HEALTH_PORT; unset means none).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STALE_AFTER_TICKS = 4
MIN_STALE_SECONDS = 60.0


class Heartbeat:
    """When the worker last finished a tick, and whether it failed."""

    def __init__(self, tick_seconds: float) -> None:
        self.stale_after = max(STALE_AFTER_TICKS * tick_seconds, MIN_STALE_SECONDS)
        self.last_ok = time.monotonic()
        self.last_error: str | None = None

    def ok(self) -> None:
        """A tick finished."""
        self.last_ok, self.last_error = time.monotonic(), None

    def failed(self, error: BaseException) -> None:
        """A tick raised ``error``."""
        self.last_error = type(error).__name__

    def report(self) -> tuple[int, dict]:
        """The HTTP status and body of a health check."""
        age = time.monotonic() - self.last_ok
        healthy = age <= self.stale_after
        body = {"status": "ok" if healthy else "stale", "seconds_since_tick": round(age, 1)}
        if self.last_error:
            body["last_error"] = self.last_error
        return (200 if healthy else 503), body


def serve(heartbeat: Heartbeat, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """Answer GET /health on ``host:port`` from a background thread."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            status, body = heartbeat.report() if self.path == "/health" else (404, {})
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args) -> None:  # probes every few seconds: not worth a line
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True, name="worker-health").start()
    return server
