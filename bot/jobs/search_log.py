"""A record of each first-page job search, for the staff dashboard's
"searches with no results". bot.jobs.search_service writes it, under the channel
the search came from."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.db.models import JobSearch

ASSISTANT = "assistant"
JOB_BOARD = "job board"
API = "api"
KEYWORD_LENGTH = 80


def log_search(
    session: Session, source: str, keyword: str | None, town: str | None, found: bool
) -> None:
    """Note that someone searched for ``keyword`` near ``town`` and whether jobs came back."""
    keyword = (keyword or "").strip().lower()[:KEYWORD_LENGTH] or None
    session.add(JobSearch(source=source, keyword=keyword, town=town, found=found))
