"""The website in Spanish in real headless Chromium: a Spanish browser's first visit,
the language switch with and without JavaScript, the job board, courses and
eligibility pages, the chat widget sending the page's language to the assistant, and
axe-core's accessibility check of the public pages in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import accessibility_problems


@pytest.fixture
def spanish_page(browser: Browser) -> Iterator[Page]:
    """A page in a browser whose language is Spanish (its Accept-Language says so)."""
    context = browser.new_context(locale="es-US")
    yield context.new_page()
    context.close()


def test_a_spanish_browser_gets_the_site_in_spanish_on_its_first_visit(chat_site, spanish_page):
    page = spanish_page
    page.goto(chat_site.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text("Encuentre trabajo en Connecticut")
    expect(page.get_by_role("navigation", name="Sitio")).to_contain_text("Cursos")
    expect(page.get_by_label("Qué tipo de trabajo")).to_have_attribute(
        "placeholder", "montacargas, CNA, cajero"
    )
    expect(page.get_by_role("link", name="English")).to_have_attribute("lang", "en")


def test_the_switch_flips_the_same_page_and_is_remembered(chat_site, spanish_page):
    page = spanish_page
    search = "/jobs?q=warehouse&place=Hartford&radius=25"
    page.goto(chat_site.url + search)
    expect(page.locator("h1")).to_have_text("Búsqueda de trabajo")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(chat_site.url + search)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Job search")
    expect(page.locator("#q")).to_have_value("warehouse")
    # Remembered: other pages, and the next visit, stay in English.
    page.goto(chat_site.url + "/courses")
    expect(page.locator("h1")).to_have_text("Free online courses")
    page.get_by_role("link", name="Español").click()
    expect(page).to_have_url(chat_site.url + "/courses")
    expect(page.locator("h1")).to_have_text("Cursos gratis en línea")
    page.goto(chat_site.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_the_switch_works_without_javascript(chat_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    try:
        page = context.new_page()
        page.goto(chat_site.url + "/eligibility")
        expect(page.locator("h1")).to_have_text("Can I take free training?")
        page.get_by_role("link", name="Español").click()
        expect(page).to_have_url(chat_site.url + "/eligibility")
        expect(page.locator("h1")).to_have_text("¿Puedo tomar entrenamiento gratis?")
        expect(page.get_by_role("button", name="Verificar")).to_be_visible()
    finally:
        context.close()


def test_the_job_board_in_spanish_from_search_to_apply_link(chat_site, spanish_page):
    page = spanish_page
    page.goto(chat_site.url + "/")
    page.fill("#q", "warehouse")
    page.fill("#place", "Hartford")
    page.select_option("#radius", "50")
    page.get_by_role("button", name="Buscar trabajos").click()
    texts = page.locator("ol.results > li").all_inner_texts()
    assert len(texts) == 10
    assert all(re.search(r"Publicado (hoy|hace \d+ días?)", text) for text in texts)
    applies = page.get_by_role("link", name=re.compile(r"^Solicitar .+ en "))
    expect(applies).to_have_count(10)
    page.get_by_role("link", name="Página siguiente").click()
    expect(page).to_have_url(re.compile(r"page=2$"))
    page.locator("ol.results h3 a").first.click()
    expect(page.locator("dl.job-facts")).to_contain_text("Empleador")
    expect(page.locator("dl.job-facts")).to_contain_text("Publicado")
    expect(page.get_by_role("link", name=re.compile("^Solicitar este trabajo en "))).to_be_visible()


def test_courses_and_eligibility_in_spanish(chat_site, spanish_page):
    page = spanish_page
    page.goto(chat_site.url + "/courses?topic=excel")
    expect(page.locator("h1")).to_have_text("Cursos gratis en línea")
    expect(page.locator("p[role=status]").first).to_have_text(re.compile(r"^Cursos 1 a \d+ de"))
    title = page.locator("ul.results h2").first.inner_text()
    expect(page.locator("button.enroll").first).to_have_accessible_name(f"Inscribirse en {title}")
    page.goto(chat_site.url + "/eligibility?ct_resident=yes")
    expect(page.locator("#outcome-title")).to_have_text("Una respuesta más, por favor")
    expect(page.get_by_role("radio", name="Sí").first).to_be_visible()


def test_enroll_on_a_spanish_page_says_inscribir_and_is_answered_in_spanish(
    chat_site, spanish_page
):
    page = spanish_page
    page.goto(chat_site.url + "/courses?topic=excel")
    button = page.locator("button.enroll").first
    message = button.get_attribute("data-chat-message")
    title = page.locator("ul.results h2").first.inner_text()
    assert message.startswith("inscribir ") and message.split()[1]
    button.click()
    log = page.locator("#chat-log")
    expect(log).to_contain_text(f"Usted: {message}")
    expect(log).to_contain_text(
        f"Asistente: {title} es gratis si usted califica. Primero, unas preguntas",
        timeout=60_000,
    )
    # The page has its own language switch: no "For English, reply ENGLISH" line.
    expect(log).not_to_contain_text("ENGLISH")


def test_the_widget_speaks_the_pages_language_and_sends_it(chat_site, spanish_page):
    page = spanish_page
    page.goto(chat_site.url + "/")
    expect(page.get_by_role("heading", name="Pregúntele al asistente")).to_be_visible()
    page.get_by_label("Su mensaje").fill("busco trabajo en Hartford")
    with page.expect_request(lambda request: request.url.endswith("/chat")) as sent:
        page.get_by_role("button", name="Enviar").click()
    assert sent.value.post_data_json == {"message": "busco trabajo en Hartford", "language": "es"}
    log = page.locator("#chat-log")
    expect(log).to_contain_text("Usted: busco trabajo en Hartford")
    expect(log).to_contain_text("Asistente: Trabajos cerca de Hartford:", timeout=60_000)
    # The widget's own words are Spanish too, its errors included.
    page.get_by_role("link", name="English").click()
    page.get_by_label("Your message").fill("jobs in Hartford")
    with page.expect_request(lambda request: request.url.endswith("/chat")) as sent:
        page.get_by_label("Your message").press("Enter")
    assert sent.value.post_data_json == {"message": "jobs in Hartford", "language": "en"}
    expect(page.locator("#chat-log")).to_contain_text(
        "Assistant: Jobs near Hartford:", timeout=60_000
    )


def test_the_widget_explains_refusals_in_spanish(chat_site, spanish_page):
    page = spanish_page
    page.goto(chat_site.url + "/")
    page.evaluate("document.getElementById('chat-input').removeAttribute('maxlength')")
    page.fill("#chat-input", "x" * 1001)
    page.press("#chat-input", "Enter")
    expect(page.locator("#chat-status")).to_have_text(
        "Los mensajes pueden tener hasta 1,000 caracteres."
    )


PUBLIC_PAGES = [
    "/",
    "/jobs?q=warehouse&place=Waterbury",
    "/jobs/1",
    "/courses?topic=excel",
    "/courses/180-CNC-002?town=Waterbury",
    "/courses/NO-SUCH-9",
    "/eligibility?ct_resident=yes",
    "/eligibility?ct_resident=no",
    "/alerts",
    "/no/such/page",
]


@pytest.mark.parametrize("locale", ["es-US", "en-US"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_the_public_pages_pass_the_accessibility_check_in_both_languages(
    chat_site, browser, locale, path
):
    context = browser.new_context(locale=locale)
    try:
        page = context.new_page()
        page.goto(chat_site.url + path)
        expect(page.locator("html")).to_have_attribute("lang", locale[:2])
        if path == "/":
            expect(page.locator("#chat")).to_be_visible()
        assert accessibility_problems(page) == []
    finally:
        context.close()
