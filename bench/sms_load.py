"""SMS load benchmark: 20 phones, 2,000 texts through the signed Twilio webhook.

Starts the real Rasa server (trained model) and action server on a fresh SQLite
database with the demo data, with replies going through the outbound gate to a
local Twilio-compatible server. The same conversations then run through the web
chat channel (a plain request-and-answer channel, the "REST" baseline) on the same
model, in the same run. Prints each figure as
`name: value`:

- sms.ack.p50_ms / p95 / p99: how long the webhook takes to answer Twilio;
- sms.e2e.p50_ms / p95 / p99: from sending a text to the last part of its reply
  reaching the Twilio API;
- rest.e2e.p50_ms / p95 / p99: the web chat channel's request time for the same texts;
- sms.e2e_over_rest.p95: the ratio of the two p95s.

    .venv/bin/python bench/sms_load.py [--phones 20] [--messages 2000]

Needs models/current.tar.gz (`make model`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.identity import new_web_sender  # noqa: E402
from bot.messaging.routes import WEBHOOK_PATH  # noqa: E402
from bot.messaging.signing import sign  # noqa: E402
from bot.messaging.text import sms_safe, split_parts  # noqa: E402
from bot.web.chat import WEB_CHAT_PATH  # noqa: E402
from tests.support.servers import WEB_CHAT_SECRET, RasaStack  # noqa: E402

ACCOUNT = "AC" + "9" * 32
TOKEN = "bench-auth-token"
FROM = "+18605550000"
PUBLIC = "https://sms.bench.test"

# What people text, in conversation order; each phone cycles through it.
SCRIPT = [
    "hi", "jobs in Hartford", "2", "more", "warehouse jobs in Waterbury", "1",
    "actually new britain", "thanks", "am i eligible for free training", "yes", "no",
    "what is this program", "find courses in excel", "cna jobs 06510", "3", "menu",
    "jobs near me", "Meriden", "more", "bye",
]  # fmt: skip


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def prepare_database(workdir: Path, server: str | None) -> str:
    """A fresh database with the demo jobs and courses: a SQLite file, or a new schema
    on the PostgreSQL server ``server``."""
    url = f"sqlite:///{workdir / 'bench.db'}"
    if server:
        schema = f"bench_sms_{uuid.uuid4().hex[:8]}"
        with create_engine(server, future=True).begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = str(make_url(server).update_query_dict({"options": f"-csearch_path={schema}"}))
    env = {**os.environ, "DATABASE_URL": url}
    for command in (["migrate"], ["load-demo"]):
        subprocess.run(
            [sys.executable, "-m", "bot.cli", *command],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return url


def run_rest(stack: RasaStack, scripts: list[list[str]]) -> tuple[list[float], list[list[int]]]:
    """Each script through the web chat channel (the REST baseline: one HTTP request
    per message, answered with its replies); returns request times (ms) and, per
    text, how many SMS parts its replies make."""
    times: list[float] = []
    parts: list[list[int]] = [[] for _ in scripts]
    lock = threading.Lock()

    def phone(index: int) -> None:
        sender = new_web_sender()
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {WEB_CHAT_SECRET}"
        for body in scripts[index]:
            start = time.perf_counter()
            response = session.post(
                f"{stack.url}{WEB_CHAT_PATH}",
                json={"sender": sender, "message": body},
                timeout=120,
            )
            elapsed = (time.perf_counter() - start) * 1000
            texts = [m["text"] for m in response.json() if "text" in m]
            count = sum(len(split_parts(sms_safe(text))) for text in texts)
            with lock:
                times.append(elapsed)
            parts[index].append(count)

    run_threads(phone, len(scripts))
    return times, parts


class RemoteTwilio:
    """The local Twilio-compatible server, run in a process of its own so the
    benchmark's client threads do not share its interpreter (and its GIL)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.twilio_server", ACCOUNT, TOKEN],
            cwd=Path(__file__).resolve().parent.parent,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.base_url = self.process.stdout.readline().strip()
        self.http = threading.local()

    def wait_for(self, number: str, count: int, timeout: float = 60) -> list[dict]:
        """Messages to ``number`` once there are ``count`` (fewer after ``timeout``)."""
        if not hasattr(self.http, "session"):
            self.http.session = requests.Session()
        response = self.http.session.get(
            f"{self.base_url}/_wait",
            params={"to": number, "count": count, "timeout": timeout},
            timeout=timeout + 30,
        )
        return response.json()["messages"]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def run_sms(
    stack: RasaStack, twilio: RemoteTwilio, scripts: list[list[str]], parts: list[list[int]]
) -> tuple[list[float], list[float], int]:
    """Each script as texts through the signed webhook; returns acknowledgement times,
    end-to-end times (ms) and how many texts got a different number of parts than
    the REST run predicted."""
    acks: list[float] = []
    e2e: list[float] = []
    mismatches = [0]
    lock = threading.Lock()

    def phone(index: int) -> None:
        number = f"+1860777{index:04d}"
        session = requests.Session()
        # Texts an earlier run (the warm-up) left for this number are not replies here.
        received = len(twilio.wait_for(number, 0, timeout=0))
        for body, expected in zip(scripts[index], parts[index], strict=True):
            params = {
                "MessageSid": f"SM{uuid.uuid4().hex}",
                "AccountSid": ACCOUNT,
                "From": number,
                "To": FROM,
                "Body": body,
                "NumMedia": "0",
            }
            headers = {"X-Twilio-Signature": sign(TOKEN, PUBLIC + WEBHOOK_PATH, params)}
            start = time.monotonic()
            response = session.post(
                stack.url + WEBHOOK_PATH, data=params, headers=headers, timeout=60
            )
            ack = (time.monotonic() - start) * 1000
            assert response.status_code == 200, response.text
            messages = twilio.wait_for(number, received + expected, timeout=60)
            if len(messages) != received + expected:
                with lock:
                    mismatches[0] += 1
            last = min(len(messages), received + expected) - 1
            done = messages[last]["at"] if expected and last >= 0 else start
            received = len(messages)
            with lock:
                acks.append(ack)
                e2e.append((done - start) * 1000)

    run_threads(phone, len(scripts))
    return acks, e2e, mismatches[0]


