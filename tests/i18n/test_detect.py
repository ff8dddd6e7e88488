"""The language of a message: explicit switches, clear texts, and short ones that
decide nothing (real texts people send, in both languages)."""

from __future__ import annotations

import pytest

from bot.i18n.detect import detect_language, language_switch


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ESPAÑOL", "es"),
        ("espanol", "es"),
        ("SPANISH", "es"),
        ("en español", "es"),
        ("Español!", "es"),
        ("ENGLISH", "en"),
        ("INGLES", "en"),
        ("inglés", "en"),
        ("in english", "en"),
    ],
)
def test_a_switch_word_names_its_language(text: str, language: str) -> None:
    assert language_switch(text) == language


@pytest.mark.parametrize("text", ["hola", "busco trabajo en español", "english class", "", "si"])
def test_other_texts_are_no_switch(text: str) -> None:
    assert language_switch(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "busco trabajo",
        "cursos gratis",
        "ayuda por favor",
        "busco trabajo en Hartford",
        "¿califico para entrenamiento gratis?",
        "necesito trabajo de limpieza en new haven",
        "hay trabajos de montacargas en waterbury",
        "q trabajos hay",
        "Me quedé sin trabajo",
        "borra mis datos",
        "busco jobs en Hartford",
        "necesito un trabajo de CNA full time",
        "Tengo experiencia en construccion, hay algo en Meriden?",
    ],
)
def test_spanish_texts_are_spanish(text: str) -> None:
    assert detect_language(text) == "es"


@pytest.mark.parametrize(
    "text",
    [
        "jobs in hartford",
        "free courses",
        "looking for warehouse work near Bridgeport",
        "am I eligible for free training",
        "I lost my job",
        "talk to a person",
        "delete my data",
        "Do I need a resume to apply",
        "cna jobs",
    ],
)
def test_english_texts_are_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "si",
        "ok",
        "no",
        "1",
        "06106",
        "New Haven",
        "East Hartford",
        "hi",
        "👍",
        "ayuda",
        "si claro",
        "nvm",
        "Hartford 06106",
        "jobs en Hartford",
        "",
    ],
)
def test_short_or_ambiguous_texts_decide_nothing(text: str) -> None:
    assert detect_language(text) is None
