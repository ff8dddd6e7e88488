"""Every text a person can read has its Spanish: a marked text without a translation
(or with a fuzzy one) fails here, named with where it is used."""

from __future__ import annotations

from bot.i18n import translator
from bot.i18n.extract import gaps


def test_every_marked_text_has_a_translation():
    missing = [f"{gap.language}: {gap.message!r} ({gap.where})" for gap in gaps()]
    assert missing == [], "untranslated texts (run python -m bot.cli messages):\n" + "\n".join(
        missing
    )


def test_the_spanish_catalog_is_what_the_assistant_says():
    _ = translator("es")
    assert _("Para español, responda ESPAÑOL") == "For English, reply ENGLISH"
    assert _("Free courses for %(topic)s:", topic="Excel") == "Cursos gratis de Excel:"
