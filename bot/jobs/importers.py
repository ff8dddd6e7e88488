"""Job feed parsers: Indeed-style XML, schema.org JobPosting JSON-LD, and CSV.

Every parser returns a :class:`~bot.jobs.records.ParseResult`; bad postings and broken
input become :class:`~bot.jobs.records.Reject` lines, never exceptions.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, iterparse

from bot.jobs.jsonld import job_postings, json_blocks, nodes_by_id, posting_fields
from bot.jobs.records import JobRecord, ParseResult, Reject, validate

FeedData = bytes | str | BinaryIO

_ALIASES = {
    "title": ("title", "jobtitle"),
    "referencenumber": ("referencenumber", "reference", "ref", "refnumber", "jobid", "id"),
    "date": ("date", "posted", "dateposted", "posteddate", "postingdate"),
    "url": ("url", "link", "applyurl"),
    "company": ("company", "employer", "companyname"),
    "city": ("city", "town"),
    "state": ("state",),
    "country": ("country",),
    "postalcode": ("postalcode", "zip", "zipcode", "postcode"),
    "description": ("description",),
    "salary": ("salary", "pay"),
    "salary_min": ("salarymin", "minsalary"),
    "salary_max": ("salarymax", "maxsalary"),
    "salary_unit": ("salaryunit",),
    "jobtype": ("jobtype", "employmenttype", "type"),
    "category": ("category", "industry"),
    "expirationdate": ("expirationdate", "expires", "expirydate", "validthrough"),
}
_FIELD_BY_NAME = {alias: field for field, aliases in _ALIASES.items() for alias in aliases}


def canonical_field(name: str) -> str | None:
    """The raw-record key for a feed column or tag name ("Job_Type" -> "jobtype"), if known."""
    return _FIELD_BY_NAME.get(re.sub(r"[^a-z0-9]", "", name.lower()))


class _Collector:
    """Validates raw postings into records and rejects; rejects repeated references."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.records: list[JobRecord] = []
        self.rejects: list[Reject] = []
        self._seen: dict[str, str] = {}

    def add(self, raw: dict[str, Any], position: str) -> None:
        result = validate(raw, self.source, position)
        if isinstance(result, Reject):
            self.rejects.append(result)
            return
        first = self._seen.setdefault(result.reference, position)
        if first != position:
            self.reject(position, f"duplicate reference number (first used at {first})", result)
            return
        self.records.append(result)

    def reject(self, position: str, reason: str, record: JobRecord | None = None) -> None:
        self.rejects.append(Reject(position, record.reference if record else None, reason))

    def result(self) -> ParseResult:
        return ParseResult(self.records, self.rejects)


# --- Indeed-style XML -------------------------------------------------------------------


def parse_indeed_xml(data: FeedData, source: str) -> ParseResult:
    """Parse an Indeed-style ``<source><job>...</job></source>`` feed, streaming.

    Stops at the first XML error, keeping the jobs read before it; entity declarations
    (billion-laughs style attacks) and external entities are refused.
    """
    collector = _Collector(source)
    parser = DefusedXMLParser(target=TreeBuilder())
    stack: list[Element] = []
    count = 0
    root_tag = None
    try:
        for event, elem in iterparse(_xml_stream(data), events=("start", "end"), parser=parser):
            if event == "start":
                root_tag = root_tag or _local_name(elem.tag)
                stack.append(elem)
                continue
            stack.pop()
            if _local_name(elem.tag) == "job":
                count += 1
                collector.add(_xml_job_fields(elem), f"record {count}")
                if stack:
                    stack[-1].remove(elem)
    except ParseError as exc:
        collector.reject(f"line {exc.position[0]}", f"malformed XML ({exc}); {_kept(count)}")
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber
        collector.reject(f"line {line}", f"{_unsafe_reason(exc)}; {_kept(count)}")
    if count == 0 and root_tag and root_tag != "source":
        collector.reject("document", f"no <job> elements (root element is <{root_tag}>)")
    return collector.result()


def _xml_stream(data: FeedData) -> BinaryIO | io.StringIO:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return io.BytesIO(bytes(data))
    if isinstance(data, str):
        return io.StringIO(data)
    return data


@lru_cache(maxsize=512)
def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


@lru_cache(maxsize=512)
def _tag_field(tag: str) -> str | None:
    return canonical_field(_local_name(tag))


def _xml_job_fields(job: Element) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for child in job:
        field = _tag_field(child.tag)
        text = "".join(child.itertext()) if len(child) else child.text
        if field and text and field not in fields and (text := text.strip()):
            fields[field] = text
    return fields


def _kept(count: int) -> str:
    return f"stopped reading after {count} job{'s' if count != 1 else ''}"


def _unsafe_reason(exc: DefusedXmlException) -> str:
    if isinstance(exc, EntitiesForbidden):
        return "refused: the feed declares XML entities (possible entity-expansion attack)"
    if isinstance(exc, ExternalReferenceForbidden):
        return "refused: the feed references external entities"
    return f"refused unsafe XML ({type(exc).__name__})"


