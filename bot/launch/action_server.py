"""``python -m bot.launch.action_server [--port 5055] [--host 127.0.0.1]``: rasa-sdk's
action server, answering only the Rasa server.

rasa-sdk's own ``rasa run actions`` listens on every interface and runs whatever
action a caller names with whatever slots it sends, so anyone who reached it could,
say, line up the erasure of any person. Here it listens on ``--host`` (loopback by
default; the private network's address in a cluster) and refuses every call but the
health check without the header Rasa sends from ``endpoints.yml``:
``X-Action-Secret: <ACTION_SERVER_SECRET>``.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import sys

from bot.config import load_settings

SECRET_HEADER = "X-Action-Secret"
OPEN_PATHS = frozenset({"/health"})

log = logging.getLogger("bot.launch.action_server")


def authorized(secret: str, header: str | None) -> bool:
    """True when ``header`` carries ``secret``."""
    return bool(header) and hmac.compare_digest(header.encode(), secret.encode())


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--host", default=load_settings().action_server_host)
    parser.add_argument("--actions", default="actions", help="the package of actions")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Start the action server; exits with a message when the secret is not set."""
    args = _arguments(argv)
    settings = load_settings()
    secret = settings.action_server_secret
    if not secret:
        sys.exit("ACTION_SERVER_SECRET is not set: the action server must know its caller.")
    from rasa_sdk import utils
    from rasa_sdk.endpoint import create_app
    from sanic import response

    utils.configure_colored_logging(settings.log_level)
    utils.update_sanic_log_level()
    app = create_app(args.actions, cors_origins=None)

    @app.on_request
    async def only_rasa(request):
        if request.path in OPEN_PATHS:
            return None
        if not authorized(secret, request.headers.get(SECRET_HEADER)):
            log.warning("refused a call to %s without the action server secret", request.path)
            return response.json({"error": "only the Rasa server may call this"}, status=401)
        return None

    log.info("action server listening on %s:%s", args.host, args.port)
    app.run(args.host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
