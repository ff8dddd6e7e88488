"""Reading search parameters from a request, with clear errors (in English for the
JSON API, in the page's language on the website)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.i18n import N_, Translator
from bot.jobs.job_types import JOB_TYPES
from bot.jobs.search import MAX_RADIUS_MILES, JobQuery

MAX_TEXT = 100
MAX_PAGE = 1000
MAX_PAGE_SIZE = 50


class BadQuery(ValueError):
    """A parameter a person can fix; the message says how (``str()`` in English).
    ``field`` names the parameter, so a page can say it in its own words."""

    def __init__(self, text: str, field: str | None = None, **values: object) -> None:
        super().__init__(text % values if values else text)
        self.text, self.field, self.values = text, field, values

    def said_by(self, _: Translator) -> str:
        """The message in ``_``'s language."""
        return _(self.text, **self.values)


def _number(args: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise BadQuery(N_("%(name)s must be a number"), name, name=name) from None
    if not low <= value <= high:
        raise BadQuery(
            N_("%(name)s must be between %(low)s and %(high)s"),
            name,
            name=name,
            low=f"{low:g}",
            high=f"{high:g}",
        )
    return value


def whole_number(args: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    """The whole number ``name`` from ``args`` between ``low`` and ``high`` (``default``
    when absent); raises BadQuery saying what is wrong."""
    value = _number(args, name, default, low, high)
    if not float(value).is_integer():
        raise BadQuery(N_("%(name)s must be a whole number"), name, name=name)
    return int(value)


def job_query_from(args: Mapping[str, str], default_radius: float, page_size: int) -> JobQuery:
    """Build a JobQuery from query-string arguments (q, place, radius, type, days, page)."""
    keyword = args.get("q", "").strip()
    place = args.get("place", "").strip()
    if len(keyword) > MAX_TEXT or len(place) > MAX_TEXT:
        field = "q" if len(keyword) > MAX_TEXT else "place"
        raise BadQuery(N_("q and place are limited to %(limit)s characters"), field, limit=MAX_TEXT)
    job_type = args.get("type", "").strip() or None
    if job_type is not None and job_type not in JOB_TYPES:
        raise BadQuery(N_("type must be one of %(types)s"), "type", types=", ".join(JOB_TYPES))
    days = whole_number(args, "days", 0, 0, 365)
    return JobQuery(
        keyword=keyword or None,
        place=place or None,
        radius_miles=_number(args, "radius", default_radius, 1, MAX_RADIUS_MILES),
        job_type=job_type,
        posted_within_days=days or None,
        page=whole_number(args, "page", 1, 1, MAX_PAGE),
        page_size=whole_number(args, "size", page_size, 1, MAX_PAGE_SIZE),
    )


def lenient_page(args: Mapping[str, str], _: Translator) -> tuple[int, str | None]:
    """The page number a web page was asked for, and a note (in ``_``'s language) when
    it could not be used as given: garbage or a number below 1 means page 1, a huge
    number the highest page there can be. A mistyped page number never loses the
    search itself."""
    raw = args.get("page", "").strip()
    if not raw:
        return 1, None
    try:
        return whole_number(args, "page", 1, 1, MAX_PAGE), None
    except BadQuery:
        pass
    try:
        number = float(raw)
    except ValueError:
        number = None
    if number is not None and number > MAX_PAGE:
        return MAX_PAGE, _("Results stop at page %(last)s.", last=MAX_PAGE)
    return 1, _("'%(typed)s' is not a page number, so this is page 1.", typed=raw[:20])
