"""The eligibility rules in Spanish: rules.yml stays in English for program staff, its
texts are marked for the catalog, and a Spanish speaker is asked, told why and sent on
in Spanish."""

from __future__ import annotations

import dataclasses

from bot.eligibility import (
    ELIGIBLE,
    NEEDS_ANSWER,
    NOT_ELIGIBLE,
    RULES_PATH,
    default_rules,
    evaluate,
    rules_in,
)
from bot.i18n.extract import marked_texts
from bot.messaging.text import sms_safe

SPANISH = rules_in("es")


def _texts(rules) -> list[str]:
    """Every text of ``rules`` a person reads (program names are proper names)."""
    found = [rules.description, *dataclasses.astuple(rules.not_eligible)]
    found += [text for q in rules.questions for text in (q.text, q.explain)]
    found += [r.reason_if_no for r in rules.requirements]
    found += [b.reason for b in rules.bases]
    found += [p.next_step for p in rules.programs]
    return found


def test_every_text_of_rules_yml_is_marked_for_the_catalog():
    marked = {message.id for message in marked_texts()}
    assert set(_texts(default_rules())) <= marked
    locations = {loc for m in marked_texts() for loc, _ in m.locations}
    assert f"bot/eligibility/{RULES_PATH.name}" in locations


def test_every_text_of_rules_yml_has_its_spanish():
    english, spanish = _texts(default_rules()), _texts(SPANISH)
    untranslated = [en for en, es in zip(english, spanish, strict=True) if en == es]
    assert untranslated == []


def test_english_stays_the_rules_file_itself():
    assert rules_in("en") == default_rules()


def test_a_spanish_speaker_is_asked_in_spanish_and_each_question_fits_one_text():
    first = evaluate({}, SPANISH)
    assert first.status == NEEDS_ANSWER
    assert first.next_question.text == "¿Vive en Connecticut? Responda SI o NO"
    for question in SPANISH.questions:
        assert len(sms_safe(question.text)) <= 160, question.text


def test_spanish_reasons_and_next_steps_when_eligible():
    result = evaluate({"ct_resident": True, "filed_ct_claim": True}, SPANISH)
    assert result.status == ELIGIBLE
    assert result.reasons == ("Usted pidió desempleo en Connecticut.",)
    steps = [SPANISH.program(code).next_step for code in result.programs]
    assert steps[0] == "Responda CURSOS para ver cursos gratis de SkillUp CT."


def test_spanish_reasons_when_not_eligible():
    result = evaluate({"ct_resident": False}, SPANISH)
    assert result.status == NOT_ELIGIBLE
    assert result.reasons == ("El entrenamiento gratis es para residentes de Connecticut.",)
    assert SPANISH.not_eligible.message.startswith("Según sus respuestas")
