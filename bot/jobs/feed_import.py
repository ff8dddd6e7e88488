"""One job feed file, parsed and saved, with a report line for every record left out."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from bot.jobs.importers import parse_feed
from bot.jobs.store import ImportReport, import_records


def import_feed_file(session: Session, path: Path, source: str | None = None) -> ImportReport:
    """Parse ``path`` (XML, JSON-LD or CSV) and save its jobs. The report lists the
    records the parser rejected, then those the store rejected. Raises ValueError for
    an unsupported file type."""
    parsed = parse_feed(path, source)
    report = import_records(session, parsed.records)
    report.rejects[:0] = parsed.rejects
    return report
