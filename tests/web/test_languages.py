"""The website in English and Spanish over real HTTP: which language a page is in
(the switch's cookie, then the browser's Accept-Language, then English), the switch
itself, the public pages and their messages in Spanish, the portals in English, and
every text of the website with its Spanish in the catalog."""

from __future__ import annotations

import html
import re

import pytest
import requests

from bot.i18n.extract import gaps
from tests.support.pages import page_words
from tests.support.servers import LiveServer

SPANISH_BROWSER = {"Accept-Language": "es-US,es;q=0.9,en;q=0.5"}
ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}


def _get(server: LiveServer, path: str, browser=None, **headers) -> requests.Response:
    return (browser or requests).get(server.url + path, headers=headers, timeout=30)


def _lang(page: requests.Response) -> str:
    return re.search(r'<html lang="([^"]+)">', page.text).group(1)


def _switch(page: requests.Response) -> tuple[str, str]:
    """The language switch's link and what it says."""
    found = re.search(r'<a class="language-switch"[^>]*href="([^"]+)"[^>]*>([^<]+)</a>', page.text)
    assert found, "the page has no language switch"
    return html.unescape(found.group(1)), found.group(2)


@pytest.mark.parametrize(
    ("accept", "language", "heading"),
    [
        ("es-US,es;q=0.9,en;q=0.5", "es", "Encuentre trabajo en Connecticut"),
        ("es-MX", "es", "Encuentre trabajo en Connecticut"),
        ("fr-CA, es;q=0.5", "es", "Encuentre trabajo en Connecticut"),
        ("en-US,en;q=0.9,es;q=0.8", "en", "Find a job in Connecticut"),
        ("fr-FR", "en", "Find a job in Connecticut"),
        ("", "en", "Find a job in Connecticut"),
    ],
)
def test_the_first_visit_follows_the_browsers_language(demo_site, accept, language, heading):
    page = _get(demo_site, "/", **{"Accept-Language": accept})
    assert page.status_code == 200
    assert _lang(page) == language
    assert f"<h1>{heading}</h1>" in page.text
    assert "Accept-Language" in page.headers["Vary"]


def test_the_switch_goes_back_to_the_same_page_and_is_remembered(demo_site):
    browser = requests.Session()
    search = "/jobs?q=warehouse&place=Hartford&radius=10"
    page = _get(demo_site, search, browser, **ENGLISH_BROWSER)
    assert _lang(page) == "en" and "Job search" in page.text
    link, name = _switch(page)
    assert name == "Español"
    assert 'lang="es" hreflang="es"' in page.text  # the link's own word is Spanish

    switched = browser.get(demo_site.url + link, headers=ENGLISH_BROWSER, timeout=30)
    assert switched.url == demo_site.url + search
    assert _lang(switched) == "es" and "<h1>Búsqueda de trabajo</h1>" in switched.text
    # The choice outlasts the browser's own language, page after page.
    assert _lang(_get(demo_site, "/courses", browser, **ENGLISH_BROWSER)) == "es"
    back, name = _switch(switched)
    assert name == "English"
    again = browser.get(demo_site.url + back, headers=SPANISH_BROWSER, timeout=30)
    assert again.url == demo_site.url + search and _lang(again) == "en"
    assert _lang(_get(demo_site, "/", browser, **SPANISH_BROWSER)) == "en"


@pytest.mark.parametrize(
    "target", ["//evil.example/jobs", "https://evil.example/", "/\\evil.example", "jobs", ""]
)
def test_the_switch_never_sends_anyone_to_another_site(demo_site, target):
    answer = requests.get(
        demo_site.url + "/language/es", params={"next": target}, allow_redirects=False, timeout=30
    )
    assert answer.status_code == 303 and answer.headers["Location"] == "/"


def test_an_unknown_language_changes_nothing(demo_site):
    browser = requests.Session()
    browser.get(demo_site.url + "/language/fr", params={"next": "/"}, timeout=30)
    assert "lang" not in browser.cookies
    assert _lang(_get(demo_site, "/", browser, **SPANISH_BROWSER)) == "es"


