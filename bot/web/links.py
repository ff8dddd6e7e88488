"""Web addresses in a text become links: the ``linkify`` template filter.

The rule is the chat widget's (bot/web/static/chat.js): an address starts with
http:// or https:// and does not take the punctuation that ends a sentence."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

ADDRESS = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)]")


def linkify(text: str) -> Markup:
    """``text`` as safe HTML with each web address in it a link to itself."""
    parts: list[Markup] = []
    last = 0
    for match in ADDRESS.finditer(text or ""):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup('<a href="{0}">{0}</a>').format(match.group()))
        last = match.end()
    parts.append(escape((text or "")[last:]))
    return Markup("").join(parts)
