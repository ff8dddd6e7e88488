"""Every text a person can read has its Spanish: a marked text without a translation
(or with a fuzzy one) fails here, named with where it is used. A Spanish text names
Spanish words to send."""

from __future__ import annotations

import re

from bot.i18n import translator
from bot.i18n.extract import gaps, read_catalog


def test_every_marked_text_has_a_translation():
    missing = [f"{gap.language}: {gap.message!r} ({gap.where})" for gap in gaps()]
    assert missing == [], "untranslated texts (run python -m bot.cli messages):\n" + "\n".join(
        missing
    )


def test_the_spanish_catalog_is_what_the_assistant_says():
    _ = translator("es")
    assert _("Para español, responda ESPAÑOL") == "For English, reply ENGLISH"
    assert _("Free courses for %(topic)s:", topic="Excel") == "Cursos gratis de Excel:"


# Words in capitals: what a text tells people to send ("Reply MORE", "Responda MAS").
CAPITALS = re.compile(r"(?<![\w%(])([A-ZÁÉÍÓÚÑ]{2,}(?:\s+[A-ZÁÉÍÓÚÑ]{2,})*)(?!\w)")
# Capitals that are names or the same in both languages, not English words to send.
NAMES = {"CNA", "CNC", "CSCU", "CT", "FT", "PT", "IT", "JSON", "OK", "US", "ZIP", "SKILLS",
         "MENU", "NO", "ESPAÑOL", "HVAC", "RN", "LPN", "APRN", "EMT", "BLS", "WCAG",
         "AA"}  # fmt: skip


def _pairs():
    for message in read_catalog("es"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        yield ids, strings


def test_spanish_texts_name_spanish_words_to_send():
    english = {
        words for ids, _ in _pairs() for text in ids for words in CAPITALS.findall(text)
    } - NAMES
    assert {"MORE", "ENROLL", "COURSES", "AGENT", "DONE", "CHECK AGAIN"} <= english
    told = []
    for _ids, strings in _pairs():
        for text in strings:
            found = set(CAPITALS.findall(text)) & english
            # STOP is the carriers' word: a Spanish text may name it beside PARAR.
            if "PARAR" in text:
                found.discard("STOP")
            told += [f"{word} in {text!r}" for word in sorted(found)]
    assert told == []
