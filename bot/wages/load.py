"""Loading the Connecticut OEWS rows into the project's database, idempotently.

A second load of the same release changes nothing; a newer release replaces the
figures, areas and occupations of the older one; an older release than the one
stored is refused unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db.models import WageArea, WageFigure, WageOccupation, WageRelease
from bot.wages.source import FIGURE_COLUMNS, OewsRelease

_FIGURES = WageFigure.__table__
_KEY = and_(_FIGURES.c.area_code == bindparam("k_area"), _FIGURES.c.soc_code == bindparam("k_soc"))


@dataclass
class LoadReport:
    """What one load did."""

    release: str
    release_name: str
    areas: int = 0
    occupations: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    replaced: list[str] = field(default_factory=list)
    kept_newer: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed or self.replaced)

    def line(self) -> str:
        if self.kept_newer:
            return (
                f"wages: kept the stored OEWS release {self.kept_newer}; the package ships "
                f"the older {self.release_name} ({self.release}); use --force to load it"
            )
        line = (
            f"wages: BLS OEWS {self.release_name} ({self.release}), {self.areas} areas, "
            f"{self.occupations} occupations; figures: {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.removed} removed"
        )
        if self.replaced:
            line += f"; replaced release {', '.join(self.replaced)}"
        return line


def _upsert_rows(session: Session, model, key: str, rows: dict[str, dict]) -> None:
    """Insert or update ``rows`` (primary key -> column values) and delete the stored
    rows they do not name, changing only what differs."""
    stored = {getattr(row, key): row for row in session.scalars(select(model))}
    for code, values in rows.items():
        row = stored.get(code)
        if row is None:
            session.add(model(**{key: code}, **values))
        else:
            for column, value in values.items():
                if getattr(row, column) != value:
                    setattr(row, column, value)
    session.flush()


def _remove_unnamed(session: Session, model, key: str, codes: set[str]) -> None:
    column = getattr(model, key)
    session.execute(
        delete(model).where(column.not_in(codes)).execution_options(synchronize_session=False)
    )


def load_release(
    session: Session, release: OewsRelease, now: datetime | None = None, force: bool = False
) -> LoadReport:
    """Store ``release``'s Connecticut rows; see the module's docstring for the rules."""
    report = LoadReport(release=release.code, release_name=release.name)
    stored_releases = {row.code: row for row in session.scalars(select(WageRelease))}
    newer = sorted(code for code in stored_releases if code > release.code)
    if newer and not force:
        report.kept_newer = f"{stored_releases[newer[-1]].name} ({newer[-1]})"
        return report
    if release.code not in stored_releases:
        session.add(
            WageRelease(
                code=release.code,
                name=release.name,
                source=release.source,
                loaded_at=now or utcnow(),
            )
        )
    else:
        row = stored_releases[release.code]
        if (row.name, row.source) != (release.name, release.source):
            row.name, row.source = release.name, release.source
    _upsert_rows(
        session, WageArea, "code", {a.code: {"name": a.name, "kind": a.kind} for a in release.areas}
    )
    _upsert_rows(
        session,
        WageOccupation,
        "soc_code",
        {o.soc_code: {"title": o.title, "level": o.level} for o in release.occupations},
    )
    _load_figures(session, release, report)
    _remove_unnamed(session, WageOccupation, "soc_code", {o.soc_code for o in release.occupations})
    _remove_unnamed(session, WageArea, "code", {a.code for a in release.areas})
    report.replaced = sorted(code for code in stored_releases if code != release.code)
    if report.replaced:
        _remove_unnamed(session, WageRelease, "code", {release.code})
    report.areas = len(release.areas)
    report.occupations = len(release.occupations)
    return report


def _load_figures(session: Session, release: OewsRelease, report: LoadReport) -> None:
    columns = ["release_code", *FIGURE_COLUMNS]
    stored = {
        (row.area_code, row.soc_code): tuple(getattr(row, c) for c in columns)
        for row in session.execute(select(_FIGURES))
    }
    inserts, updates = [], []
    for figure in release.figures:
        values = {"release_code": release.code, **figure.values}
        key = (figure.area_code, figure.soc_code)
        before = stored.pop(key, None)
        if before is None:
            inserts.append({"area_code": key[0], "soc_code": key[1], **values})
        elif before != tuple(values[c] for c in columns):
            updates.append({"k_area": key[0], "k_soc": key[1], **values})
        else:
            report.unchanged += 1
    if inserts:
        session.execute(insert(_FIGURES), inserts)
    if updates:
        statement = update(_FIGURES).where(_KEY).values({c: bindparam(c) for c in columns})
        session.execute(statement, updates)
    if stored:
        removals = [{"k_area": area, "k_soc": soc} for area, soc in stored]
        session.execute(delete(_FIGURES).where(_KEY), removals)
    report.created, report.updated, report.removed = len(inserts), len(updates), len(stored)
