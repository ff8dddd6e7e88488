"""Spanish job words find the demo jobs their English words find, typed alone or in a
whole Spanish message (bot/jobs/synonyms.yml holds both languages' words)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.db import session_scope
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.search_request import read_search_request
from tests.conftest import DEMO_NOW


def _found(url: str, query: JobQuery) -> set[int]:
    """The ids of every job the search finds, over all its pages."""
    ids: set[int] = set()
    page = 1
    with session_scope(url) as session:
        while True:
            result = search_jobs(session, replace(query, page=page, page_size=50), DEMO_NOW)
            ids |= {hit.id for hit in result.hits}
            if not result.has_more:
                return ids
            page += 1


@pytest.mark.parametrize(
    ("spanish", "english"),
    [
        ("bodega", "warehouse"),
        ("almacén", "warehouse"),
        ("montacargas", "forklift"),
        ("enfermera", "nurse"),
        ("limpieza", "janitor"),
        ("cocinero", "cook"),
        ("limpieza", "cleaning"),
        ("chofer", "driver"),
        ("soldador", "welder"),
        ("cajera", "cashier"),
    ],
)
def test_a_spanish_job_word_finds_what_the_english_word_finds(demo_url, spanish, english):
    found = _found(demo_url, JobQuery(keyword=spanish, place="Hartford"))
    assert found and found == _found(demo_url, JobQuery(keyword=english, place="Hartford"))


def test_a_spanish_job_word_is_not_corrected_into_an_english_word(demo_url):
    with session_scope(demo_url) as session:
        result = search_jobs(session, JobQuery(keyword="bodega", place="Hartford"), DEMO_NOW)
    assert result.corrections == {}
    assert result.hits


@pytest.mark.parametrize(
    ("spanish", "english"),
    [
        ("busco trabajo de bodega en hartford", "warehouse jobs in hartford"),
        ("hay trabajo de montacargas en hartford?", "any forklift jobs in hartford?"),
        ("necesito trabajo de chofer de camion en hartford", "truck driver jobs in hartford"),
        ("busco job de limpieza en hartford x favor", "cleaning jobs in hartford please"),
        ("trabajo de cocinero en hartford", "cook jobs in hartford"),
    ],
)
def test_a_spanish_message_searches_like_the_english_one(demo_url, spanish, english):
    asked = read_search_request(spanish, place="hartford")
    expected = read_search_request(english, place="hartford")
    assert asked.shift == expected.shift
    found = _found(demo_url, asked.job_query(place="Hartford"))
    assert found and found == _found(demo_url, expected.job_query(place="Hartford"))
