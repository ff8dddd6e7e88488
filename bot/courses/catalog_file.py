"""The course catalog's files: the programs (programs.yml) and the course catalog CSV,
read and validated. A bad row is reported and never blocks the rest; nothing here
touches the database (bot.courses.catalog stores what is read)."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import yaml

PROGRAMS_PATH = Path(__file__).parent / "programs.yml"
CATALOG_PATH = Path(__file__).parent / "catalog.csv"

COLUMNS = (
    "code",
    "program",
    "title",
    "topic",
    "level",
    "hours",
    "credential",
    "next_course_code",
    "url",
    "description",
    "keywords",
)
# Optional columns: a file without them still imports (and leaves what they set alone).
# occupations: the SOC codes (OEWS detailed occupations, "51-9161 51-4041") of the
# occupations a course prepares for, main one first or not: bot.courses.pathways ranks
# them by pay.
OPTIONAL_COLUMNS = ("occupations",)
LEVELS = ("beginner", "intermediate", "advanced")
MAX_HOURS = 2000.0
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,39}$")
_URL = re.compile(r"^https?://\S+$")
_SOC = re.compile(r"^\d{2}-\d{4}$")
MAX_OCCUPATIONS = 6
_LIMITS = {"title": 200, "topic": 80, "credential": 200, "url": 500}


class CatalogError(ValueError):
    """The programs file or a catalog import cannot be used at all."""


@dataclass(frozen=True)
class ProgramInfo:
    """A training program as described in ``programs.yml``."""

    code: str
    name: str
    description: str


@dataclass
class CourseRecord:
    """One validated catalog row."""

    code: str
    program: str
    title: str
    topic: str
    level: str | None
    hours: float | None
    credential: str | None
    next_course_code: str | None
    url: str | None
    description: str
    keywords: str
    # None when the file has no occupations column (the import keeps what is stored).
    soc_codes: tuple[str, ...] | None = None
    line: int = field(default=0, compare=False)


@dataclass
class CatalogResult:
    """Rows that passed validation, one line per rejected row, and kept-row warnings.

    Warnings describe rows that were kept but whose ``next_course_code`` link was
    dropped (it named no course in the file, or it closed a cycle), or an occupation
    code that is no Connecticut OEWS occupation was dropped.
    """

    records: list[CourseRecord]
    rejects: list[str]
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every row was accepted as written."""
        return not self.rejects and not self.warnings


def shipped_catalog_path() -> Path:
    """Path of the demo catalog CSV bundled with the project."""
    return CATALOG_PATH


def read_programs(path: Path | str | None = None) -> list[ProgramInfo]:
    """Read and validate ``programs.yml``; raise :class:`CatalogError` if it is malformed."""
    path = Path(path) if path else PROGRAMS_PATH
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("programs") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"{path}: expected a non-empty 'programs' list")
    programs: list[ProgramInfo] = []
    for index, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise CatalogError(f"{path}: program #{index} is not a mapping")
        code = str(entry.get("code") or "").strip()
        name = str(entry.get("name") or "").strip()
        description = " ".join(str(entry.get("description") or "").split())
        if not code or not name:
            raise CatalogError(f"{path}: program #{index} needs a code and a name")
        if len(code) > 40 or len(name) > 120 or len(description) > 300:
            raise CatalogError(f"{path}: program {code!r} has a field that is too long")
        if any(p.code == code for p in programs):
            raise CatalogError(f"{path}: duplicate program code {code!r}")
        programs.append(ProgramInfo(code, name, description))
    return programs


def read_catalog_csv(
    source: Path | str | TextIO,
    program_codes: Iterable[str] | None = None,
    occupation_codes: Iterable[str] | None = None,
) -> CatalogResult:
    """Parse and validate a catalog CSV; a bad row is reported and never blocks the rest.

    ``source`` is a path or an open text stream. ``program_codes`` defaults to the
    codes in ``programs.yml``. A malformed occupation code (not NN-NNNN) rejects its
    row; given ``occupation_codes`` (the Connecticut OEWS occupations, see
    :func:`bot.wages.pay.published_occupations`), a well-formed code not among them is
    dropped from its row with a warning.
    """
    known = set(program_codes) if program_codes is not None else _shipped_program_codes()
    occupations = frozenset(occupation_codes) if occupation_codes is not None else None
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return _read(handle, known, occupations)
    return _read(source, known, occupations)


def _shipped_program_codes() -> set[str]:
    return {p.code for p in read_programs()}


def _rows(handle: TextIO) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(handle)
    line = 1
    for row in reader:
        yield line, row
        line = reader.line_num + 1


