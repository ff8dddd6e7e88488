"""What a course leads to, on the real OEWS release: its occupations with their pay in
the person's area, the courses for an occupation, and the next credential with the pay
difference."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from bot.courses.pathways import (
    course_outcomes,
    courses_for_occupation,
    main_outcome,
    next_step,
    next_step_text,
    outcomes_text,
)
from bot.db import session_scope
from bot.db.models import Course
from tests.support.catalog import RECORDS, pathways

WATERBURY_SHELTON = "0047930"
STATEWIDE = "0900000"


def published(release, area: str, soc: str) -> dict:
    """The figures of ``soc`` in ``area`` as the OEWS data file has them."""
    return next(f.values for f in release.figures if (f.area_code, f.soc_code) == (area, soc))


def test_a_cnc_course_leads_to_cnc_jobs_at_the_waterbury_median(pathways_url, oews_release):
    with session_scope(pathways_url) as session:
        (outcome,) = course_outcomes(session, "180-CNC-001", "Waterbury")
        statewide = course_outcomes(session, "180-CNC-001", None)[0]
    assert (outcome.soc_code, outcome.label, outcome.keyword) == ("51-9161", "CNC operators", "cnc")
    assert outcome.pay.area_code == WATERBURY_SHELTON and not outcome.pay.fallback
    assert (
        outcome.pay.hourly_median
        == published(oews_release, WATERBURY_SHELTON, "51-9161")["hourly_median"]
    )
    assert outcome.pay.hourly_median == 28.02
    assert statewide.pay.area_code == STATEWIDE
    assert (
        statewide.pay.hourly_median
        == published(oews_release, STATEWIDE, "51-9161")["hourly_median"]
    )


def test_outcomes_come_in_catalog_order_and_the_text_names_their_pay(pathways_url):
    with session_scope(pathways_url) as session:
        outcomes = course_outcomes(session, "180-CNC-002", "Waterbury")
        spanish = course_outcomes(session, "180-CNC-002", "Waterbury", "es")
    assert [o.soc_code for o in outcomes] == list(RECORDS["180-CNC-002"].soc_codes)
    assert outcomes_text(outcomes) == (
        "Leads to: CNC operators ($28/hr median), machinists ($28/hr) in the Waterbury-Shelton area"
    )
    assert outcomes_text(spanish, "es") == (
        "Lleva a: operadores de CNC (mediana $28/hora), maquinistas ($28/hora) "
        "en el área de Waterbury-Shelton"
    )
    assert outcomes_text(outcomes, limit=1).startswith("Leads to: CNC operators ($28/hr median) in")
    assert outcomes_text([]) is None


def test_a_course_without_occupations_leads_to_none(pathways_url):
    with session_scope(pathways_url) as session:
        assert course_outcomes(session, "SU-DL-002", "Hartford") == []
        assert course_outcomes(session, "NO-SUCH-1", "Hartford") == []
        assert courses_for_occupation(session, "29-1141") == []
        # A SkillUp course is no step of a pathway; the last credential has no next.
        assert next_step(session, "SU-IT-002", "Hartford") is None
        assert next_step(session, "180-CNC-004", "Hartford") is None


def test_the_next_credential_shows_what_its_main_job_pays_more(pathways_url, oews_release):
    with session_scope(pathways_url) as session:
        step = next_step(session, "180-MET-002", "Waterbury")
    assert step.course.code == "180-CNC-001"
    assert (step.now.soc_code, step.then.soc_code) == ("51-9061", "51-9161")
    inspectors = published(oews_release, WATERBURY_SHELTON, "51-9061")["hourly_median"]
    cnc = published(oews_release, WATERBURY_SHELTON, "51-9161")["hourly_median"]
    assert step.gain == pytest.approx(cnc - inspectors) and step.gain > 4
    assert next_step_text(step) == (
        "Next: 180 Skills CNC Operator Certificate. CNC operators earn a median $28/hr in "
        "the Waterbury-Shelton area vs $23 for quality inspectors (BLS, May 2025)."
    )


def test_the_next_step_in_spanish(pathways_url):
    with session_scope(pathways_url) as session:
        step = next_step(session, "180-MET-002", "Waterbury", "es")
    assert next_step_text(step, "es") == (
        "Siguiente: 180 Skills CNC Operator Certificate. Operadores de CNC ganan una "
        "mediana de $28/hora en el área de Waterbury-Shelton, contra $23 para inspectores "
        "de calidad (BLS, mayo de 2025)."
    )


def test_the_main_occupation_is_the_best_paid_one(pathways_url):
    with session_scope(pathways_url) as session:
        outcomes = course_outcomes(session, "180-CNC-003", None)
    # CNC programmers are listed first and paid best; listed second they still lead.
    assert main_outcome(outcomes).soc_code == "51-9162"
    assert main_outcome(list(reversed(outcomes))).soc_code == "51-9162"
    assert main_outcome([]) is None


def test_no_pay_difference_is_claimed_where_the_next_job_pays_no_more(pathways_url):
    with session_scope(pathways_url) as session:
        same = next_step(session, "180-WLD-001", "Hartford")  # welders, then welders
    assert same.gain is None
    assert next_step_text(same) == "Next: 180 Skills Welding Print Reading Certificate."


def test_pays_from_different_areas_are_compared_statewide(pathways_url):
    with session_scope(pathways_url) as session:
        # Waterbury-Shelton publishes no figure for engine and machine assemblers.
        step = next_step(session, "180-PRD-001", "Waterbury")
    assert step.then.soc_code == "51-2031"
    assert step.now.pay.area_code == step.then.pay.area_code == STATEWIDE
    assert "in Connecticut vs" in next_step_text(step)


@pytest.mark.parametrize("town", [None, "Waterbury", "Norwich", "Stamford", "Torrington"])
def test_every_next_step_text_fits_a_text_message(pathways_url, town):
    with session_scope(pathways_url) as session:
        for chain in pathways():
            for code in chain[:-1]:
                for language in ("en", "es"):
                    step = next_step(session, code, town, language)
                    assert len(next_step_text(step, language)) <= 200, code


def test_courses_for_an_occupation_start_with_the_easiest(pathways_url, databases):
    with session_scope(pathways_url) as session:
        found = courses_for_occupation(session, "51-9061")
        first_two = courses_for_occupation(session, "51-9061", limit=2)
    assert all("51-9061" in RECORDS[h.code].soc_codes for h in found) and len(found) >= 8
    ranks = [({"beginner": 0, "intermediate": 1, "advanced": 2}[h.level], h.hours) for h in found]
    assert ranks == sorted(ranks)
    assert [h.code for h in first_two] == [h.code for h in found[:2]]
    assert found[0].code == "180-MET-001"


def test_a_course_taken_off_the_list_is_not_offered(catalog_url):
    with session_scope(catalog_url) as session:
        session.execute(update(Course).where(Course.code == "SU-PM-001").values(active=False))
    with session_scope(catalog_url) as session:
        codes = [h.code for h in courses_for_occupation(session, "13-1082")]
    assert "SU-PM-001" not in codes and "SU-PM-002" in codes


def test_every_occupation_of_the_catalog_has_a_short_name_in_both_languages():
    from bot.i18n import translator
    from bot.wages.occupation_names import OCCUPATION_NAMES

    listed = {code for record in RECORDS.values() for code in record.soc_codes or ()}
    assert listed - OCCUPATION_NAMES.keys() == set()
    spanish = translator("es")
    assert all(spanish(OCCUPATION_NAMES[code]) != OCCUPATION_NAMES[code] for code in listed)
