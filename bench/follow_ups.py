"""Follow-up dispatch benchmark: 10,000 due reminders on PostgreSQL, 1 then 2 workers.

Measures the worker's own path: claiming rows (FOR UPDATE SKIP LOCKED), checking
them, calling the assistant's trigger_intent endpoint and marking them sent, with
the text going into the outbound gate (local outbox). The assistant is a stand-in
HTTP server, in three processes on one port like Rasa replicas behind one address,
that does what Rasa's SMS output channel does with a reminder (one text through the
real gate, keyed by the follow-up), so the figure is the worker's dispatch rate, not
the model's: through the real Rasa server on this 2-core machine the model itself
is the limit (tests/learners/test_follow_up_delivery.py delivers through it).

Prints `name: value` lines: follow_ups.dispatch_per_s.workers_1 / workers_2,
follow_ups.duplicates (texts beyond one per reminder), follow_ups.lost (reminders not
sent), follow_ups.redeliveries (events sent twice; the gate makes them harmless).

    .venv/bin/python bench/follow_ups.py [--reminders 10000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import load_settings  # noqa: E402
from bot.courses.catalog import import_shipped_catalog  # noqa: E402
from bot.db import session_scope  # noqa: E402
from bot.db.engine import dispose_all  # noqa: E402
from bot.db.migrate import upgrade  # noqa: E402
from bot.db.models import FollowUp, OutboundMessage  # noqa: E402
from bot.messaging.gate import PROACTIVE, OutboundGate  # noqa: E402
from bot.messaging.transport import OutboxTransport  # noqa: E402
from tests.support.follow_up_factory import due_reminders  # noqa: E402


def make_database(server: str) -> str:
    schema = f"bench_follow_ups_{uuid.uuid4().hex[:8]}"
    with create_engine(server, future=True).begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = str(make_url(server).update_query_dict({"options": f"-csearch_path={schema}"}))
    upgrade(url)
    with session_scope(url) as session:
        import_shipped_catalog(session)
    return url


def add_due_reminders(url: str, count: int) -> None:
    """A clean slate, then ``count`` learners with a reminder due now."""
    with session_scope(url) as session:
        for table in ("outbound_messages", "follow_ups", "enrollments", "people"):
            session.execute(text(f"DELETE FROM {table}"))
    due_reminders(url, [f"+1860{n:07d}" for n in range(count)])


STAND_IN_PROCESSES = 3


class _ReusePortServer(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self) -> None:
        # Several processes listen on one port, as Rasa replicas behind one address.
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        super().server_bind()


def serve_stand_in(url: str, port: int, calls_file: Path) -> None:
    """One process of the stand-in assistant: answers trigger_intent like Rasa with the
    SMS output channel (one text per reminder through the outbound gate, keyed by the
    follow-up) and notes each follow-up key it was called with in ``calls_file``."""
    gate = OutboundGate(load_settings({"DATABASE_URL": url}), transport=OutboxTransport())
    calls = calls_file.open("a", buffering=1, encoding="ascii")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body are written separately; without this, Nagle's algorithm and
        # the client's delayed ACK hold every kept-alive response back for ~40 ms.
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            phone = self.path.split("/")[2]
            key = body["entities"]["follow_up"]
            gate.send(phone, "Reminder: how is your course going?", key=f"{key}:1",
                      kind=PROACTIVE)  # fmt: skip
            with lock:
                calls.write(key + "\n")
            payload = b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    _ReusePortServer(("127.0.0.1", port), Handler).serve_forever()


class AssistantStandIn:
    """The assistant's side of a delivery, in STAND_IN_PROCESSES processes (the gate's
    database work would otherwise make one Python process the bottleneck, which Rasa's
    replicas are not). The benchmark measures the worker, not Rasa."""

    def __init__(self, url: str, workdir: Path, processes: int = STAND_IN_PROCESSES) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.calls_files = [workdir / f"calls-{n}.txt" for n in range(processes)]
        self.processes = [
            subprocess.Popen(
                [sys.executable, __file__, "--serve-stand-in", url, str(self.port), str(path)],
                cwd=ROOT, env={**os.environ, "SMS_SEND_WINDOW": "00:00-24:00"},
            )
            for path in self.calls_files
        ]  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            time.sleep(0.1)
        time.sleep(2)  # let every process finish binding

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset_calls(self) -> None:
        for path in self.calls_files:
            path.write_text("", encoding="ascii")

    def calls(self) -> Counter:
        counts: Counter = Counter()
        for path in self.calls_files:
            if path.exists():
                counts.update(path.read_text(encoding="ascii").split())
        return counts

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
            process.wait(timeout=30)


def sent_count(url: str) -> int:
    with session_scope(url) as session:
        return session.execute(
            select(func.count())
            .select_from(FollowUp)
            .where(FollowUp.status == "sent", FollowUp.sequence == 1)
        ).scalar_one()


def run_workers(url: str, stand_in: AssistantStandIn, workers: int, count: int) -> float:
    """Start ``workers`` worker processes; return the dispatch rate (reminders a second)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RASA_URL": stand_in.url,
        "WORKER_TICK_SECONDS": "0.05",
        "SMS_SEND_WINDOW": "00:00-24:00",
    }
    processes = [
        subprocess.Popen([sys.executable, "-m", "bot.cli", "worker"], cwd=ROOT, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(workers)
    ]  # fmt: skip
    try:
        # The clock starts with the first reminder sent, so the workers' start-up
        # (imports, connections) is not counted as dispatch time.
        deadline = time.monotonic() + 1800
        while (first := sent_count(url)) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        start = time.monotonic()
        while sent_count(url) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        elapsed = time.monotonic() - start
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
    return (sent_count(url) - first) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--serve-stand-in", nargs=3, metavar=("URL", "PORT", "FILE"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.serve_stand_in:
        url, port, calls_file = args.serve_stand_in
        serve_stand_in(url, int(port), Path(calls_file))
        return
    url = make_database(args.postgres)
    totals = {"duplicates": 0, "lost": 0, "redeliveries": 0}
    with tempfile.TemporaryDirectory() as workdir:
        stand_in = AssistantStandIn(url, Path(workdir))
        try:
            for workers in (1, 2):
                add_due_reminders(url, args.reminders)
                stand_in.reset_calls()
                rate = run_workers(url, stand_in, workers, args.reminders)
                with session_scope(url) as session:
                    texts = session.execute(
                        select(func.count())
                        .select_from(OutboundMessage)
                        .where(OutboundMessage.idempotency_key.like("reminder:%"))
                    ).scalar_one()
                sent = sent_count(url)
                totals["duplicates"] += max(0, texts - args.reminders)
                totals["lost"] += args.reminders - sent
                totals["redeliveries"] += sum(n - 1 for n in stand_in.calls().values() if n > 1)
                print(f"follow_ups.dispatch_per_s.workers_{workers}: {rate:.1f}", flush=True)
        finally:
            stand_in.stop()
    for name, value in totals.items():
        print(f"follow_ups.{name}: {value}")
    dispose_all()
    schema = make_url(url).query["options"].split("=", 1)[1]
    with create_engine(args.postgres, future=True).begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
