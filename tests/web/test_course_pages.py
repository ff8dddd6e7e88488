"""A page per course: what it is, the jobs it leads to with their typical pay in the
town's OEWS area (statewide without a town), the next credential with the pay
difference, Enroll; in English and Spanish, over real HTTP without JavaScript."""

from __future__ import annotations

import requests

from tests.support.pages import page_words
from tests.support.servers import LiveServer

SPANISH_BROWSER = {"Accept-Language": "es-US,es;q=0.9,en;q=0.5"}


def test_the_course_list_links_each_title_to_its_page(demo_site):
    page = demo_site.get("/courses", topic="cnc")
    assert '<a href="/courses/180-CNC-001">CNC Operator Fundamentals</a>' in page.text
    assert demo_site.get("/courses/180-CNC-001").status_code == 200


def test_a_course_page_shows_its_facts_jobs_and_pay_in_the_towns_area(demo_site):
    page = demo_site.get("/courses/180-CNC-002", town="Waterbury")
    assert page.status_code == 200
    text = page_words(page)
    assert "<title>CNC Setup and Tooling - " in page.text
    for fact in (
        "Program 180 Skills",
        "Level Intermediate",
        "Length 12 hours",
        "Credential 180 Skills CNC Setup Certificate",
        "Course code 180-CNC-002",
    ):
        assert fact in text
    assert (
        "Typical pay for CNC operators in the Waterbury-Shelton area: $22-$32/hr, median $28 "
        "(BLS, May 2025)" in text
    )
    assert "Typical pay for machinists in the Waterbury-Shelton area:" in text
    assert 'href="/jobs?q=cnc&amp;place=Waterbury"' in page.text
    assert (
        "Next: 180 Skills CNC Programmer Certificate. CNC programmers earn a median $40/hr "
        "in the Waterbury-Shelton area vs $28 for machinists (BLS, May 2025)." in text
    )
    assert 'href="/courses/180-CNC-003?town=Waterbury"' in page.text
    assert 'data-chat-message="enroll 180-CNC-002"' in page.text
    assert 'value="Waterbury"' in page.text


def test_without_a_town_the_pay_is_statewide(demo_site):
    text = page_words(demo_site.get("/courses/180-CNC-001"))
    assert "Typical pay for CNC operators in Connecticut: $24-$32/hr, median $29" in text
    assert "Waterbury-Shelton" not in text


def test_a_zip_code_or_a_typo_finds_the_town_as_the_job_search_does(demo_site):
    for asked in ("06702", "Watrbury"):
        text = page_words(demo_site.get("/courses/180-CNC-001", town=asked))
        assert " in the Waterbury-Shelton area: $" in text, asked
        assert "We could not find" not in text


def test_an_unknown_town_is_said_and_the_pay_stays_statewide(demo_site):
    text = page_words(demo_site.get("/courses/180-CNC-001", town="Atlantis"))
    assert "We could not find a Connecticut town called 'Atlantis'." in text
    assert "Typical pay for CNC operators in Connecticut:" in text


def test_a_course_for_no_job_in_particular_says_so(demo_site):
    text = page_words(demo_site.get("/courses/SU-DL-002"))
    assert "it does not prepare for one job in particular" in text
    assert "Next credential" not in text


def test_an_unknown_course_is_a_404_page_in_the_pages_language(demo_site: LiveServer):
    page = demo_site.get("/courses/NO-SUCH-9")
    assert page.status_code == 404
    assert "There is no course NO-SUCH-9 in our list." in page_words(page)
    spanish = requests.get(
        demo_site.url + "/courses/NO-SUCH-9", headers=SPANISH_BROWSER, timeout=30
    )
    assert spanish.status_code == 404
    assert '<html lang="es">' in spanish.text
    assert "No hay ningún curso NO-SUCH-9 en nuestra lista." in page_words(spanish)


def test_the_course_page_in_spanish(demo_site: LiveServer):
    page = requests.get(
        demo_site.url + "/courses/180-MET-002",
        params={"town": "waterbury"},
        headers=SPANISH_BROWSER,
        timeout=30,
    )
    assert page.status_code == 200 and '<html lang="es">' in page.text
    text = page_words(page)
    assert "Nivel Intermedio" in text and "Duración 8 horas" in text
    assert "Empleos a los que lleva" in text
    assert "Pago típico de inspectores de calidad en el área de Waterbury-Shelton:" in text
    assert (
        "Siguiente: 180 Skills CNC Operator Certificate. Operadores de CNC ganan una mediana "
        "de $28/hora en el área de Waterbury-Shelton, contra $23 para inspectores de calidad "
        "(BLS, mayo de 2025)." in text
    )
    assert "Inscribirse" in text
