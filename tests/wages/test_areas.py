"""Town -> OEWS area: all 169 towns, each in its planning region and that region's area
(OMB 2023 delineations, used by OEWS since May 2024)."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.geo import resolve, towns
from bot.wages.areas import area_for_place, area_for_town, town_areas
from bot.wages.source import STATEWIDE

REGION_AREAS = {
    "Greater Bridgeport": "0014860",
    "Western Connecticut": "0014860",
    "Capitol": "0025540",
    "Lower Connecticut River Valley": "0025540",
    "South Central Connecticut": "0035300",
    "Southeastern Connecticut": "0035980",
    "Northeastern Connecticut": "0035980",
    "Naugatuck Valley": "0047930",
    "Northwest Hills": "0900001",
}
REGION_TOWN_COUNTS = {
    "Capitol": 38,
    "Greater Bridgeport": 6,
    "Lower Connecticut River Valley": 17,
    "Naugatuck Valley": 19,
    "Northeastern Connecticut": 16,
    "Northwest Hills": 21,
    "South Central Connecticut": 15,
    "Southeastern Connecticut": 19,
    "Western Connecticut": 18,
}


def test_every_town_has_one_row():
    rows = town_areas()
    assert len(rows) == 169
    assert {row.town for row in rows.values()} == {t.name for t in towns()}


def test_each_region_holds_its_towns_and_lies_in_its_area():
    rows = town_areas().values()
    assert Counter(row.planning_region for row in rows) == REGION_TOWN_COUNTS
    assert all(row.area_code == REGION_AREAS[row.planning_region] for row in rows)


def test_every_area_of_the_table_is_an_oews_area_of_the_release(oews_release):
    released = {area.code for area in oews_release.areas}
    assert {row.area_code for row in town_areas().values()} | {STATEWIDE} == released


@pytest.mark.parametrize(
    ("name", "region", "area"),
    [
        ("Shelton", "Naugatuck Valley", "0047930"),
        ("Waterbury", "Naugatuck Valley", "0047930"),
        ("Bristol", "Naugatuck Valley", "0047930"),
        ("Milford", "South Central Connecticut", "0035300"),
        ("Meriden", "South Central Connecticut", "0035300"),
        ("Torrington", "Northwest Hills", "0900001"),
        ("Windham", "Southeastern Connecticut", "0035980"),
        ("Putnam", "Northeastern Connecticut", "0035980"),
        ("Stamford", "Western Connecticut", "0014860"),
        ("Danbury", "Western Connecticut", "0014860"),
        ("Bridgeport", "Greater Bridgeport", "0014860"),
        ("Middletown", "Lower Connecticut River Valley", "0025540"),
        ("Southington", "Capitol", "0025540"),
        ("Hartford", "Capitol", "0025540"),
        ("New London", "Southeastern Connecticut", "0035980"),
    ],
)
def test_towns_whose_area_is_easy_to_get_wrong(name, region, area):
    row = town_areas()[name.lower()]
    assert (row.planning_region, row.area_code) == (region, area)
    assert area_for_town(name) == area


def test_a_town_by_any_spelling_a_resolved_place_or_nothing():
    assert area_for_town("west hartford") == "0025540"
    assert area_for_town(next(t for t in towns() if t.name == "Norwich")) == "0035980"
    assert area_for_town("Springfield") == STATEWIDE
    assert area_for_town(None) == STATEWIDE
    assert area_for_place(resolve("Willimantic")) == "0035980"  # a village of Windham
    assert area_for_place(resolve("Storrs")) == "0025540"  # a village of Mansfield
    assert area_for_place(resolve("06790")) == "0900001"  # Torrington's ZIP
    assert area_for_place(resolve("Boston")) == STATEWIDE
    assert area_for_place(None) == STATEWIDE
