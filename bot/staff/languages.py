"""How the portals name a person's language (the ``people.language`` column)."""

from __future__ import annotations

# The portals are in English, so languages are named in English here.
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


def language_name(code: str | None) -> str:
    """'Spanish' for ``es``; an unknown code as it is, and 'unknown' for none."""
    if not code:
        return "unknown"
    return LANGUAGE_NAMES.get(code, code)