# --- schema.org JobPosting JSON-LD ------------------------------------------------------


def parse_jobposting_jsonld(data: FeedData, source: str) -> ParseResult:
    """Parse schema.org JobPosting JSON-LD: an object, a list, an ``@graph``, or an HTML page
    with ``<script type="application/ld+json">`` blocks. Other ``@type`` objects are skipped.
    """
    text = _read_text(data)
    collector = _Collector(source)
    count = 0
    blocks = list(json_blocks(text))
    for offset, block in blocks:
        try:
            doc = json.loads(block)
            postings = list(job_postings(doc))
        except json.JSONDecodeError as exc:
            line = text.count("\n", 0, offset) + exc.lineno
            collector.reject(f"line {line}", f"bad JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            line = text.count("\n", 0, offset) + 1
            collector.reject(f"line {line}", "bad JSON: nested too deeply")
            continue
        nodes = nodes_by_id(doc)
        for posting in postings:
            count += 1
            collector.add(posting_fields(posting, nodes), f"record {count}")
    if not blocks:
        collector.reject("document", 'no <script type="application/ld+json"> blocks found')
    return collector.result()


def _read_text(data: FeedData) -> str:
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        data = data.read()
    if isinstance(data, str):
        return data
    return bytes(data).decode("utf-8-sig", errors="replace")


# --- CSV --------------------------------------------------------------------------------

_REQUIRED_COLUMNS = ("title", "referencenumber", "company", "date")
_COLUMN_HELP = (
    "the header needs title, referencenumber (or reference), company (or employer), "
    "date (or posted), and city or postalcode (or zip)"
)


def parse_csv(data: FeedData, source: str) -> ParseResult:
    """Parse a CSV feed whose header names the XML tags (or common aliases).

    Rejects are reported as "line N", counting the header as line 1.
    """
    collector = _Collector(source)
    reader = csv.reader(_csv_text(data))
    try:
        header = next(reader)
    except StopIteration:
        collector.reject("line 1", "empty file: no header row")
        return collector.result()
    except csv.Error as exc:
        collector.reject("line 1", f"unreadable header: {exc}")
        return collector.result()
    columns = [canonical_field(name) for name in header]
    missing = _missing_columns(columns)
    if missing:
        collector.reject("line 1", f"missing column(s) {', '.join(missing)}: {_COLUMN_HELP}")
        return collector.result()
    for line, row in _csv_rows(reader, collector):
        raw: dict[str, Any] = {}
        for field, value in zip(columns, row, strict=False):
            if field and field not in raw and value.strip():
                raw[field] = value
        collector.add(raw, f"line {line}")
    return collector.result()


def _csv_text(data: FeedData) -> io.StringIO:
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        data = data.read()
    if not isinstance(data, str):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            data = bytes(data).decode("cp1252", errors="replace")
    return io.StringIO(data.replace("\x00", ""), newline="")


def _missing_columns(columns: list[str | None]) -> list[str]:
    missing = [name for name in _REQUIRED_COLUMNS if name not in columns]
    if "city" not in columns and "postalcode" not in columns:
        missing.append("city or postalcode")
    return missing


def _csv_rows(reader: Any, collector: _Collector) -> Iterator[tuple[int, list[str]]]:
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            collector.reject(f"line {start}", f"unreadable CSV row: {exc}")
            continue
        if any(cell.strip() for cell in row):
            yield start, row


# --- any feed file ----------------------------------------------------------------------

Parser = Callable[[FeedData, str], ParseResult]
_BY_EXTENSION: dict[str, tuple[str, Parser]] = {
    ".xml": ("indeed-xml", parse_indeed_xml),
    ".json": ("jsonld", parse_jobposting_jsonld),
    ".jsonld": ("jsonld", parse_jobposting_jsonld),
    ".html": ("jsonld", parse_jobposting_jsonld),
    ".htm": ("jsonld", parse_jobposting_jsonld),
    ".csv": ("csv", parse_csv),
}


def parse_feed(path: Path, source: str | None = None) -> ParseResult:
    """Parse a feed file, choosing the parser by extension (.xml, .json/.jsonld/.html, .csv).

    ``source`` defaults to "<kind>:<file stem>", e.g. "indeed-xml:acme" for ``acme.xml``.
    Raises ``ValueError`` for an unsupported extension and ``OSError`` if unreadable.
    """
    path = Path(path)
    entry = _BY_EXTENSION.get(path.suffix.lower())
    if entry is None:
        supported = ", ".join(sorted(_BY_EXTENSION))
        raise ValueError(f"unsupported feed type {path.suffix or '(none)'}: use {supported}")
    kind, parser = entry
    with path.open("rb") as handle:
        return parser(handle, source or f"{kind}:{path.stem}")
