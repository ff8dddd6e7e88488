"""Which language a person writes in: an explicit switch ("ESPAÑOL", "ENGLISH"), or
the language of a message when it is clear enough to decide.

Short texts decide nothing: "si", "ok", "1", a ZIP code, a town or an emoji are the
same in both languages, so the conversation keeps the language it had. A message is
read by lingua (restricted to English and Spanish) only when it has at least two real
words; a few strong marker words decide two- and three-word texts that lingua is
unsure of ("busco trabajo", "cursos gratis").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot.i18n import ENGLISH, SPANISH

# What a person types to switch, folded (lowercase, no accents, one space).
_SWITCHES = {
    SPANISH: frozenset(
        {"espanol", "spanish", "en espanol", "in spanish", "castellano", "espanol por favor"}
    ),
    ENGLISH: frozenset({"english", "ingles", "in english", "en ingles", "english please"}),
}
# Words only one of the two languages uses, as people text them (folded). Each
# decides a short message lingua is unsure of; a message with both decides nothing.
_MARKERS = {
    SPANISH: frozenset(
        {
            "busco",
            "trabajo",
            "trabajos",
            "empleo",
            "empleos",
            "cursos",
            "curso",
            "gratis",
            "ayuda",
            "necesito",
            "quiero",
            "donde",
            "cerca",
            "hola",
            "gracias",
            "entrenamiento",
            "desempleo",
            "califico",
            "puedo",
            "tengo",
            "estoy",
            "como",
            "cuando",
            "para",
            "de",
            "en",
            "el",
            "la",
            "los",
            "las",
            "una",
            "que",
            "q",
            "xq",
            "por",
            "mas",
            "hay",
            "buenos",
            "buenas",
            "dias",
            "tardes",
            "limpieza",
            "bodega",
            "almacen",
            "mi",
            "mis",
            "datos",
            "borra",
            "borrar",
            "con",
            "sin",
            "persona",
            "hablar",
        }
    ),
    ENGLISH: frozenset(
        {
            "jobs",
            "job",
            "work",
            "looking",
            "find",
            "need",
            "want",
            "help",
            "free",
            "courses",
            "course",
            "training",
            "near",
            "hello",
            "thanks",
            "thank",
            "the",
            "in",
            "for",
            "im",
            "my",
            "me",
            "please",
            "where",
            "how",
            "what",
            "can",
            "is",
            "are",
            "of",
            "and",
            "to",
            "you",
            "any",
            "hiring",
            "warehouse",
        }
    ),
}
# Lingua's confidence gap below which a text is too unsure to decide.
MIN_RELATIVE_DISTANCE = 0.25
_WORD = re.compile(r"[a-z]{2,}")


def _fold(text: str) -> str:
    """Lowercase, accents off, everything but letters and digits one space."""
    plain = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def language_switch(text: str | None) -> str | None:
    """The language a message asks to switch to ("ESPAÑOL", "in english"), or None."""
    folded = _fold(text or "")
    for language, words in _SWITCHES.items():
        if folded in words:
            return language
    return None


_NAMES = {
    SPANISH: re.compile(r"\b(espanol|spanish|castellano)\b"),
    ENGLISH: re.compile(r"\b(english|ingles)\b"),
}


def language_named(text: str | None) -> str | None:
    """The one language a longer request names ("can we talk in spanish", "quiero
    hablar en ingles"), or None when it names none or both."""
    folded = _fold(text or "")
    named = [language for language, name in _NAMES.items() if name.search(folded)]
    return named[0] if len(named) == 1 else None


@cache
def _detector():
    """Lingua's detector for English and Spanish, built once on first use (it loads
    its language models, which takes a moment)."""
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH)
        .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
        .build()
    )


def _by_markers(words: list[str]) -> str | None:
    """The language most of the message's marker words belong to; None on a tie."""
    hits = {language: sum(w in markers for w in words) for language, markers in _MARKERS.items()}
    spanish, english = hits[SPANISH], hits[ENGLISH]
    if spanish > english:
        return SPANISH
    if english > spanish:
        return ENGLISH
    return None


def detect_language(text: str | None) -> str | None:
    """ "en" or "es" when a message is clearly in that language; None when it is too
    short or ambiguous to say (fewer than two real words, a yes, a number, a ZIP)."""
    words = _WORD.findall(_fold(text or ""))
    if len(words) < 2:
        return None
    from lingua import Language

    found = _detector().detect_language_of(" ".join(words))
    marked = _by_markers(words)
    by_lingua = {Language.ENGLISH: ENGLISH, Language.SPANISH: SPANISH}.get(found)
    if len(words) <= 3:
        # Lingua guesses on two or three words: the markers decide, unless it disagrees.
        return marked if marked and by_lingua in (None, marked) else None
    # Mixed texts ("busco jobs en Hartford") lean on their English words for lingua;
    # the words only one language uses outweigh it.
    return marked or by_lingua
