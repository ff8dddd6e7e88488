"""The first conversation slice: a trained model answers job searches with real jobs."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot import geo
from bot.db import session_scope
from bot.db.models import Employer, Job, Place

LINE = re.compile(
    r"^(\d)\) (?P<title>.+) - (?P<employer>.+?), (?P<town>[A-Za-z .']+?)(, \d+ mi)?, "
)


def _jobs_matching(url: str, title: str, employer: str) -> list[str]:
    with session_scope(url) as session:
        rows = session.execute(
            select(Place.name)
            .select_from(Job)
            .join(Employer)
            .join(Place)
            .where(Job.title == title, Employer.name == employer)
        ).scalars()
        return list(rows)


def test_jobs_in_hartford_are_answered_with_real_jobs_near_hartford(rasa_stack, demo_url):
    replies = rasa_stack.say("slice-1", "jobs in Hartford")
    assert replies[0] == "Top jobs near Hartford:"
    lines = replies[1:]
    assert len(lines) == 3
    hartford = geo.town("Hartford")
    for number, line in enumerate(lines, start=1):
        match = LINE.match(line)
        assert match and match.group(1) == str(number), line
        towns = _jobs_matching(demo_url, match["title"], match["employer"])
        assert match["town"] in towns, line
        town = geo.town(match["town"])
        assert geo.distance_miles(hartford.lat, hartford.lon, town.lat, town.lon) <= 25
        assert len(line) <= 160


def test_keyword_and_village_are_understood(rasa_stack):
    replies = rasa_stack.say("slice-2", "warehouse jobs in Storrs")
    assert replies[0] == "Top warehouse jobs near Mansfield:"


def test_a_search_without_a_place_asks_for_one(rasa_stack):
    replies = rasa_stack.say("slice-3", "find jobs near me")
    assert replies == ["What town or ZIP code should I search near? For example: Hartford or 06106"]
    replies = rasa_stack.say("slice-3", "06510")
    assert replies[0] == "Top jobs near New Haven:"
