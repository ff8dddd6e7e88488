"""A local Twilio-compatible HTTP server for tests and benchmarks.

It speaks the part of Twilio's REST API the project uses (creating a message) to
the real ``twilio`` client, records what was sent, and can be told to fail: a
status code (500, 429) or a Twilio error code (21610) for the next sends to a number.
"""

from __future__ import annotations

import base64
import json
import re
import sys
import threading
import time
import uuid
from collections import defaultdict, deque
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

_MESSAGES_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<account>AC[0-9a-f]+)/Messages\.json$")


@dataclass(frozen=True)
class Sent:
    """One message the server accepted."""

    sid: str
    to: str
    sender: str
    body: str
    status_callback: str | None
    at: float


@dataclass(frozen=True)
class Failure:
    """How to answer one send: an HTTP status and, optionally, a Twilio error code."""

    status: int
    code: int | None = None


class FakeTwilio:
    """Start with :meth:`start`; ``base_url`` goes into TWILIO_API_BASE_URL."""

    def __init__(self, account_sid: str, auth_token: str) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.sent: list[Sent] = []
        self.rejected: list[tuple[str, int]] = []
        self._failures: dict[str, deque[Failure]] = defaultdict(deque)
        self._lock = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeTwilio:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail_next(self, to: str, *failures: Failure) -> None:
        """Answer the next sends to ``to`` with these failures, in order."""
        with self._lock:
            self._failures[to].extend(failures)

    def to(self, number: str) -> list[Sent]:
        """Messages accepted for ``number``, in the order they arrived."""
        with self._lock:
            return [message for message in self.sent if message.to == number]

    def wait_for(self, number: str, count: int, timeout: float = 60.0) -> list[Sent]:
        """Wait until ``count`` messages to ``number`` arrived; return them all."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                messages = [m for m in self.sent if m.to == number]
                if len(messages) >= count:
                    return messages
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} texts to {number}, got {len(messages)}: "
                        f"{[m.body for m in messages]}"
                    )
                self._lock.wait(remaining)

    def _accept(self, account: str, form: dict[str, str]) -> tuple[int, dict]:
        to = form.get("To", "")
        with self._lock:
            failure = self._failures[to].popleft() if self._failures.get(to) else None
            if failure is not None:
                self.rejected.append((to, failure.status))
                self._lock.notify_all()
                return failure.status, {
                    "code": failure.code or failure.status,
                    "message": "simulated failure",
                    "more_info": "",
                    "status": failure.status,
                }
            message = Sent(
                sid=f"SM{uuid.uuid4().hex}",
                to=to,
                sender=form.get("From") or form.get("MessagingServiceSid", ""),
                body=form.get("Body", ""),
                status_callback=form.get("StatusCallback"),
                at=time.monotonic(),
            )
            self.sent.append(message)
            self._lock.notify_all()
        return 201, {
            "sid": message.sid,
            "account_sid": account,
            "to": message.to,
            "from": form.get("From"),
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "body": message.body,
            "status": "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/{account}/Messages/{message.sid}.json",
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body are written separately; without this, Nagle's algorithm and
            # the client's delayed ACK hold every kept-alive response back for ~40 ms.
            disable_nagle_algorithm = True

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _reply(self, status: int, payload: dict) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                # /_wait?to=<number>&count=<n>&timeout=<s>: the messages to a number once
                # there are n of them, for a client running in another process.
                url = urlparse(self.path)
                if url.path != "/_wait":
                    self._reply(404, {"message": "not found"})
                    return
                query = {key: values[0] for key, values in parse_qs(url.query).items()}
                try:
                    messages = fake.wait_for(
                        query["to"], int(query["count"]), float(query.get("timeout", 60))
                    )
                except AssertionError:
                    messages = fake.to(query["to"])
                self._reply(200, {"messages": [asdict(m) for m in messages]})

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                match = _MESSAGES_PATH.match(self.path)
                if not match:
                    self._reply(404, {"code": 20404, "message": "not found", "status": 404})
                    return
                expected = base64.b64encode(
                    f"{fake.account_sid}:{fake.auth_token}".encode()
                ).decode()
                if self.headers.get("Authorization") != f"Basic {expected}":
                    self._reply(401, {"code": 20003, "message": "auth failed", "status": 401})
                    return
                form = {key: values[0] for key, values in parse_qs(raw).items()}
                status, payload = fake._accept(match["account"], form)
                self._reply(status, payload)

        return Handler


if __name__ == "__main__":
    # python -m tests.support.twilio_server <account_sid> <auth_token>: serve until killed,
    # printing the base URL first (benchmarks run it in a process of its own).
    server = FakeTwilio(sys.argv[1], sys.argv[2])
    print(server.base_url, flush=True)
    server._server.serve_forever()
