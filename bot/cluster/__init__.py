"""A local cluster of the service: replicas of rasa, actions, web and worker behind nginx.

The production profile, on one machine: every process gets its settings from the
environment only (DATABASE_URL and TRACKER_STORE_URL on PostgreSQL, REDIS_URL for
Rasa's lock store), and nginx spreads the HTTP traffic. ``python -m bot.cluster``
runs it until Ctrl-C; the tests and ``bench/cluster_load.py`` drive the same class.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bot.cluster import processes
from bot.cluster.nginx import nginx_command, write_config

STARTUP_SECONDS = 300


@dataclass
class Replica:
    """One process of the cluster: how to start it and where it answers health checks."""

    name: str
    args: list[str]
    health_url: str
    port: int
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None


@dataclass(frozen=True)
class Sizes:
    """How many replicas of each process."""

    rasa: int = 2
    actions: int = 2
    web: int = 2
    worker: int = 2


class Cluster:
    """Start, watch and stop the replicas and nginx.

    ``env`` must name DATABASE_URL, TRACKER_STORE_URL and REDIS_URL; anything else in
    it (Twilio settings, PUBLIC_BASE_URL...) reaches every process.
    """

    def __init__(self, workdir: Path, env: dict[str, str], sizes: Sizes = Sizes()) -> None:
        missing = [k for k in ("DATABASE_URL", "TRACKER_STORE_URL", "REDIS_URL") if not env.get(k)]
        if missing:
            raise ValueError("the cluster needs " + ", ".join(missing))
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.token = env.get("RASA_TOKEN") or secrets.token_hex(16)
        self.web_chat_secret = env.get("WEB_CHAT_SECRET") or secrets.token_hex(16)
        self.action_server_secret = env.get("ACTION_SERVER_SECRET") or secrets.token_hex(16)
        self.entries = {name: processes.free_port() for name in ("web", "rasa", "actions")}
        self.replicas: list[Replica] = []
        for n in range(sizes.actions):
            port = processes.free_port()
            self._add(f"actions-{n + 1}", processes.actions_command(port), port, "/health")
        for n in range(sizes.rasa):
            port = processes.free_port()
            args = processes.rasa_command(port)
            self._add(f"rasa-{n + 1}", args, port, f"/status?token={self.token}")
        for n in range(sizes.web):
            port = processes.free_port()
            self._add(f"web-{n + 1}", processes.web_command(port), port, "/healthz")
        for n in range(sizes.worker):
            port = processes.free_port()
            replica = self._add(f"worker-{n + 1}", processes.worker_command(), port, "/health")
            replica.env["WORKER_HEALTH_PORT"] = str(port)
        self.env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "PUBLIC_BASE_URL": self.web_url,
            # Sessions signed by one web replica must be good on the other.
            "SECRET_KEY": secrets.token_hex(32),
            **env,
            "RASA_TOKEN": self.token,
            "WEB_CHAT_SECRET": self.web_chat_secret,
            "ACTION_SERVER_SECRET": self.action_server_secret,
            "RASA_URL": self.rasa_url,
            "ACTION_SERVER_URL": f"{self.actions_url}/webhook",
        }
        self.nginx: subprocess.Popen | None = None

    def _add(self, name: str, args: list[str], port: int, health: str) -> Replica:
        replica = Replica(name, args, f"http://127.0.0.1:{port}{health}", port)
        self.replicas.append(replica)
        return replica

    @property
    def web_url(self) -> str:
        """The public entry, through nginx: the website and the SMS webhooks."""
        return f"http://127.0.0.1:{self.entries['web']}"

    @property
    def rasa_url(self) -> str:
        """Rasa's web chat channel and API, through nginx: for the service's own
        processes, never public."""
        return f"http://127.0.0.1:{self.entries['rasa']}"

    @property
    def actions_url(self) -> str:
        """The action servers, through nginx (Rasa calls them here)."""
        return f"http://127.0.0.1:{self.entries['actions']}"

    def replica(self, name: str) -> Replica:
        """The replica called ``name`` (``rasa-1``, ``worker-2``...)."""
        return next(r for r in self.replicas if r.name == name)

    def url_of(self, name: str) -> str:
        """The address of one replica, bypassing nginx."""
        return f"http://127.0.0.1:{self.replica(name).port}"

    def log_of(self, name: str) -> Path:
        """The file that replica ``name`` writes its output to."""
        return self.workdir / f"{name}.log"

    def start_replica(self, name: str) -> None:
        """Start one replica (again) and wait until its health check passes."""
        replica = self.replica(name)
        env = {**self.env, **replica.env}
        replica.process = processes.start(replica.args, env, self.log_of(name))
        processes.wait_until_up(
            replica.health_url, replica.process, self.log_of(name), STARTUP_SECONDS
        )

    def stop_replica(self, name: str) -> None:
        """Stop one replica (SIGTERM, as a platform would)."""
        replica = self.replica(name)
        if replica.process is not None:
            processes.stop([replica.process])
            replica.process = None

    def start(self) -> Cluster:
        """Start nginx and every replica; return once all health checks pass."""
        config = write_config(
            self.workdir / "nginx",
            {
                kind: (port, [r.port for r in self.replicas if r.name.startswith(kind + "-")])
                for kind, port in self.entries.items()
            },
        )
        self.nginx = processes.start(nginx_command(config), self.env, self.log_of("nginx"))
        try:
            for replica in self.replicas:
                env = {**self.env, **replica.env}
                replica.process = processes.start(replica.args, env, self.log_of(replica.name))
            for replica in self.replicas:
                processes.wait_until_up(
                    replica.health_url, replica.process, self.log_of(replica.name), STARTUP_SECONDS
                )
            processes.wait_until_up(f"{self.web_url}/healthz", self.nginx, self.log_of("nginx"), 30)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop every replica, then nginx."""
        running = [r.process for r in self.replicas if r.process is not None]
        processes.stop(running + ([self.nginx] if self.nginx else []))
        for replica in self.replicas:
            replica.process = None
        self.nginx = None
