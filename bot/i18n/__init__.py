"""Every text a person reads, in their language.

The texts are written in English in the code, marked with ``_`` (or ``N_`` where a
text is kept in a constant and translated where it is used), and translated in a
gettext catalog per language: ``bot/i18n/locale/<language>/LC_MESSAGES/messages.po``.
The catalog is read from its ``.po`` file when first needed, so there is nothing to
compile. Placeholders are named, ``%(town)s``, the same in Python and in templates.

See docs/languages.md for how detection works and how to add a language.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
ENGLISH = "en"
SPANISH = "es"
# The languages the assistant speaks, the default first.
LANGUAGES = (ENGLISH, SPANISH)
DEFAULT_LANGUAGE = ENGLISH
# Each language's name in itself, for switches on pages and in texts.
LANGUAGE_NAMES = {ENGLISH: "English", SPANISH: "Español"}


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (for constants)."""
    return message


def supported_language(value: object) -> str | None:
    """The supported language ``value`` names ("es", "es-US", "ES_mx"), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def normalize_language(value: str | None) -> str:
    """The supported language ``value`` names, or the default."""
    return supported_language(value) or DEFAULT_LANGUAGE


def po_path(language: str) -> Path:
    """Where ``language``'s catalog lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """``language``'s catalog (English is the source text: no catalog)."""
    language = normalize_language(language)
    path = po_path(language)
    if language == ENGLISH or not path.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Translator:
    """Texts in one language: ``_("Jobs near %(town)s", town="Hartford")``."""

    def __init__(self, language: str) -> None:
        self.language = normalize_language(language)
        self._catalog = translations(self.language)

    def __call__(self, message: str, /, **values: object) -> str:
        """``message`` in this language, with ``values`` put in its placeholders."""
        text = self._catalog.gettext(message)
        return text % values if values else text

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The singular or plural form for ``count`` (also given as ``%(count)s``)."""
        text = self._catalog.ngettext(singular, plural, count)
        return text % {"count": count, **values}


@functools.cache
def translator(language: str | None) -> Translator:
    """The translator for ``language`` (the default language when unknown)."""
    return Translator(normalize_language(language))
