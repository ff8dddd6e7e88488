"""``python -m bot.cluster``: run the local cluster until Ctrl-C (`make cluster`)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from bot.cluster import Cluster, Sizes
from bot.config import VAR_DIR, default_tracker_store_url, load_settings


def main() -> None:
    """Start the cluster, print its addresses, stop it on Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for kind in ("rasa", "actions", "web", "worker"):
        parser.add_argument(f"--{kind}", type=int, default=2, help=f"{kind} replicas")
    args = parser.parse_args()
    settings = load_settings()
    if not settings.database_url.startswith("postgresql"):
        parser.error("DATABASE_URL must name a PostgreSQL database (make cluster sets one)")
    if not settings.redis_url:
        parser.error("REDIS_URL must name the Redis server for Rasa's lock store")
    tracker_store_url = settings.tracker_store_url
    if tracker_store_url == default_tracker_store_url():
        # One database for both unless the operator splits them.
        tracker_store_url = settings.database_url
    env = {
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "TRACKER_STORE_URL": tracker_store_url,
    }
    sizes = Sizes(rasa=args.rasa, actions=args.actions, web=args.web, worker=args.worker)
    print(f"Starting {sizes} on {env['DATABASE_URL']} (logs in var/cluster) ...", flush=True)
    cluster = Cluster(VAR_DIR / "cluster", env, sizes).start()
    print(f"web:  {cluster.web_url}\nrasa: {cluster.rasa_url} (token {cluster.token})")
    print("Every process answers its health check. Ctrl-C stops them all.", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        while not stop.wait(5):
            dead = [r.name for r in cluster.replicas if r.process and r.process.poll() is not None]
            if dead:
                print(
                    f"stopped unexpectedly: {', '.join(dead)} (see var/cluster/)", file=sys.stderr
                )
                break
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
