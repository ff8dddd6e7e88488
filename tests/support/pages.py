"""Reading server-rendered pages the way a person reads them."""

from __future__ import annotations

import html
import re

import requests


def page_words(page: requests.Response) -> str:
    """What the page says, without its markup, spaces collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text)))
