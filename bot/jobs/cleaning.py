"""Cleaning of raw feed text.

Control characters and runs of whitespace, HTML descriptions to plain text, shortening at a
word break, and checking ZIP codes and http(s) URLs.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff\ud800-\udfff]"
)


def clean_text(value: str) -> str:
    """Remove control characters and collapse whitespace to single spaces."""
    if value.isprintable() and "  " not in value and value.strip() == value:
        return value
    return " ".join(_CONTROL.sub("", value).split())


def shorten(value: str | None, limit: int) -> str | None:
    """``value`` cut to at most ``limit`` characters, ending in "…" (at a word break if near).

    ``None`` and values that already fit are returned unchanged.
    """
    if value is None or len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


_BLOCK_TAGS = (
    "address article blockquote br dd div dl dt footer h1 h2 h3 h4 h5 h6 header hr li ol p pre "
    "section table td th tr ul"
)


class _TextExtractor(HTMLParser):
    _BLOCK = frozenset(_BLOCK_TAGS.split())
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag == "li":
            self.parts.append(" • ")
        elif tag in self._BLOCK:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def _strip_tags(text: str) -> str:
    if "<" not in text:
        return html.unescape(text)
    extractor = _TextExtractor()
    extractor.feed(text)
    extractor.close()
    return "".join(extractor.parts)


def html_to_text(value: str, limit: int) -> str:
    """Plain text from an HTML (or plain) description, truncated to ``limit`` characters.

    Handles the common double-escaped case (``&lt;p&gt;`` inside CDATA) too.
    """
    text = _strip_tags(value)
    if _TAG.search(text):
        text = _strip_tags(text)
    return shorten(clean_text(text), limit) or ""


_ZIP = re.compile(r"(\d{5})(?:[-\s]?\d{4})?")


def normalize_postal_code(value: str) -> str | None:
    """Five-digit ZIP from "06106", "06106-1234" or an Excel-mangled "6106"; else None."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return "0" + value
    match = _ZIP.fullmatch(value)
    return match.group(1) if match else None


_HTTP_URL = re.compile(r"https?://[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)


def http_url(value: str | None, max_length: int) -> str | None:
    """``value`` if it is an http(s) URL of at most ``max_length`` characters, else None."""
    if not value or len(value) > max_length or not _HTTP_URL.fullmatch(value):
        return None
    return value
