"""The website's language: which one a page is in, the switch between them, and the
one catalog (bot.i18n) behind every ``_("...")`` in templates and views.

A page is in the language the person chose with the switch (the ``lang`` cookie),
else the best match of their browser's ``Accept-Language``, else English. The staff
and employer portals stay in English. The switch is a plain link, so it works
without JavaScript: it sets the cookie and goes back to the page it was on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, redirect, request, url_for
from flask_babel import Babel, get_locale
from werkzeug.wrappers import Response

from bot.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    Translator,
    normalize_language,
    translations,
    translator,
)

COOKIE = "lang"
COOKIE_DAYS = 365
# Blueprints whose pages are only in English (the portals for staff and employers,
# and the staff's phone simulator).
ENGLISH_ONLY = frozenset({"admin", "employers", "simulator"})

bp = Blueprint("language", __name__)


def _english_only() -> bool:
    return request.blueprint in ENGLISH_ONLY


def select_language() -> str:
    """The language of the page being made (see the module docstring)."""
    if _english_only():
        return DEFAULT_LANGUAGE
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def page_language() -> str:
    """The current page's language code ("en" or "es")."""
    return normalize_language(str(get_locale() or DEFAULT_LANGUAGE))


def page_text() -> Translator:
    """The translator of the current page. Name it ``_`` where texts are written, so
    that ``bot.cli messages`` finds them: ``_ = page_text(); _("Jobs near %(town)s", ...)``."""
    return translator(page_language())


def safe_return_path(target: str | None) -> str:
    """``target`` when it is a path on this site, else the home page (the switch must
    not send people to another site)."""
    if not target:
        return url_for("public.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("public.home")
    if "\\" in target:
        return url_for("public.home")
    return target


@bp.get("/language/<language>")
def switch(language: str) -> Response:
    """Remember ``language`` for this browser and go back to the page it came from."""
    response = redirect(safe_return_path(request.args.get("next")), code=303)
    if language in LANGUAGES:
        response.set_cookie(
            COOKIE, language, max_age=COOKIE_DAYS * 24 * 3600, samesite="Lax", httponly=True
        )
    return response


def _switch_link() -> dict[str, object]:
    """What the templates need for ``<html lang>`` and the switch to the other language."""
    language = page_language()
    if _english_only():
        return {"page_language": language, "language_switch": None}
    other = next(code for code in LANGUAGES if code != language)
    here = request.full_path.rstrip("?") if request.query_string else request.path
    return {
        "page_language": language,
        "language_switch": {
            "language": other,
            "name": LANGUAGE_NAMES[other],
            "url": url_for("language.switch", language=other, next=here),
        },
    }


def install(app: Flask) -> None:
    """Set up Flask-Babel with the locale selector, and make the templates' ``_`` and
    ``ngettext`` read bot.i18n's catalog (one catalog, nothing to compile)."""
    Babel(app, locale_selector=select_language, default_locale=DEFAULT_LANGUAGE)
    # Jinja's newstyle gettext fills the named placeholders itself (autoescaped).
    app.jinja_env.install_gettext_callables(
        gettext=lambda text: translations(page_language()).gettext(text),
        ngettext=lambda one, many, n: translations(page_language()).ngettext(one, many, n),
        newstyle=True,
    )
    app.context_processor(_switch_link)
    app.after_request(_varies_by_language)
    app.register_blueprint(bp)


def _varies_by_language(response: Response) -> Response:
    """Caches must keep a page per language asked for."""
    response.vary.update(("Accept-Language", "Cookie"))
    return response
