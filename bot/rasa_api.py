"""Addresses on the Rasa server's HTTP API."""

from __future__ import annotations

from urllib.parse import quote


def conversation_url(rasa_url: str, sender: str) -> str:
    """``/conversations/<sender>`` on the Rasa server. A phone number's ``+`` stays as
    it is: Rasa does not decode ``%2B`` in the path, so a quoted ``+`` would address a
    different conversation."""
    return f"{rasa_url}/conversations/{quote(sender, safe='+')}"