def run_threads(target, count: int) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=20)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on a new schema of this PostgreSQL server instead of a SQLite file",
    )
    args = parser.parse_args()
    per_phone = args.messages // args.phones
    scripts = [
        [SCRIPT[(offset + n) % len(SCRIPT)] for n in range(per_phone)]
        for offset in range(args.phones)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        database_url = prepare_database(workdir, args.postgres)
        twilio = RemoteTwilio()
        env = {
            "TWILIO_ACCOUNT_SID": ACCOUNT,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "TWILIO_FROM_NUMBER": FROM,
            "TWILIO_API_BASE_URL": twilio.base_url,
            "PUBLIC_BASE_URL": PUBLIC,
            "SMS_RATE_LIMIT_PER_MINUTE": "100000",
            "LOG_LEVEL": "WARNING",
        }
        stack = RasaStack(database_url, workdir, env=env).start()
        try:
            warm = [SCRIPT[:5] for _ in range(2)]
            _, warm_parts = run_rest(stack, warm)
            run_sms(stack, twilio, warm, warm_parts)
            rest_times, parts = run_rest(stack, scripts)
            acks, e2e, mismatches = run_sms(stack, twilio, scripts, parts)
        finally:
            stack.stop()
            twilio.stop()
    rest_p95 = percentile(rest_times, 95)
    print(f"sms.database: {'postgresql' if args.postgres else 'sqlite'}")
    print(f"sms.phones: {args.phones}")
    print(f"sms.messages: {len(acks)}")
    for name, values in (("sms.ack", acks), ("sms.e2e", e2e), ("rest.e2e", rest_times)):
        for pct in (50, 95, 99):
            print(f"{name}.p{pct}_ms: {percentile(values, pct):.1f}")
    print(f"sms.e2e_over_rest.p95: {percentile(e2e, 95) / rest_p95:.2f}")
    print(f"sms.part_count_mismatches: {mismatches}")


if __name__ == "__main__":
    main()
