"""One list of yes and no, in English and Spanish, and every reader of an answer uses
it: the eligibility questions (the form), the assistant's other yes/no questions, and
the SMS channel's "Do you want us to stop texting you?"."""

from __future__ import annotations

import pytest

from bot.dialogue import forms
from bot.dialogue.context import Context
from bot.i18n import SPANISH
from bot.i18n.yes_no import NO, YES, parse_yes_no, words_only_in
from bot.identity import SMS_CHANNEL
from bot.messaging.keywords import Keyword, classify, is_spanish

SPANISH_YES = ["si", "Sí", "SI", "sip", "claro", "Si claro", "claro que sí", "correcto", "ajá",
               "si si", "por supuesto"]  # fmt: skip
SPANISH_NO = ["no", "NO", "nop", "para nada", "todavía no", "aun no", "no no", "claro que no"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("YES", True),
        ("Yes!", True),
        ("  y ", True),
        ("yeah", True),
        ("Yep.", True),
        ("yup", True),
        ("sure", True),
        ("correct", True),
        ("I did", True),
        ("i do", True),
        ("yes yes", True),
        ("no", False),
        ("NO.", False),
        ("n", False),
        ("nope", False),
        ("nah", False),
        ("not yet", False),
        ("Not  yet!", False),
        ("i didn't", False),
        ("I didn\u2019t", False),
        ("I don't", False),
        ("", None),
        ("maybe", None),
        ("yes and no", None),
        ("si y no", None),
        ("not sure", None),
        ("COURSES", None),
        ("nooo way", None),
        ("no se", None),
    ],
)
def test_english_and_mixed_answers(text: str, expected: bool | None) -> None:
    assert parse_yes_no(text) is expected


@pytest.mark.parametrize("text", SPANISH_YES)
def test_spanish_yes(text):
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", SPANISH_NO)
def test_spanish_no(text):
    assert parse_yes_no(text) is False


def test_no_word_is_both_yes_and_no():
    assert not YES & NO


def _asked(text: str, intent: str | None = None) -> forms.Reading:
    context = Context(channel=SMS_CHANNEL, address="+18605550100", text=text, language="es",
                      intent=intent, confidence=0.3)  # fmt: skip
    return forms.read_yes_no_answer(context)


@pytest.mark.parametrize("text", SPANISH_YES)
def test_a_spanish_yes_answers_the_eligibility_question_whatever_the_model_read(text):
    assert _asked(text, intent="out_of_scope") == forms.Reading(forms.ANSWER, True)


@pytest.mark.parametrize("text", SPANISH_NO)
def test_a_spanish_no_answers_the_eligibility_question_whatever_the_model_read(text):
    assert _asked(text, intent="out_of_scope") == forms.Reading(forms.ANSWER, False)


@pytest.mark.parametrize("text", SPANISH_NO)
def test_a_spanish_no_leaves_the_job_alert_questions(text):
    context = Context(channel=SMS_CHANNEL, address="+18605550100", text=text, language="es")
    assert forms.leaves_alert_form(context, "alert_keyword", "job_keyword").kind == forms.LEAVE


@pytest.mark.parametrize("text", ["yes", "Yes please", "sip", "claro", "Sí por favor", "i do"])
def test_a_yes_to_the_opt_out_question_opts_out(text):
    assert classify(text, opted_out=False, asked=True) is Keyword.CONFIRM_OPT_OUT


@pytest.mark.parametrize("text", ["no", "No thanks", "nop", "nope", "para nada", "no gracias"])
def test_a_no_to_the_opt_out_question_keeps_texting(text):
    assert classify(text, opted_out=False, asked=True) is Keyword.KEEP_TEXTING


@pytest.mark.parametrize("text", ["sip", "claro", "nop"])
def test_a_yes_or_no_is_only_an_answer_when_asked(text):
    assert classify(text, opted_out=False) is None


def test_only_the_plain_yes_opts_a_number_back_in():
    assert classify("si", opted_out=True) is Keyword.OPT_IN
    assert classify("claro", opted_out=True) is None


def test_a_spanish_yes_or_no_is_answered_in_spanish_but_no_is_either_language():
    assert {"si", "sip", "claro", "nop"} <= words_only_in(SPANISH)
    assert is_spanish("claro") and is_spanish("nop") and is_spanish("Sí")
    assert not is_spanish("no") and not is_spanish("yes")
