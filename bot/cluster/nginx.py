"""The nginx configuration that spreads requests over the replicas.

Three entry points, one per kind of HTTP process. Only the website's is public: it
serves the site and sends Twilio's signed SMS webhook (``/webhooks/twilio_sms/``, and
nothing else of Rasa) to the Rasa replicas. The Rasa entry (its web chat channel and
HTTP API, for the web app and the worker) and the action server's entry (which Rasa
calls) are for the service's own processes: in production they sit on the private
network only. Round robin, so consecutive messages of one conversation land on
different Rasa replicas: the tracker store and the lock store keep the conversation
whole.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bot.messaging.routes import SMS_WEBHOOKS

TEMPLATE = """\
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    # No access log: request lines may carry phone numbers (/conversations/<number>).
    access_log off;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
{upstreams}
{servers}
}}
"""

UPSTREAM = """\
    upstream {name} {{
{members}
        keepalive 32;
    }}"""

LOCATION = """\
        location {path} {{
            client_max_body_size {max_body};
            proxy_pass http://{name};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 120s;
            proxy_next_upstream error timeout;
        }}"""

SERVER = """\
    server {{
        listen 127.0.0.1:{port};
{locations}
    }}"""

# The one part of Rasa that the public entry serves: Twilio's signed webhooks
# (SMS_WEBHOOKS). The web chat channel and Rasa's HTTP API are never routed from outside.
PUBLIC_ENTRY = "web"


# Bodies no process reads: the web app's own limit (staff's feed uploads) and Rasa's
# (bot/launch/rasa_server.py; a text webhook is a few kilobytes) and the action
# server's (Sanic's default: Rasa sends it whole conversations).
MAX_BODY = {"web": "20m", "rasa": "64k", "actions": "100m"}


def _server(name: str, port: int) -> str:
    locations = [LOCATION.format(path="/", name=name, max_body=MAX_BODY[name])]
    if name == PUBLIC_ENTRY:
        locations.append(LOCATION.format(path=SMS_WEBHOOKS, name="rasa", max_body=MAX_BODY["rasa"]))
    return SERVER.format(port=port, locations="\n".join(locations))


def nginx_binary() -> str:
    """Debian's nginx; a clear error when it is not installed."""
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if not found:
        raise RuntimeError("nginx is not installed: apt-get install nginx (Debian's package)")
    return found


def write_config(directory: Path, entries: dict[str, tuple[int, list[int]]]) -> Path:
    """Write nginx.conf into ``directory``: for each name (``web``, ``rasa``,
    ``actions``), an entry port and the ports of its replicas. Returns the file's path."""
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    upstreams = "\n".join(
        UPSTREAM.format(
            name=name,
            members="\n".join(f"        server 127.0.0.1:{port};" for port in ports),
        )
        for name, (_, ports) in entries.items()
    )
    servers = "\n".join(_server(name, entry) for name, (entry, _) in entries.items())
    # As root, nginx's workers would otherwise switch to a user that cannot write here.
    user = "user root;\n" if os.geteuid() == 0 else ""
    path = directory / "nginx.conf"
    path.write_text(TEMPLATE.format(user=user, dir=directory, upstreams=upstreams, servers=servers))
    return path


def nginx_command(config: Path) -> list[str]:
    """nginx in the foreground with ``config``."""
    return [nginx_binary(), "-p", str(config.parent), "-c", str(config), "-g", "daemon off;"]
