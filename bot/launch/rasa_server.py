"""``python -m bot.launch.rasa_server [rasa run options]``: Rasa's own ``rasa run``
with its HTTP API on, plus what the plain command line lacks.

- The API token comes from ``RASA_TOKEN`` and never appears on a command line, where
  ``ps`` shows it to every user of the machine.
- Request bodies are capped at ``MAX_REQUEST_BYTES`` before anything reads them: a
  text or chat message is a few kilobytes at most, and the entity model's memory
  grows with the square of a message's length.
- The process is tuned so Twilio's webhooks are answered at once while conversations
  run (:func:`tune_interpreter`, :func:`settle_after_start`): the server's event loop
  only stores and acknowledges texts, the SMS channel's conversation thread and the
  model's compute threads do the rest.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from typing import Any

from bot.config import load_settings
from bot.priority import lower_other_threads

# A 1,600-character text percent-encoded as 4-byte characters is under 20 KB.
MAX_REQUEST_BYTES = 64 * 1024
# How long a thread holds the GIL while another waits for it (Python's default: 5 ms).
SWITCH_INTERVAL_SECONDS = 0.0005


def tune_interpreter() -> None:
    """Hand the GIL over sooner, so the server's loop gets it quickly while a
    conversation is busy in Python code."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


async def settle_after_start(_app: Any, _loop: Any) -> None:
    """Once the server has started (the model is loaded, its compute threads and the
    SMS channel's conversation thread exist): keep the model's millions of objects,
    which never die, out of the garbage collector's full passes, sparing the loop long
    pauses; and leave only the loop that answers webhooks at the normal CPU priority."""
    gc.freeze()
    lower_other_threads()


def _with_settling(serve: Callable[..., None]) -> Callable[..., None]:
    """Rasa's ``serve_application`` with :func:`settle_after_start` among its server
    listeners (its own parameter, which ``rasa run`` never fills)."""

    @functools.wraps(serve)
    def serve_settled(*args: Any, server_listeners: list | None = None, **kwargs: Any) -> None:
        listeners = [*(server_listeners or []), (settle_after_start, "after_server_start")]
        serve(*args, server_listeners=listeners, **kwargs)

    return serve_settled


def main(argv: list[str] | None = None) -> None:
    """Run Rasa's server with ``argv`` (``sys.argv[1:]`` by default)."""
    token = load_settings().rasa_token
    if not token:
        sys.exit("RASA_TOKEN is not set: Rasa's HTTP API always needs a token.")
    # Sanic reads SANIC_* settings from the environment when Rasa creates its app.
    os.environ["SANIC_REQUEST_MAX_SIZE"] = str(MAX_REQUEST_BYTES)
    args = sys.argv[1:] if argv is None else argv
    sys.argv = ["rasa", "run", "--enable-api", "--auth-token", token, *args]
    tune_interpreter()
    import rasa.core.run
    from rasa.__main__ import main as rasa_main

    # `rasa run` looks serve_application up on its module when it starts the server.
    rasa.core.run.serve_application = _with_settling(rasa.core.run.serve_application)
    rasa_main()


if __name__ == "__main__":
    main()
