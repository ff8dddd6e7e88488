"""What a course leads to: its occupations with their typical pay near the person, the
courses that prepare for an occupation, and the next stackable credential with the pay
difference the data shows.

A course names its occupations in the catalog (the ``occupations`` column, SOC codes of
Connecticut OEWS occupations). Their pay is the OEWS median in the person's town's
area, statewide where the area has none (:func:`bot.wages.pay.typical_pay_in_town`).
A course's *main* occupation is its best-paid one (by median, hourly figures compared
with yearly ones over 2,080 hours), the first listed when none has published pay: the
pay a credential can lead to, which is what a next step is weighed by.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.courses.search import CourseHit, course_hit, next_course
from bot.db.models import Course, Program, WageOccupation
from bot.i18n import translator
from bot.wages.occupation_names import OCCUPATION_NAMES, occupation_name
from bot.wages.occupations import occupation_search_word
from bot.wages.pay import (
    TypicalPay,
    area_phrase,
    median_amount,
    median_text,
    release_text,
    typical_pay,
    typical_pay_in_town,
)
from bot.wages.source import STATEWIDE

HOURS_A_YEAR = 2080
MAX_TEXT = 200
_LEVEL_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}


@dataclass(frozen=True)
class Outcome:
    """An occupation a course leads to: its name for the reader, a job-search word for
    its postings, and its typical pay in the area asked for (None where unpublished)."""

    soc_code: str
    label: str
    keyword: str | None
    pay: TypicalPay | None


@dataclass(frozen=True)
class NextStep:
    """The next stackable course, and the main occupations of the course before it and
    of the next one, their pay in the same area."""

    course: CourseHit
    now: Outcome | None
    then: Outcome | None

    @property
    def gain(self) -> float | None:
        """How much more an hour the next course's main occupation pays at the median
        (hourly figures only); None when it is not more or cannot be said."""
        now = self.now.pay if self.now else None
        then = self.then.pay if self.then else None
        if now is None or then is None:
            return None
        if now.hourly_median is None or then.hourly_median is None:
            return None
        gain = round(then.hourly_median - now.hourly_median, 2)
        return gain if gain > 0 else None


def _soc_codes(session: Session, course_code: str) -> list[str]:
    course = session.scalar(select(Course).where(Course.code == course_code.strip().upper()))
    return (course.soc_codes or "").split() if course else []


def _titles(session: Session, codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    rows = session.execute(
        select(WageOccupation.soc_code, WageOccupation.title).where(
            WageOccupation.soc_code.in_(codes)
        )
    )
    return dict(rows.all())


def _outcome(code: str, title: str | None, pay: TypicalPay | None, language: str) -> Outcome | None:
    if title is None and code not in OCCUPATION_NAMES:
        return None  # not an occupation of the loaded release: nothing to say about it
    label = occupation_name(code, title or "", language)
    return Outcome(code, label, occupation_search_word(code), pay)


def course_outcomes(
    session: Session, course_code: str, town: str | None, language: str = "en"
) -> list[Outcome]:
    """The occupations ``course_code`` prepares for, in catalog order, with their pay in
    ``town``'s OEWS area (statewide for no town or an unknown one, or where the area has
    none); [] for a course with none or an unknown course."""
    codes = _soc_codes(session, course_code)
    titles = _titles(session, codes)
    found = (
        _outcome(code, titles.get(code), typical_pay_in_town(session, code, town), language)
        for code in codes
    )
    return [outcome for outcome in found if outcome is not None]


def _hourly(pay: TypicalPay | None) -> float | None:
    if pay is None:
        return None
    if pay.hourly_median is not None:
        return pay.hourly_median
    return pay.annual_median / HOURS_A_YEAR if pay.annual_median is not None else None


def main_outcome(outcomes: list[Outcome]) -> Outcome | None:
    """The best-paid outcome (the first listed when none has pay); None for none."""
    paid = [o for o in outcomes if _hourly(o.pay) is not None]
    if paid:
        return max(paid, key=lambda o: _hourly(o.pay))
    return outcomes[0] if outcomes else None


def courses_for_occupation(
    session: Session, soc_code: str, limit: int | None = None
) -> list[CourseHit]:
    """The active courses that prepare for ``soc_code``: beginner level first, then the
    shorter, then by title; [] when none does."""
    rows = session.execute(
        select(Course, Program)
        .join(Program)
        .where(Course.active.is_(True), Course.soc_codes.contains(soc_code))
    ).all()
    hits = [course_hit(c, p) for c, p in rows if soc_code in c.soc_codes.split()]
    hits.sort(
        key=lambda h: (
            _LEVEL_RANK.get(h.level or "", 3),
            h.hours if h.hours is not None else float("inf"),
            h.title.casefold(),
            h.code,
        )
    )
    return hits[:limit] if limit is not None else hits


def _statewide(outcome: Outcome | None, session: Session) -> Outcome | None:
    if outcome is None or outcome.pay is None or outcome.pay.area_code == STATEWIDE:
        return outcome
    pay = typical_pay(session, outcome.soc_code, STATEWIDE)
    return Outcome(outcome.soc_code, outcome.label, outcome.keyword, pay)


def next_step(
    session: Session, course_code: str, town: str | None, language: str = "en"
) -> NextStep | None:
    """The next active course in ``course_code``'s credential pathway, with the main
    occupation of each course; None at the end of a pathway or outside one. When the two
    pays come from different areas (one area publishes no figure for one of them), both
    are given statewide, so that they compare."""
    following = next_course(session, course_code)
    if following is None:
        return None
    now = main_outcome(course_outcomes(session, course_code, town, language))
    then = main_outcome(course_outcomes(session, following.code, town, language))
    if now and then and now.pay and then.pay and now.pay.area_code != then.pay.area_code:
        now, then = _statewide(now, session), _statewide(then, session)
    return NextStep(following, now, then)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def next_step_text(step: NextStep, language: str = "en") -> str:
    """ "Next: 180 Skills CNC Setup Certificate. Machinists earn a median $28/hr in the
    Waterbury-Shelton area vs $23 for quality inspectors (BLS, May 2025)." The pay part
    only when the next course's main occupation pays more (``gain``, also once rounded);
    within about 200 characters."""
    _ = translator(language)
    course = step.course.credential or step.course.title
    text = _("Next: %(course)s.", course=course)
    if step.gain is None or step.now is None or step.then is None:
        return text
    now, then = step.now.pay, step.then.pay
    if median_amount(then) <= median_amount(now):
        return text
    pay = _(
        "%(then)s earn a median %(then_pay)s in %(area)s vs %(now_pay)s for %(now)s "
        "(BLS, %(release)s).",
        then=_capitalized(step.then.label),
        then_pay=median_text(then, language),
        area=area_phrase(then.area_code, then.area_name, language),
        now_pay=f"${median_amount(now)}",
        now=step.now.label,
        release=release_text(then.release, language),
    )
    return f"{text} {pay}" if len(text) + 1 + len(pay) <= MAX_TEXT else text


def outcomes_text(outcomes: list[Outcome], language: str = "en", limit: int = 2) -> str | None:
    """ "Leads to: CNC operators ($28/hr median), machinists ($28/hr) in the
    Waterbury-Shelton area" for the first ``limit`` outcomes; a figure only for those
    paid in the area of the first figure. None for no outcomes."""
    _ = translator(language)
    shown = outcomes[: max(limit, 1)]
    if not shown:
        return None
    area = next((o.pay for o in shown if o.pay is not None), None)
    parts: list[str] = []
    said_median = False
    for outcome in shown:
        pay = outcome.pay
        if area is None or pay is None or pay.area_code != area.area_code:
            parts.append(outcome.label)
        elif not said_median:
            said_median = True
            parts.append(
                _(
                    "%(occupation)s (%(pay)s median)",
                    occupation=outcome.label,
                    pay=median_text(pay, language),
                )
            )
        else:
            parts.append(f"{outcome.label} ({median_text(pay, language)})")
    if area is None:
        return _("Leads to: %(occupations)s", occupations=", ".join(parts))
    return _(
        "Leads to: %(occupations)s in %(area)s",
        occupations=", ".join(parts),
        area=area_phrase(area.area_code, area.area_name, language),
    )
