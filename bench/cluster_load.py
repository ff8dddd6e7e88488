"""Cluster load benchmark: the SMS benchmark's load through nginx, 1 then 2 Rasa replicas.

In one run, for each number of Rasa replicas: a fresh PostgreSQL schema with the demo
data (job store and Rasa's tracker store), Redis as Rasa's lock store, and the local
cluster of bot/cluster (2 action servers, 1 web, 1 worker, nginx) with the local
Twilio-compatible server. The 20 phones of bench/sms_load.py then text through the
signed webhook at nginx's Rasa entry, each waiting for its reply before the next
text, as people do. Prints each figure as `name: value`:

- cluster.msgs_per_s.replicas_N: texts answered per second over the whole SMS run;
- cluster.p95_ms.replicas_N: 95th percentile from sending a text to the last part of
  its reply reaching the Twilio API;
- cluster.cores: the CPU cores of the machine, which bound what replicas can add.

    .venv/bin/python bench/cluster_load.py [--phones 20] [--messages 2000]
        [--postgres postgresql://postgres@127.0.0.1:5432/test] [--redis redis://127.0.0.1:6379/1]

Needs models/current.tar.gz (`make model`), PostgreSQL, Redis and nginx.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sms_load  # noqa: E402

from bot.cluster import Cluster, Sizes  # noqa: E402


def run(replicas: int, args, scripts, parts, workdir: Path, twilio) -> tuple[float, float, list]:
    """One cluster size: returns texts per second, e2e p95 (ms) and the part counts."""
    database_url = sms_load.prepare_database(workdir, args.postgres)
    env = {
        "DATABASE_URL": database_url,
        "TRACKER_STORE_URL": database_url,
        "REDIS_URL": args.redis,
        "TWILIO_ACCOUNT_SID": sms_load.ACCOUNT,
        "TWILIO_AUTH_TOKEN": sms_load.TOKEN,
        "TWILIO_FROM_NUMBER": sms_load.FROM,
        "TWILIO_API_BASE_URL": twilio.base_url,
        "PUBLIC_BASE_URL": sms_load.PUBLIC,
        "SMS_RATE_LIMIT_PER_MINUTE": "100000",
        "LOG_LEVEL": "WARNING",
    }
    sizes = Sizes(rasa=replicas, actions=2, web=1, worker=1)
    cluster = Cluster(workdir / f"replicas_{replicas}", env, sizes).start()
    try:
        entry = types.SimpleNamespace(url=cluster.rasa_url)
        if parts is None:
            # Only the first size: the replies' part counts, which the SMS run waits for.
            _, parts = sms_load.run_rest(entry, scripts)
        warm = [sms_load.SCRIPT[:5] for _ in range(2)]
        _, warm_parts = sms_load.run_rest(entry, warm)
        sms_load.run_sms(entry, twilio, warm, warm_parts)
        start = time.monotonic()
        _, e2e, mismatches = sms_load.run_sms(entry, twilio, scripts, parts)
        elapsed = time.monotonic() - start
    finally:
        cluster.stop()
    if mismatches:
        print(f"cluster.part_count_mismatches.replicas_{replicas}: {mismatches}")
    return len(e2e) / elapsed, sms_load.percentile(e2e, 95), parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=20)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/1")
    args = parser.parse_args()
    per_phone = args.messages // args.phones
    scripts = [
        [sms_load.SCRIPT[(offset + n) % len(sms_load.SCRIPT)] for n in range(per_phone)]
        for offset in range(args.phones)
    ]
    results = {}
    parts = None
    with tempfile.TemporaryDirectory() as tmp:
        for replicas in (1, 2):
            twilio = sms_load.RemoteTwilio()
            try:
                rate, p95, parts = run(replicas, args, scripts, parts, Path(tmp), twilio)
            finally:
                twilio.stop()
            results[replicas] = (rate, p95)
    print(f"cluster.cores: {os.cpu_count()}")
    print(f"cluster.messages: {per_phone * args.phones}")
    for replicas, (rate, p95) in results.items():
        print(f"cluster.msgs_per_s.replicas_{replicas}: {rate:.2f}")
        print(f"cluster.p95_ms.replicas_{replicas}: {p95:.1f}")


if __name__ == "__main__":
    main()
