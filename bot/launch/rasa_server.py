"""``python -m bot.launch.rasa_server [rasa run options]``: Rasa's own ``rasa run``
with its HTTP API on, plus two protections the plain command line lacks.

- The API token comes from ``RASA_TOKEN`` and never appears on a command line, where
  ``ps`` shows it to every user of the machine.
- Request bodies are capped at ``MAX_REQUEST_BYTES`` before anything reads them: a
  text or chat message is a few kilobytes at most, and the entity model's memory
  grows with the square of a message's length.
"""

from __future__ import annotations

import os
import sys

from bot.config import load_settings

# A 1,600-character text percent-encoded as 4-byte characters is under 20 KB.
MAX_REQUEST_BYTES = 64 * 1024


def main(argv: list[str] | None = None) -> None:
    """Run Rasa's server with ``argv`` (``sys.argv[1:]`` by default)."""
    token = load_settings().rasa_token
    if not token:
        sys.exit("RASA_TOKEN is not set: Rasa's HTTP API always needs a token.")
    # Sanic reads SANIC_* settings from the environment when Rasa creates its app.
    os.environ["SANIC_REQUEST_MAX_SIZE"] = str(MAX_REQUEST_BYTES)
    args = sys.argv[1:] if argv is None else argv
    sys.argv = ["rasa", "run", "--enable-api", "--auth-token", token, *args]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
