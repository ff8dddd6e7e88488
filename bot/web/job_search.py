"""The job search results page: what was searched, in words (the page title and the
"Showing results for" line), how many jobs matched, and plain-word help when the search
could not be run as typed (a setting that cannot be read, a place we cannot find or
that could be several towns). The view in bot.web.public only renders what is built
here; the result cards themselves are bot.web.job_board's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from flask import url_for
from sqlalchemy.orm import Session

from bot.i18n import N_, Translator
from bot.jobs.search import JobQuery
from bot.jobs.search_log import JOB_BOARD
from bot.jobs.search_service import SearchResult, find_jobs
from bot.jobs.text import keyword_label, words
from bot.text import fold
from bot.web import job_board
from bot.web.queries import BadQuery, job_query_from, lenient_page

PAGE_SIZE = 10
# Counting stops here: "more than 1,000 jobs" is all a person needs to know.
COUNT_CAP = 1000
PAST_THE_END = N_("That page is past the end of the results: this is the last page, page %(last)s.")
WIDENED = N_("No jobs within %(asked)s miles; showing jobs within %(used)s miles.")
# What to say about a setting of the search form that cannot be read (a changed link).
PLAIN_PROBLEMS = {
    "q": N_("Use at most 100 letters to say what kind of job you want."),
    "place": N_("Use at most 100 letters for the town or ZIP code."),
    "radius": N_("Choose a distance from the list."),
    "type": N_("Choose a job type from the list."),
    "days": N_("Choose how recently the jobs were posted from the list."),
    "size": N_("That link asks for a page size we do not offer. Search again below."),
}
NOTHING_TO_SEARCH = N_("Type what kind of job you want, a town or ZIP code, or both.")


@dataclass
class ResultsPage:
    """Everything the results page shows besides the form's own choices."""

    query: JobQuery | None = None
    result: SearchResult | None = None
    rows: list[dict] = field(default_factory=list)
    error: str | None = None
    # Towns the place could mean, each with the link that searches it.
    place_choices: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title: str | None = None
    count: str | None = None

    @property
    def status(self) -> int:
        """400 when the search could not be read at all, else 200."""
        return 400 if self.error and self.query is None else 200


def _problem_text(problem: BadQuery, _: Translator) -> str:
    plain = PLAIN_PROBLEMS.get(problem.field or "")
    return _(plain) if plain else problem.said_by(_)


def search_name(keyword: str | None, town: str | None, _: Translator) -> str:
    """ "Warehouse jobs near Hartford", "Jobs near Hartford", "CNA jobs" or "Jobs"."""
    label = keyword_label(keyword)
    if label and town:
        text = _("%(keyword)s jobs near %(town)s", keyword=label, town=town)
    elif town:
        text = _("Jobs near %(town)s", town=town)
    elif label:
        text = _("%(keyword)s jobs", keyword=label)
    else:
        text = _("Jobs")
    return text[:1].upper() + text[1:]


def _corrected_keyword(keyword: str | None, corrections: Mapping[str, str]) -> str | None:
    """``keyword`` with each misspelled word replaced by the word searched instead."""
    if not keyword or not corrections:
        return keyword
    fixed = []
    for word in keyword.split():
        searched = words(word)
        fixed.append(corrections.get(searched[0], word) if len(searched) == 1 else word)
    return " ".join(fixed)


def _place_was_corrected(typed: str | None, result: SearchResult) -> bool:
    """True when the town searched is not what was typed (a typo, not a ZIP or the
    town's own name)."""
    place = result.page.place
    if not typed or place is None or place.status != "found" or place.matched is None:
        return False
    said = fold(typed)
    return said not in (fold(place.matched), fold(place.town.name)) and not said.isdigit()


def _count_text(result: SearchResult, _: Translator) -> str | None:
    total = result.page.total
    if total is None or not result.page.hits:
        return None
    if total > COUNT_CAP:
        found = _("More than %(count)s jobs found.", count=f"{COUNT_CAP:,}")
    else:
        found = _.plural("%(count)s job found.", "%(count)s jobs found.", total)
    pages = -(-min(total, COUNT_CAP) // PAGE_SIZE)
    if pages > 1:
        found += " " + _("Page %(page)s of %(pages)s.", page=result.page.page, pages=pages)
    return found


def _place_problem(page: ResultsPage, args: Mapping[str, str], _: Translator) -> None:
    """Say why the place could not be searched: several towns (each offered as a link
    that searches it), a ZIP code outside Connecticut, or a name we do not know."""
    assert page.result is not None and page.query is not None
    place = page.result.page.place
    typed = page.query.place or ""
    if place.status == "ambiguous":
        page.error = _("'%(place)s' could be more than one town. Which one?", place=typed)
        kept = {name: args[name] for name in job_board.SEARCH_ARGS if args.get(name)}
        page.place_choices = [
            {"town": town, "url": url_for("public.jobs", **{**kept, "place": town})}
            for town in place.candidates
        ]
    elif place.reason == "not_ct_zip":
        page.error = _(
            "%(zip)s is not a Connecticut ZIP code. Connecticut ZIP codes start with 06; "
            "you can also type a town.",
            zip=typed,
        )
    else:
        page.error = _(
            "We could not find a Connecticut town called '%(place)s'. Check the spelling, "
            "or type a ZIP code.",
            place=typed,
        )


def results_page(
    db: Session, args: Mapping[str, str], public_base_url: str, default_radius: float, _: Translator
) -> ResultsPage:
    """Run the search the query string asks for and say what it found, in ``_``'s
    language. A search that cannot run says why in plain words, and the form keeps
    what was typed."""
    page = ResultsPage()
    number, note = lenient_page(args, _)
    if note:
        page.notes.append(note)
    # The page number is read leniently above: a mistyped one never loses the search.
    search_args = {name: value for name, value in args.items() if name != "page"}
    try:
        page.query = job_query_from(search_args, default_radius, PAGE_SIZE)
    except BadQuery as problem:
        page.error = _problem_text(problem, _)
        return page
    query = page.query
    if not (query.keyword or query.place):
        if search_args:
            page.error = _(NOTHING_TO_SEARCH)
        return page
    query = replace(query, page=number)
    page.result = result = find_jobs(
        db, query, JOB_BOARD, last_page_when_past_end=True, count_up_to=COUNT_CAP
    )
    if result.page.place_problem:
        _place_problem(page, args, _)
        return page
    if result.page.page != query.page:
        page.notes.append(_(PAST_THE_END, last=result.page.page))
    keyword = _corrected_keyword(query.keyword, result.page.corrections)
    name = search_name(keyword, result.town, _)
    if keyword != query.keyword or _place_was_corrected(query.place, result):
        page.notes.insert(0, _("Showing results for %(search)s.", search=name))
    if result.widened:
        used = f"{result.radius_miles:g}"
        page.notes.append(_(WIDENED, asked=f"{query.radius_miles:g}", used=used))
    page.title = (
        name
        if result.page.page == 1
        else _("%(search)s, page %(page)s", search=name, page=result.page.page)
    )
    page.count = _count_text(result, _)
    page.rows = job_board.result_rows(db, result.page, public_base_url)
    return page
