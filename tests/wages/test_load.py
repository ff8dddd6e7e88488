"""load-wages: the real Connecticut rows in the database (SQLite, and PostgreSQL under
make test-db), loaded once per session; reloading changes nothing; a newer release
replaces the older one and an older one is refused."""

from __future__ import annotations

import dataclasses

from click.testing import CliRunner
from sqlalchemy import func, select

from bot.cli import cli
from bot.db import session_scope
from bot.db.models import WageArea, WageFigure, WageOccupation, WageRelease
from bot.wages.load import load_release
from bot.wages.source import STATEWIDE, Figure


def _snapshot(url: str) -> dict:
    with session_scope(url) as session:
        return {
            "releases": session.execute(
                select(WageRelease.code, WageRelease.name, WageRelease.loaded_at)
            ).all(),
            "areas": session.execute(select(WageArea.code, WageArea.name, WageArea.kind)).all(),
            "occupations": session.execute(
                select(func.count()).select_from(WageOccupation)
            ).scalar_one(),
            "figures": sorted(tuple(row) for row in session.execute(select(WageFigure.__table__))),
        }


def test_the_connecticut_rows_are_stored_as_published(wages_url):
    with session_scope(wages_url) as session:
        total = session.get(WageFigure, (STATEWIDE, "00-0000"))
        assert (total.employment, total.hourly_median, total.annual_median) == (
            1_696_170,
            28.70,
            59_690,
        )
        assert total.release_code == "2025A01"
        assert session.get(WageRelease, "2025A01").name == "May 2025"
        # Nursing assistants, statewide and in the Hartford area; welders in Waterbury-Shelton.
        cna = session.get(WageFigure, (STATEWIDE, "31-1131"))
        assert (cna.employment, cna.hourly_median, cna.annual_median) == (21_380, 21.53, 44_790)
        hartford = session.get(WageFigure, ("0025540", "31-1131"))
        assert (hartford.hourly_p25, hartford.hourly_median, hartford.hourly_p75) == (
            19.19,
            21.32,
            22.39,
        )
        assert session.get(WageFigure, ("0047930", "51-4121")).hourly_median == 25.34
        assert session.get(WageOccupation, "31-1131").title == "Nursing Assistants"
        # Missing figures are NULL, not 0.
        teachers = session.get(WageFigure, (STATEWIDE, "25-2021"))
        assert teachers.hourly_median is None and teachers.annual_median == 80_600
        counts = [
            session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (WageArea, WageOccupation, WageFigure)
        ]
        assert counts == [7, 716, 3391]
        zeros = session.execute(
            select(func.count())
            .select_from(WageFigure)
            .where((WageFigure.hourly_median == 0) | (WageFigure.employment == 0))
        ).scalar_one()
        assert zeros == 0


def test_loading_the_same_release_again_changes_nothing(wages_url, oews_release):
    before = _snapshot(wages_url)
    with session_scope(wages_url) as session:
        report = load_release(session, oews_release)
    assert (report.created, report.updated, report.removed, report.unchanged) == (0, 0, 0, 3391)
    assert not report.changed
    assert _snapshot(wages_url) == before


def _newer(release, code="2026A01", name="May 2026"):
    """The release as a newer one might look: other figures, one area fewer."""
    figures = tuple(
        Figure(f.area_code, f.soc_code, {**f.values, "employment": 7})
        for f in release.figures
        if f.area_code != "0900001"
    )
    areas = tuple(a for a in release.areas if a.code != "0900001")
    return dataclasses.replace(release, code=code, name=name, figures=figures, areas=areas)


def test_a_newer_release_replaces_the_older_one_and_an_older_one_is_refused(
    databases, oews_release
):
    url = databases.create("wages_releases")
    with session_scope(url) as session:
        load_release(session, oews_release)
    newer = _newer(oews_release)
    with session_scope(url) as session:
        report = load_release(session, newer)
    assert report.replaced == ["2025A01"]
    assert (report.created, report.removed) == (0, 292)
    assert report.updated == 3391 - 292
    with session_scope(url) as session:
        assert session.scalars(select(WageRelease.name)).all() == ["May 2026"]
        assert session.get(WageArea, "0900001") is None
        total = session.get(WageFigure, (STATEWIDE, "00-0000"))
        assert (total.employment, total.release_code, total.hourly_median) == (7, "2026A01", 28.7)

    with session_scope(url) as session:
        refused = load_release(session, oews_release)
    assert refused.kept_newer == "May 2026 (2026A01)"
    assert "use --force" in refused.line()
    with session_scope(url) as session:
        assert session.scalars(select(WageRelease.code)).all() == ["2026A01"]
        forced = load_release(session, oews_release, force=True)
    assert forced.replaced == ["2026A01"] and forced.created == 292
    with session_scope(url) as session:
        assert session.get(WageFigure, (STATEWIDE, "00-0000")).employment == 1_696_170


def test_load_wages_says_what_it_loaded(wages_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", wages_url)
    result = CliRunner().invoke(cli, ["load-wages"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "wages: BLS OEWS May 2025 (2025A01), 7 areas, 716 occupations; figures: "
        "0 created, 0 updated, 3391 unchanged, 0 removed ("
    )
