"""JSON API: job and course search, place lookup."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import timezone
from functools import cache
from pathlib import Path

import yaml
from flask import Blueprint, current_app, jsonify, request

from bot import geo
from bot.courses.search import search_courses
from bot.jobs.search import MAX_HOURLY_PAY
from bot.jobs.search_log import API
from bot.jobs.search_service import find_jobs
from bot.jobs.shifts import SHIFTS
from bot.wages.postings import postings_pay, typical_pay_json
from bot.web.db import request_session
from bot.web.queries import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_TEXT,
    BadQuery,
    job_query_from,
    whole_number,
)

bp = Blueprint("api", __name__)

OPENAPI_FILE = Path(__file__).with_name("openapi.yml")


@cache
def openapi_document() -> dict:
    """The API's OpenAPI 3.1 description (bot/web/openapi.yml)."""
    return yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))


@bp.errorhandler(BadQuery)
def _bad_query(error: BadQuery):
    return jsonify(error=str(error)), 400


def _place_json(match: geo.PlaceMatch | None) -> dict | None:
    if match is None:
        return None
    return {
        "status": match.status,
        "town": match.town.name if match.town else None,
        "matched": match.matched,
        "candidates": list(match.candidates),
    }


def _shift(args: Mapping[str, str]) -> str | None:
    shift = args.get("shift", "").strip() or None
    if shift is not None and shift not in SHIFTS:
        raise BadQuery(f"shift must be one of {', '.join(SHIFTS)}")
    return shift


def _min_hourly_pay(args: Mapping[str, str]) -> float | None:
    raw = args.get("min_pay", "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadQuery("min_pay must be a number of dollars an hour, for example 18.50") from None
    if not 1 <= value <= MAX_HOURLY_PAY:
        raise BadQuery(f"min_pay must be between 1 and {MAX_HOURLY_PAY:g} dollars an hour")
    return value


@bp.get("/jobs")
def jobs():
    """Search jobs: ?q=&place=&radius=&type=&shift=&min_pay=&days=&page=&size=."""
    settings = current_app.config["SETTINGS"]
    query = replace(
        job_query_from(request.args, settings.default_radius_miles, 10),
        shift=_shift(request.args),
        min_hourly_pay=_min_hourly_pay(request.args),
    )
    with request_session() as db:
        result = find_jobs(db, query, API)
        typical = postings_pay(db, ((hit.id, hit.title, hit.town) for hit in result.page.hits))
    page = result.page
    return jsonify(
        page=page.page,
        page_size=page.page_size,
        has_more=page.has_more,
        place=_place_json(page.place),
        corrections=page.corrections,
        radius_miles=result.radius_miles,
        widened_from=query.radius_miles if result.widened else None,
        related_words=list(result.related_words),
        # Stored times are naive UTC; the answer says so (RFC 3339 needs an offset).
        jobs=[
            {
                **asdict(hit),
                "posted_at": hit.posted_at.replace(tzinfo=timezone.utc).isoformat(),
                "typical_pay": typical_pay_json(typical[hit.id]),
            }
            for hit in page.hits
        ],
    )


@bp.get("/courses")
def courses():
    """Search courses: ?topic=&program=&credential=&page=&size=."""
    args = {k: request.args.get(k, "").strip() for k in ("topic", "program", "credential")}
    if any(len(v) > MAX_TEXT for v in args.values()):
        raise BadQuery(f"parameters are limited to {MAX_TEXT} characters")
    page = whole_number(request.args, "page", 1, 1, MAX_PAGE)
    size = whole_number(request.args, "size", 10, 1, MAX_PAGE_SIZE)
    with request_session() as db:
        result = search_courses(
            db,
            topic=args["topic"] or None,
            program=args["program"] or None,
            credential=args["credential"] or None,
            limit=size,
            offset=(page - 1) * size,
        )
    return jsonify(
        page=page, total=result.total, courses=[asdict(course) for course in result.courses]
    )


@bp.get("/places/resolve")
def resolve_place():
    """What a place phrase means: ?q=."""
    text = request.args.get("q", "")
    if not any(char.isascii() and char.isalnum() for char in text):
        raise BadQuery("q is required, for example q=Mystic")
    if len(text) > MAX_TEXT:
        raise BadQuery(f"q is limited to {MAX_TEXT} characters")
    return jsonify(_place_json(geo.resolve(text)))


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document describing this API."""
    return jsonify(openapi_document())
