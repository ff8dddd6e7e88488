"""Behaviour of bot.geo: reference data sanity, distances and free-text place resolution."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import zipcodes

from bot.geo import (
    PlaceMatch,
    Town,
    distance_miles,
    resolve,
    town,
    towns,
    towns_within,
    zip_code,
)

GEO_DIR = Path(__file__).resolve().parents[2] / "bot" / "geo"
CT_ZIPS = zipcodes.filter_by(state="CT")
AMBIGUOUS = "AMBIGUOUS"

COUNTY_TOWN_COUNTS = {
    "Fairfield": 23,
    "Hartford": 29,
    "Litchfield": 26,
    "Middlesex": 15,
    "New Haven": 27,
    "New London": 21,
    "Tolland": 13,
    "Windham": 15,
}

# (text, expected town | AMBIGUOUS | None, expected candidates when ambiguous)
RESOLVE_TABLE: list[tuple[str, str | None, tuple[str, ...]]] = [
    # exact town names, any case
    ("Hartford", "Hartford", ()),
    ("hartford", "Hartford", ()),
    ("NEW HAVEN", "New Haven", ()),
    ("West Hartford", "West Hartford", ()),
    ("Windsor", "Windsor", ()),
    ("Windsor Locks", "Windsor Locks", ()),
    ("Canaan", "Canaan", ()),
    ("North Canaan", "North Canaan", ()),
    ("Lyme", "Lyme", ()),
    ("Union", "Union", ()),
    ("Marlborough", "Marlborough", ()),
    ("Marlboro", "Marlborough", ()),
    # villages and postal names
    ("Storrs", "Mansfield", ()),
    ("storrs mansfield", "Mansfield", ()),
    ("Storrs-Mansfield", "Mansfield", ()),
    ("Mystic", "Stonington", ()),
    ("West Mystic", "Groton", ()),
    ("Rockville", "Vernon", ()),
    ("Vernon Rockville", "Vernon", ()),
    ("Pawcatuck", "Stonington", ()),
    ("Niantic", "East Lyme", ()),
    ("Noank", "Groton", ()),
    ("Willimantic", "Windham", ()),
    ("Winsted", "Winchester", ()),
    ("Danielson", "Killingly", ()),
    ("Dayville", "Killingly", ()),
    ("Ballouville", "Killingly", ()),
    ("Unionville", "Farmington", ()),
    ("Collinsville", "Canton", ()),
    ("Terryville", "Plymouth", ()),
    ("Moosup", "Plainfield", ()),
    ("Uncasville", "Montville", ()),
    ("Gales Ferry", "Ledyard", ()),
    ("Taftville", "Norwich", ()),
    ("Jewett City", "Griswold", ()),
    ("Baltic", "Sprague", ()),
    ("North Franklin", "Franklin", ()),
    ("East Hartland", "Hartland", ()),
    ("Stafford Springs", "Stafford", ()),
    ("Stony Creek", "Branford", ()),
    ("Cos Cob", "Greenwich", ()),
    ("Riverside", "Greenwich", ()),
    ("Old Greenwich", "Greenwich", ()),
    ("Byram", "Greenwich", ()),
    ("Georgetown", "Redding", ()),
    ("Falls Village", "Canaan", ()),
    ("Mansfield Ctr", "Mansfield", ()),
    ("mt carmel", "Hamden", ()),
    # abbreviations
    ("nhv", "New Haven", ()),
    ("hfd", "Hartford", ()),
    ("Htfd", "Hartford", ()),
    ("bpt", "Bridgeport", ()),
    # ZIP codes
    ("06106", "Hartford", ()),
    ("06106-1234", "Hartford", ()),
    ("06510", "New Haven", ()),
    ("06268", "Mansfield", ()),
    ("06268 Storrs", "Mansfield", ()),
    ("06018", "North Canaan", ()),
    ("Hartford, CT 06103", "Hartford", ()),
    ("New Haven 06106", "Hartford", ()),
    ("10001", None, ()),
    ("02134", None, ()),
    # direction abbreviations
    ("W Hartford", "West Hartford", ()),
    ("W. Hartford", "West Hartford", ()),
    ("wst hartford", "West Hartford", ()),
    ("So Windsor", "South Windsor", ()),
    ("S. Windsor", "South Windsor", ()),
    ("E Haven", "East Haven", ()),
    ("e. hartford", "East Hartford", ()),
    ("N Haven", "North Haven", ()),
    ("no branford", "North Branford", ()),
    ("No. Stonington", "North Stonington", ()),
    # typos
    ("Hartfrod", "Hartford", ()),
    ("new havn", "New Haven", ()),
    ("Bridgport", "Bridgeport", ()),
    ("Wethersfeild", "Wethersfield", ()),
    ("Middeltown", "Middletown", ()),
    ("Norwhich", "Norwich", ()),
    ("Waterbery", "Waterbury", ()),
    ("Danbery", "Danbury", ()),
    ("Milfrod", "Milford", ()),
    ("Glastonbery", "Glastonbury", ()),
    ("Manchster", "Manchester", ()),
    ("Enfeild", "Enfield", ()),
    ("w hartfrod", "West Hartford", ()),
    ("westhartford", "West Hartford", ()),
    ("Stanford", AMBIGUOUS, ("Stafford", "Stamford")),
    ("est haven", AMBIGUOUS, ("East Haven", "West Haven")),
    # filler around the place
    ("in hartford", "Hartford", ()),
    ("near new haven ct", "New Haven", ()),
    ("around Storrs, Connecticut", "Mansfield", ()),
    ("at Mystic CT please", "Stonington", ()),
    ("downtown new haven", "New Haven", ()),
    ("the hartford area", "Hartford", ()),
    ("city of new london", "New London", ()),
    ("Rockville, CT", "Vernon", ()),
    # partial names
    ("Haven", AMBIGUOUS, ("East Haven", "New Haven", "North Haven", "West Haven")),
    ("Saybrook", "Old Saybrook", ()),
    ("hartford or new haven", AMBIGUOUS, ("Hartford", "New Haven")),
    # junk
    ("jobs", None, ()),
    ("near me", None, ()),
    ("asdf", None, ()),
    ("warehouse", None, ()),
    ("hello", None, ()),
    ("boston", None, ()),
    ("new york", None, ()),
    ("new", None, ()),
    ("e", None, ()),
    ("\U0001f600\U0001f44d", None, ()),
]


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (GEO_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@pytest.mark.parametrize(("text", "expected", "candidates"), RESOLVE_TABLE)
def test_resolve_table(text: str, expected: str | None, candidates: tuple[str, ...]) -> None:
    result = resolve(text)
    if expected is None:
        assert result.status == "none", result
        assert result.town is None
    elif expected == AMBIGUOUS:
        assert result.status == "ambiguous", result
        assert result.candidates == candidates
        assert result.town is None
    else:
        assert result.status == "found", result
        assert result.town is not None and result.town.name == expected
        assert result.matched
        assert result.lat is not None and result.lon is not None


def test_resolve_table_is_large_enough() -> None:
    assert len(RESOLVE_TABLE) >= 70
    assert len({text for text, _, _ in RESOLVE_TABLE}) == len(RESOLVE_TABLE)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_blank_input_is_empty(text: str) -> None:
    result = resolve(text)
    assert (result.status, result.reason) == ("none", "empty")


@pytest.mark.parametrize("text", ["jobs", "near me", "boston", "\U0001f600", "x" * 2000])
def test_junk_is_unknown(text: str) -> None:
    assert resolve(text) == PlaceMatch("none", None, None, None, None, reason="unknown")


@pytest.mark.parametrize("text", ["10001", "02134-0001", "Boston 02134"])
def test_non_ct_zip(text: str) -> None:
    result = resolve(text)
    assert (result.status, result.reason) == ("none", "not_ct_zip")


def test_standard_zip_gives_zip_point_and_match() -> None:
    result = resolve("Storrs CT 06268")
    zc = zip_code("06268")
    assert zc is not None and zc.kind == "STANDARD"
    assert result.matched == "06268"
    assert (result.lat, result.lon) == (zc.lat, zc.lon)


def test_non_standard_zip_falls_back_to_town_center() -> None:
    po_box = next(z["zip_code"] for z in CT_ZIPS if z["zip_code_type"] == "PO BOX")
    zc = zip_code(po_box)
    assert zc is not None and zc.lat is None and zc.lon is None
    result = resolve(po_box)
    assert result.status == "found" and result.town is not None
    assert result.town.name == zc.town
    assert (result.lat, result.lon) == (result.town.lat, result.town.lon)


def test_alias_match_reports_the_alias_and_town_center() -> None:
    result = resolve("near Storrs")
    mansfield = town("Mansfield")
    assert result.matched == "Storrs"
    assert mansfield is not None and (result.lat, result.lon) == (mansfield.lat, mansfield.lon)


def test_whole_town_name_is_not_ambiguous() -> None:
    result = resolve("Hartford")
    assert result.status == "found" and result.matched == "Hartford"


def test_long_input_is_unknown() -> None:
    assert resolve("near " + "lorem ipsum dolor sit amet " * 80).status == "none"


def test_169_towns_sorted_and_unique() -> None:
    all_towns = towns()
    names = [t.name for t in all_towns]
    assert len(all_towns) == 169
    assert names == sorted(names)
    assert len(set(names)) == 169
    assert all(isinstance(t, Town) for t in all_towns)


def test_county_counts() -> None:
    assert Counter(t.county for t in towns()) == COUNTY_TOWN_COUNTS


def test_town_lookup_is_case_insensitive() -> None:
    found = town("west HARTFORD")
    assert found is not None and found.name == "West Hartford" and found.county == "Hartford"
    assert town("Storrs") is None
    assert town("Boston") is None


def test_town_coordinates_are_in_connecticut() -> None:
    for t in towns():
        assert 40.95 < t.lat < 42.06, t
        assert -73.75 < t.lon < -71.78, t


def test_every_ct_zip_maps_to_a_town() -> None:
    assert len(CT_ZIPS) >= 400
    for record in CT_ZIPS:
        zc = zip_code(record["zip_code"])
        assert zc is not None, record["zip_code"]
        found = town(zc.town)
        assert found is not None, zc
        assert zc.code in found.zips
        assert zc.kind == record["zip_code_type"]
        assert zc.postal_city == record["city"].title()


def test_zip_lists_cover_every_ct_zip_once() -> None:
    listed = [code for t in towns() for code in t.zips]
    assert len(listed) == len(set(listed)) == len(CT_ZIPS)


def test_zip_code_rejects_non_ct() -> None:
    assert zip_code("10001") is None
    assert zip_code("99999") is None
    hartford = zip_code("06106")
    assert hartford is not None and hartford.town == "Hartford" and hartford.lat is not None


def test_town_coordinates_agree_with_zip_centroids() -> None:
    checked = 0
    for t in towns():
        points = [
            (zc.lat, zc.lon)
            for zc in map(zip_code, t.zips)
            if zc is not None and zc.kind == "STANDARD" and zc.lat is not None
        ]
        if not points:
            continue
        mean_lat = sum(p[0] for p in points) / len(points)
        mean_lon = sum(p[1] for p in points) / len(points)
        assert distance_miles(t.lat, t.lon, mean_lat, mean_lon) < 12, t.name
        checked += 1
    assert checked >= 150


def test_aliases_csv_is_consistent() -> None:
    town_names = {t.name for t in towns()}
    rows = _csv_rows("aliases.csv")
    names = [row["name"].lower() for row in rows]
    assert len(names) == len(set(names))
    for row in rows:
        assert row["town"] in town_names, row
        assert row["name"] not in town_names, row
        assert row["kind"] in {"village", "postal", "alias"}, row


def test_every_postal_city_is_a_town_or_alias() -> None:
    known = {t.name.lower() for t in towns()} | {
        r["name"].lower() for r in _csv_rows("aliases.csv")
    }
    cities = {record["city"].lower() for record in CT_ZIPS}
    assert cities - known == set()


def test_every_postal_city_resolves_to_its_zip_town() -> None:
    for record in CT_ZIPS:
        zc = zip_code(record["zip_code"])
        assert zc is not None
        if zc.postal_city == "Canaan":
            continue
        result = resolve(zc.postal_city)
        assert result.status == "found", zc
        assert result.town is not None and result.town.name == zc.town, zc


def test_distance_hartford_new_haven() -> None:
    hartford, new_haven = town("Hartford"), town("New Haven")
    assert hartford is not None and new_haven is not None
    miles = distance_miles(hartford.lat, hartford.lon, new_haven.lat, new_haven.lon)
    assert 30 <= miles <= 38
    assert distance_miles(new_haven.lat, new_haven.lon, hartford.lat, hartford.lon) == miles


def test_distance_zero_and_known_value() -> None:
    assert distance_miles(41.76, -72.68, 41.76, -72.68) == 0
    # One degree of latitude is about 69 miles.
    assert distance_miles(41.0, -72.0, 42.0, -72.0) == pytest.approx(69.1, abs=0.3)


def test_towns_within_hartford() -> None:
    hartford = town("Hartford")
    assert hartford is not None
    nearby = towns_within(hartford.lat, hartford.lon, 10)
    names = [t.name for t, _ in nearby]
    assert names[0] == "Hartford"
    assert "West Hartford" in names
    assert "East Hartford" in names
    assert "New London" not in names
    assert "New Haven" not in names
    miles = [m for _, m in nearby]
    assert miles == sorted(miles)
    assert all(m <= 10 for m in miles)


def test_towns_within_is_empty_far_from_connecticut() -> None:
    assert towns_within(40.0, -70.0, 25) == []