def test_the_job_board_in_spanish(demo_site):
    page = _get(demo_site, "/jobs?q=warehouse&place=Hartford&radius=50", **SPANISH_BROWSER)
    text = page_words(page)
    assert "Qué tipo de trabajo" in text and "Pueblo o código postal (ZIP)" in text
    assert '<option value="50" selected>50 millas</option>' in page.text
    assert "Cualquier tipo" in text and "Buscar trabajos" in text
    assert re.search(r"Publicado (hoy|hace \d+ días?)", text)
    assert re.search(r"\(a \d+ millas\)", text)
    assert re.search(r'aria-label="Solicitar [^"]+ en [^"]+">Solicitar</a>', page.text)
    assert ">Página siguiente</a>" in page.text
    assert "posted" not in text and "miles" not in text and "Apply" not in text
    assert "/hr" not in text and "full time" not in text and "part time" not in text

    job = re.search(r'<a href="(/jobs/\d+)">', page.text).group(1)
    detail = page_words(_get(demo_site, job, **SPANISH_BROWSER))
    assert "Empleador" in detail and "Pueblo" in detail and "Publicado" in detail
    assert "Solicitar este trabajo en " in detail and "Buscar otros trabajos" in detail


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/jobs?q=welder&place=Springfield", "No encontramos un pueblo de Connecticut llamado"),
        ("/jobs?place=", "Escriba qué tipo de trabajo busca, un pueblo o código postal (ZIP)"),
        ("/jobs?q=welder&place=Hartford&page=zwei", "'zwei' no es un número de página"),
        ("/jobs?q=welder&radius=lots", "Elija una distancia de la lista."),
        ("/jobs/999999", "Ese trabajo ya no está publicado."),
        ("/j/nosuchcode", "No encontramos ese enlace de trabajo."),
        ("/no/such/page", "Esa página no existe."),
    ],
)
def test_the_job_boards_messages_in_spanish(demo_site, path, message):
    page = _get(demo_site, path, **SPANISH_BROWSER)
    assert message in page_words(page), page_words(page)
    assert _lang(page) == "es"


def test_courses_and_eligibility_in_spanish(demo_site):
    courses = page_words(_get(demo_site, "/courses?topic=excel", **SPANISH_BROWSER))
    assert "Cursos gratis en línea" in courses and "Todos los programas" in courses
    assert re.search(r"Cursos 1 a \d+ de \d+\.", courses)
    assert re.search(r"Código del curso \S+\.", courses) and " horas" in courses
    assert "Inscribirse" in courses and "Enroll" not in courses

    asked = page_words(_get(demo_site, "/eligibility", **SPANISH_BROWSER))
    assert "¿Puedo tomar entrenamiento gratis?" in asked and "Verificar" in asked
    partial = page_words(_get(demo_site, "/eligibility?ct_resident=yes", **SPANISH_BROWSER))
    assert "Una respuesta más, por favor" in partial
    assert "Para decirle, necesitamos saber:" in partial
    # The rules' own questions, in Spanish, without the texting hint the buttons replace.
    assert "¿Vive en Connecticut?" in asked and "Do you live" not in asked
    assert "Responda SI o NO" not in asked
    outcome = page_words(_get(demo_site, "/eligibility?ct_resident=no", **SPANISH_BROWSER))
    assert "El entrenamiento gratis es para residentes de Connecticut." in outcome
    assert "Based on your answers" not in outcome


def test_the_alerts_page_in_spanish(demo_site):
    browser = requests.Session()
    page = _get(demo_site, "/alerts", browser, **SPANISH_BROWSER)
    assert (
        "Sus alertas de empleo" in page_words(page) and "Envíenme un código por texto" in page.text
    )
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    refused = browser.post(
        demo_site.url + "/alerts/code",
        data={"csrf_token": token, "number": "12"},
        headers=SPANISH_BROWSER,
        timeout=30,
    )
    assert refused.status_code == 400
    assert "Escriba un número de celular de EE. UU. de 10 dígitos" in page_words(refused)


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"message": " ", "language": "es"}, 400, "Primero escriba un mensaje."),
        ({"message": "x" * 1001, "language": "es"}, 413, "hasta 1,000 caracteres."),
        ({"message": " ", "language": "en"}, 400, "Type a message first."),
    ],
)
def test_the_chat_refuses_in_the_language_of_the_page(demo_site, body, status, error):
    # The browser says Spanish, but the page the message was typed on decides.
    headers = SPANISH_BROWSER if body["language"] == "en" else ENGLISH_BROWSER
    answer = requests.post(demo_site.url + "/chat", json=body, headers=headers, timeout=30)
    assert answer.status_code == status and answer.json()["error"].endswith(error)


def test_without_a_language_the_chat_follows_the_browser(demo_site):
    answer = requests.post(
        demo_site.url + "/chat", json={"message": ""}, headers=SPANISH_BROWSER, timeout=30
    )
    assert answer.json() == {"error": "Primero escriba un mensaje."}


@pytest.mark.parametrize("path", ["/admin/login", "/employers/register"])
def test_the_portals_stay_in_english_without_a_switch(demo_site, path):
    browser = requests.Session()
    browser.get(demo_site.url + "/language/es", timeout=30)
    page = _get(demo_site, path, browser, **SPANISH_BROWSER)
    assert page.status_code == 200
    assert _lang(page) == "en" and 'class="language-switch"' not in page.text


def test_every_text_of_the_website_has_its_spanish():
    missing = [
        gap for gap in gaps() if gap.where.startswith(("bot/web/", "channels/", "bot/staff/"))
    ]
    assert missing == []