def _read(handle: TextIO, programs: set[str], occupations: frozenset[str] | None) -> CatalogResult:
    result = CatalogResult(records=[], rejects=[])
    rows = _rows(handle)
    header_line, header = next(rows, (1, []))
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        result.rejects.append(f"line {header_line}: missing column(s): {', '.join(missing)}")
        return result
    extra = [n for n in names if n not in COLUMNS + OPTIONAL_COLUMNS]
    if extra:
        result.warnings.append(f"line {header_line}: ignoring column(s): {', '.join(extra)}")
    index = {name: names.index(name) for name in COLUMNS + OPTIONAL_COLUMNS if name in names}
    first_seen: dict[str, int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        code, record, problems = _parse_row(row, index, len(names), line, programs)
        if code in first_seen:
            problems.append(f"duplicate code {code!r} (first on line {first_seen[code]})")
        if record is None or problems:
            result.rejects.append(f"line {line}: {'; '.join(problems)}")
            continue
        first_seen[code] = line
        result.records.append(record)
    result.warnings.extend(_check_links(result.records))
    if occupations is not None:
        result.warnings.extend(_check_occupations(result.records, occupations))
    return result


def _parse_row(
    row: list[str], index: dict[str, int], width: int, line: int, programs: set[str]
) -> tuple[str, CourseRecord | None, list[str]]:
    if len(row) != width:
        return "", None, [f"expected {width} fields, found {len(row)} (check commas and quotes)"]
    cell = {name: " ".join(row[i].split()) for name, i in index.items()}
    problems: list[str] = []
    code = cell["code"].upper()
    if not code:
        problems.append("missing code")
    elif not _CODE.match(code):
        problems.append(f"code is not valid: {cell['code']!r}")
    program = cell["program"].lower()
    if not program:
        problems.append("missing program")
    elif program not in programs:
        problems.append(f"unknown program {cell['program']!r}")
    for name in ("title", "topic"):
        if not cell[name]:
            problems.append(f"missing {name}")
    for name, limit in _LIMITS.items():
        if len(cell[name]) > limit:
            problems.append(f"{name} is longer than {limit} characters")
    level = cell["level"].lower() or None
    if level is not None and level not in LEVELS:
        problems.append(f"level must be one of {', '.join(LEVELS)}: {cell['level']!r}")
    hours = _parse_hours(cell["hours"], problems)
    next_code = cell["next_course_code"].upper() or None
    if next_code is not None and not _CODE.match(next_code):
        problems.append(f"next_course_code is not valid: {cell['next_course_code']!r}")
    url = cell["url"] or None
    if url is not None and not _URL.match(url):
        problems.append(f"url must start with http:// or https://: {url!r}")
    soc_codes = _parse_occupations(cell.get("occupations"), problems)
    if problems:
        return code, None, problems
    record = CourseRecord(
        code=code,
        program=program,
        title=cell["title"],
        topic=cell["topic"],
        level=level,
        hours=hours,
        credential=cell["credential"] or None,
        next_course_code=next_code,
        url=url,
        description=cell["description"],
        keywords=cell["keywords"].lower(),
        soc_codes=soc_codes,
        line=line,
    )
    return code, record, problems


def _parse_hours(text: str, problems: list[str]) -> float | None:
    if not text:
        return None
    try:
        hours = float(text)
    except ValueError:
        problems.append(f"hours is not a number: {text!r}")
        return None
    if not math.isfinite(hours) or hours <= 0 or hours > MAX_HOURS:
        problems.append(f"hours must be between 0 and {MAX_HOURS:g}: {text!r}")
        return None
    return hours


def _parse_occupations(text: str | None, problems: list[str]) -> tuple[str, ...] | None:
    """The SOC codes of an occupations cell, in its order, each once; None without the
    column."""
    if text is None:
        return None
    codes = tuple(dict.fromkeys(text.replace(",", " ").split()))
    bad = [code for code in codes if not _SOC.match(code)]
    if bad:
        problems.append(f"occupations must be SOC codes like 51-4041: {' '.join(bad)!r}")
    elif len(codes) > MAX_OCCUPATIONS:
        problems.append(f"occupations lists more than {MAX_OCCUPATIONS} codes")
    return codes


def _check_occupations(records: list[CourseRecord], known: frozenset[str]) -> list[str]:
    """Drop occupation codes that are no Connecticut OEWS occupation, describing each."""
    warnings: list[str] = []
    for record in records:
        unknown = [code for code in record.soc_codes or () if code not in known]
        if unknown:
            warnings.append(
                f"line {record.line}: occupation(s) {' '.join(unknown)} not among the "
                "Connecticut OEWS occupations; dropped"
            )
            record.soc_codes = tuple(c for c in record.soc_codes if c not in unknown)
    return warnings


def _check_links(records: list[CourseRecord]) -> list[str]:
    """Drop links to unknown courses and break pathway cycles, describing each change."""
    warnings: list[str] = []
    by_code = {r.code: r for r in records}
    for record in records:
        target = record.next_course_code
        if target is not None and target not in by_code:
            warnings.append(
                f"line {record.line}: next_course_code {target!r} is not a course in this "
                "file; link dropped"
            )
            record.next_course_code = None
    done: set[str] = set()
    for start in records:
        path: list[str] = []
        code: str | None = start.code
        while code is not None and code not in done and code not in path:
            path.append(code)
            code = by_code[code].next_course_code
        if code is not None and code in path:
            cycle = path[path.index(code) :]
            breaker = max((by_code[c] for c in cycle), key=lambda r: r.line)
            loop = " -> ".join([*cycle, code])
            warnings.append(
                f"line {breaker.line}: pathway cycle {loop}; link from {breaker.code} to "
                f"{breaker.next_course_code} dropped"
            )
            breaker.next_course_code = None
        done.update(path)
    return warnings
