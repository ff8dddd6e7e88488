"""Every word a Spanish text tells people to send ("Responda MAS", "INSCRIBIR 2") does
what the text says when it is texted: the SMS channel answers its own keywords (PARAR,
COMENZAR, AYUDA) and hands every other word to the assistant, as it does the English
ones. A word the channel took for an opt-out would unsubscribe a person who only
wanted to leave a question."""

from __future__ import annotations

import re

import pytest

from bot.i18n.extract import read_catalog
from bot.messaging.keywords import Keyword, classify, is_spanish

# Words in capitals, as the texts name them ("MIS ALERTAS", "VER SI CALIFICO").
CAPITALS = re.compile(r"(?<![\w%(])([A-ZÁÉÍÓÚÑ]{2,}(?:\s+[A-ZÁÉÍÓÚÑ]{2,})*)(?!\w)")
# Capitals that are names, not words to send.
NAMES = {"CNA", "CNC", "CSCU", "CT", "IT", "JSON", "OK", "EE", "UU", "SKILLS"}
# The channel's own keywords: what each does.
CHANNEL_WORDS = {
    "PARAR": Keyword.OPT_OUT,
    "STOP": Keyword.OPT_OUT,
    "COMENZAR": Keyword.OPT_IN,
    "AYUDA": Keyword.HELP,
}


def _told() -> list[str]:
    words = set()
    for message in read_catalog("es"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            words |= set(CAPITALS.findall(text or ""))
    return sorted(words - NAMES)


TOLD = _told()


def test_the_catalog_names_the_words_this_file_checks():
    assert {"MAS", "INSCRIBIR", "CURSOS", "AGENTE", "LISTO", "MIS ALERTAS"} <= set(TOLD)


@pytest.mark.parametrize("word", TOLD)
def test_each_word_a_spanish_text_names_does_what_it_says(word):
    assert classify(word, opted_out=False) is CHANNEL_WORDS.get(word)
    assert classify(word.lower(), opted_out=False) is CHANNEL_WORDS.get(word)


@pytest.mark.parametrize(
    "text", ["INSCRIBIR 2", "inscribir 3", "INSCRIBIR SU-IT-001", "Mas", "más", "olvídelo"]
)
def test_spanish_requests_reach_the_assistant(text):
    assert classify(text, opted_out=False) is None


def test_a_spanish_keyword_is_confirmed_in_spanish():
    assert all(is_spanish(word) for word in CHANNEL_WORDS if word != "STOP")
