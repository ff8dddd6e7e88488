"""What an occupation typically pays in a Connecticut OEWS area, and the text that says it.

``typical_pay(session, "31-1131", "0025540")`` gives the median and the middle half
(25th-75th percentile; the 10th-90th when BLS publishes only those) of nursing
assistants' pay in the Hartford area; where the area has no published figure the
statewide one is given and the result says so. Hourly figures are shown for
occupations BLS publishes by the hour, yearly ones for those paid by the year
(teachers). Texts come from the catalog, in the reader's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import WageArea, WageFigure, WageOccupation, WageRelease
from bot.geo import Town
from bot.i18n import N_, translator
from bot.jobs.format import pay_text
from bot.wages.areas import area_for_town
from bot.wages.occupation_names import occupation_name
from bot.wages.occupations import DETAILED_LEVEL
from bot.wages.source import STATEWIDE

# Translators: the OEWS areas as texts name them ("Typical pay for cooks in the
# Hartford area").
AREA_PHRASES = {
    STATEWIDE: N_("Connecticut"),
    "0014860": N_("the Bridgeport-Stamford-Danbury area"),
    "0025540": N_("the Hartford area"),
    "0035300": N_("the New Haven area"),
    "0035980": N_("the Norwich-New London area"),
    "0047930": N_("the Waterbury-Shelton area"),
    "0900001": N_("northwest Connecticut"),
}
_RELEASE = re.compile(r"^May (\d{4})$")


@dataclass(frozen=True)
class TypicalPay:
    """An occupation's pay in one area, from one OEWS release.

    ``low`` and ``high`` (hourly and annual) are the percentiles ``pay_range`` names,
    "25-75" or "10-90"; None where BLS publishes neither pair. When the area asked for
    had no published figure, the figures are statewide and ``asked_area_code`` names
    the area asked for.
    """

    soc_code: str
    occupation: str
    area_code: str
    area_name: str
    release: str
    release_code: str
    hourly_median: float | None
    hourly_low: float | None
    hourly_high: float | None
    annual_median: int | None
    annual_low: int | None
    annual_high: int | None
    pay_range: str | None
    employment: int | None
    asked_area_code: str | None = None
    asked_area_name: str | None = None

    @property
    def fallback(self) -> bool:
        """Whether these are statewide figures given for an area without its own."""
        return self.asked_area_code is not None

    @property
    def unit(self) -> str:
        """ "hour" for occupations BLS publishes hourly wages of, else "year"."""
        return "hour" if self.hourly_median is not None else "year"


def _has_pay(figure: WageFigure | None) -> bool:
    return figure is not None and (
        figure.hourly_median is not None or figure.annual_median is not None
    )


def _range(figure: WageFigure, unit: str) -> str | None:
    prefix = "hourly" if unit == "hour" else "annual"
    for low, high, name in (("p25", "p75", "25-75"), ("p10", "p90", "10-90")):
        if None not in (getattr(figure, f"{prefix}_{low}"), getattr(figure, f"{prefix}_{high}")):
            return name
    return None


def typical_pay(session: Session, soc_code: str, area_code: str | None = None) -> TypicalPay | None:
    """``soc_code``'s pay in ``area_code`` (statewide when None), falling back to the
    statewide figures when the area has none; None when neither is published."""
    area_code = area_code or STATEWIDE
    rows = session.execute(
        select(WageFigure, WageOccupation.title, WageArea.name, WageRelease.name)
        .join(WageOccupation, WageOccupation.soc_code == WageFigure.soc_code)
        .join(WageArea, WageArea.code == WageFigure.area_code)
        .join(WageRelease, WageRelease.code == WageFigure.release_code)
        .where(WageFigure.soc_code == soc_code, WageFigure.area_code.in_({area_code, STATEWIDE}))
    ).all()
    by_area = {row[0].area_code: row for row in rows}
    asked_code = asked_name = None
    chosen = by_area.get(area_code)
    if not _has_pay(chosen[0] if chosen else None):
        chosen = by_area.get(STATEWIDE)
        if not _has_pay(chosen[0] if chosen else None):
            return None
        if area_code != STATEWIDE:
            asked_code = area_code
            asked_name = session.scalar(select(WageArea.name).where(WageArea.code == area_code))
    figure, title, area_name, release = chosen
    unit = "hour" if figure.hourly_median is not None else "year"
    pay_range = _range(figure, unit)
    low, high = {"25-75": ("p25", "p75"), "10-90": ("p10", "p90")}.get(pay_range, (None, None))
    return TypicalPay(
        soc_code=soc_code,
        occupation=title,
        area_code=figure.area_code,
        area_name=area_name,
        release=release,
        release_code=figure.release_code,
        hourly_median=figure.hourly_median,
        hourly_low=getattr(figure, f"hourly_{low}") if low else None,
        hourly_high=getattr(figure, f"hourly_{high}") if high else None,
        annual_median=figure.annual_median,
        annual_low=getattr(figure, f"annual_{low}") if low else None,
        annual_high=getattr(figure, f"annual_{high}") if high else None,
        pay_range=pay_range,
        employment=figure.employment,
        asked_area_code=asked_code,
        asked_area_name=asked_name,
    )


def published_occupations(session: Session) -> frozenset[str]:
    """The SOC codes of the detailed occupations with a published statewide median
    (hourly or annual); empty when no release is loaded."""
    rows = session.execute(
        select(WageFigure.soc_code)
        .join(WageOccupation, WageOccupation.soc_code == WageFigure.soc_code)
        .where(
            WageFigure.area_code == STATEWIDE,
            WageOccupation.level == DETAILED_LEVEL,
            (WageFigure.hourly_median.is_not(None)) | (WageFigure.annual_median.is_not(None)),
        )
    ).scalars()
    return frozenset(rows)


def occupation_title(session: Session, soc_code: str) -> str | None:
    """``soc_code``'s OEWS title ("Welders, Cutters, Solderers, and Brazers"), None
    when no release names it."""
    return session.scalar(select(WageOccupation.title).where(WageOccupation.soc_code == soc_code))


def typical_pay_in_town(
    session: Session, soc_code: str, town: str | Town | None
) -> TypicalPay | None:
    """``soc_code``'s pay in the OEWS area of ``town`` (statewide for none or unknown)."""
    return typical_pay(session, soc_code, area_for_town(town))


def area_phrase(area_code: str, area_name: str | None, language: str = "en") -> str:
    """How a text names an OEWS area ("the Hartford area", "Connecticut")."""
    phrase = AREA_PHRASES.get(area_code)
    if phrase:
        return translator(language)(phrase)
    return re.sub(r",\s*CT$", "", area_name or "") or translator(language)(AREA_PHRASES[STATEWIDE])


def release_text(release: str, language: str = "en") -> str:
    """The release as a text names it: "May 2025", "mayo de 2025"."""
    _ = translator(language)
    match = _RELEASE.match(release)
    # Translators: an OEWS release, always published for May ("May 2025").
    return _("May %(year)s", year=match.group(1)) if match else release


def _whole(amount: float) -> int:
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _rounded(amount: float | None, unit: str) -> int | None:
    """Whole dollars an hour, thousands a year."""
    if amount is None:
        return None
    return _whole(amount) if unit == "hour" else _whole(amount / 1000) * 1000


def median_amount(pay: TypicalPay) -> int | None:
    """The median as texts show it: whole dollars an hour, whole thousands a year."""
    unit = pay.unit
    return _rounded(pay.hourly_median if unit == "hour" else pay.annual_median, unit)


def median_text(pay: TypicalPay, language: str = "en") -> str:
    """The median with its unit, as texts show it: "$24/hr", "$62k/yr"."""
    return pay_text(median_amount(pay), None, pay.unit, language=language) or ""


def typical_pay_text(pay: TypicalPay, language: str = "en", occupation: str | None = None) -> str:
    """ "Typical pay for nursing assistants in the Hartford area: $19-$22/hr, median $21
    (BLS, May 2025)", the occupation named as in bot.wages.occupation_names;
    ``occupation`` replaces that name (the person's own word, "CNAs"). Statewide figures
    given for an area without its own say so."""
    _ = translator(language)
    unit = pay.unit
    median = pay.hourly_median if unit == "hour" else pay.annual_median
    low = _rounded(pay.hourly_low if unit == "hour" else pay.annual_low, unit)
    high = _rounded(pay.hourly_high if unit == "hour" else pay.annual_high, unit)
    median = _rounded(median, unit)
    if low is not None and high is not None:
        figures = _(
            "%(range)s, median %(median)s",
            range=pay_text(low, high, unit, language=language),
            median=f"${median}" if unit == "hour" else f"${median // 1000}k",
        )
    else:
        figures = _("median %(median)s", median=pay_text(median, None, unit, language=language))
    values = {
        "occupation": occupation or occupation_name(pay.soc_code, pay.occupation, language),
        "area": area_phrase(pay.area_code, pay.area_name, language),
        "figures": figures,
        "release": release_text(pay.release, language),
    }
    if pay.fallback:
        return _(
            "Typical pay for %(occupation)s in %(area)s: %(figures)s (BLS, %(release)s; "
            "none published for %(asked)s)",
            asked=area_phrase(pay.asked_area_code, pay.asked_area_name, language),
            **values,
        )
    return _("Typical pay for %(occupation)s in %(area)s: %(figures)s (BLS, %(release)s)", **values)
