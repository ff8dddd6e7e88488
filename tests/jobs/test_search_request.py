"""Reading a job search message: job words, job type, shift, minimum pay and distance
in any order, and the shifts job postings name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.jobs.search import DEFAULT_RADIUS_MILES, MAX_RADIUS_MILES, JobQuery
from bot.jobs.search_request import SearchRequest, read_search_request
from bot.jobs.shifts import SHIFTS, job_shifts
from bot.jobs.text import keyword_label


def _asked(message: str, place: str | None = None, keyword: str | None = None) -> SearchRequest:
    return read_search_request(message, keyword=keyword, place=place)


@pytest.mark.parametrize(
    ("message", "place"),
    [
        ("part time cna jobs in Hartford", "Hartford"),
        ("cna part time hartford", "hartford"),
        ("Hartford CNA, part-time", "Hartford"),
        ("any cna jobs hartford? part time pls", "hartford"),
        ("looking for parttime CNA work near Hartford", "Hartford"),
    ],
)
def test_job_word_and_job_type_are_both_kept_in_any_order(message, place):
    assert _asked(message, place) == SearchRequest(keyword="cna", job_type="part_time")


@pytest.mark.parametrize(
    "message",
    ["full time forklift jobs in Bristol", "forklift full-time bristol", "Bristol forklift FT"],
)
def test_full_time_forklift(message):
    assert _asked(message, "Bristol") == SearchRequest(keyword="forklift", job_type="full_time")


@pytest.mark.parametrize(
    ("message", "shift"),
    [
        ("night shift jobs in waterbury", "night"),
        ("waterbury nights", "night"),
        ("3rd shift jobs waterbury", "night"),
        ("overnight work in waterbury", "night"),
        ("graveyard shift waterbury", "night"),
        ("trabajo de noche en waterbury", "night"),
        ("2nd shift in waterbury", "evening"),
        ("waterbury evenings", "evening"),
        ("first shift waterbury", "day"),
        ("day shift jobs waterbury", "day"),
        ("weekend jobs in waterbury", "weekend"),
    ],
)
def test_the_shift_is_read_and_is_not_a_job_word(message, shift):
    assert _asked(message, "waterbury") == SearchRequest(shift=shift)


@pytest.mark.parametrize(
    ("message", "keyword", "shift"),
    [
        ("2nd shift machine operator", "machine operator", "evening"),
        ("cook nights or weekends", "cook", "night"),
        ("cook, no nights", "cook", None),
        ("night auditor", "auditor", "night"),
    ],
)
def test_shift_beside_job_words(message, keyword, shift):
    assert _asked(message) == SearchRequest(keyword=keyword, shift=shift)


@pytest.mark.parametrize(
    ("message", "keyword", "pay"),
    [
        ("warehouse jobs that pay 20+", "warehouse", 20.0),
        ("20+ an hour warehouse", "warehouse", 20.0),
        ("$20/hr warehouse", "warehouse", 20.0),
        ("warehouse paying at least 20 dollars an hour", "warehouse", 20.0),
        ("at least 18 an hour", None, 18.0),
        ("cashier $17.50 per hour", "cashier", 17.5),
        ("20-25 an hour cook", "cook", 20.0),
        ("cook $150 a day", "cook", 18.75),
        ("$500 a week", None, 12.5),
        # $45,000 a year at 2,080 hours, rounded down to the cent: still finds $45,000.
        ("over $45k a year office jobs", "office", 21.63),
        ("office 45,000 a year", "office", 21.63),
        ("welder with 401k", "welder", None),
        ("cashier 20 hours a week", "cashier", None),
    ],
)
def test_minimum_pay_in_dollars_an_hour(message, keyword, pay):
    asked = _asked(message)
    assert (asked.keyword, asked.min_hourly_pay) == (keyword, pay)


@pytest.mark.parametrize(
    ("message", "place", "radius", "zip_code"),
    [
        ("jobs within 10 miles of Mystic", "Mystic", 10.0, None),
        ("Mystic, within 10 mi", "Mystic", 10.0, None),
        ("10 mile radius of mystic", "mystic", 10.0, None),
        ("within 15 mi of 06066", None, 15.0, "06066"),
        ("within 15 mi of 06066", "06066", 15.0, "06066"),
        ("radius 5 miles", None, 5.0, None),
        ("10 miles", None, 10.0, None),
        ("10mi", None, 10.0, None),
        ("within 10 of hartford", "hartford", 10.0, None),
        ("within 500 miles", None, MAX_RADIUS_MILES, None),
    ],
)
def test_distance_and_zip_code_are_never_job_words(message, place, radius, zip_code):
    assert _asked(message, place) == SearchRequest(radius_miles=radius, zip_code=zip_code)


def test_distance_pay_shift_type_and_job_together():
    asked = _asked("part time cna nights within 10 miles of 06106 paying $19/hr")
    assert asked == SearchRequest(
        keyword="cna",
        job_type="part_time",
        shift="night",
        min_hourly_pay=19.0,
        radius_miles=10.0,
        zip_code="06106",
    )


@pytest.mark.parametrize(
    ("message", "place", "expected"),
    [
        (
            "no car, live in new london, cashier or retail pls",
            "new london",
            SearchRequest(keyword="cashier or retail"),
        ),
        (
            "do u have anything part time nights in waterbury",
            "waterbury",
            SearchRequest(job_type="part_time", shift="night"),
        ),
        ("I'm looking for a job", None, SearchRequest()),
        ("good evening, any jobs?", None, SearchRequest()),
        ("help desk jobs", None, SearchRequest(keyword="help desk")),
        ("LPN per diem new haven", "new haven", SearchRequest(keyword="lpn", job_type="per_diem")),
        ("RN jobs in Waterbury", "Waterbury", SearchRequest(keyword="rn")),
        ("waterbury rn", "Waterbury", SearchRequest(keyword="rn")),
    ],
)
def test_everyday_messages(message, place, expected):
    assert _asked(message, place) == expected


def test_without_the_place_its_words_stay():
    """The caller passes the place; a town it did not pass is not guessed."""
    assert _asked("cna part time hartford").keyword == "cna hartford"


@pytest.mark.parametrize(
    ("abbreviation", "keyword"),
    [
        *((a, a.lower()) for a in "RN LPN CNA CDL HHA PCA EMT HVAC CPA IT QA STNA PCT DSP".split()),
        ("MA", "medical assistant"),
    ],
)
def test_job_abbreviations_are_job_words(abbreviation, keyword):
    assert _asked(f"{abbreviation} jobs in Hartford", "Hartford").keyword == keyword
    assert _asked(f"{abbreviation.lower()} jobs", None).keyword == keyword
    assert keyword_label(keyword) == (abbreviation if abbreviation != "MA" else keyword)


@pytest.mark.parametrize(
    ("message", "keyword"),
    [
        ("is it full time?", None),
        ("IS IT FULL TIME?", None),
        ("thanks ma", None),
        ("MA JOBS", "medical assistant"),
        ("anything in IT?", "it"),
        ("it help desk", "it help desk"),
        ("ma jobs", "medical assistant"),
    ],
)
def test_it_and_ma_are_job_words_only_as_job_words(message, keyword):
    assert _asked(message).keyword == keyword


@pytest.mark.parametrize(
    ("message", "model_keyword", "place", "expected"),
    [
        # The model handed over the job type only: the job word comes from the message.
        (
            "part time cna jobs in Hartford",
            "part time",
            "Hartford",
            SearchRequest("cna", "part_time"),
        ),
        # The model found the job word only: the job type still comes from the message.
        ("cna part time hartford", "cna", "hartford", SearchRequest("cna", "part_time")),
        # The model took the town for the job.
        ("RN jobs in Waterbury", "Waterbury", "Waterbury", SearchRequest("rn")),
        ("MA jobs please", "MA", None, SearchRequest("medical assistant")),
        ("home health aide nights", "home health aide", None, SearchRequest(
            "home health aide", shift="night")),
    ],
)  # fmt: skip
def test_the_language_models_keyword_is_used_when_it_names_a_job(
    message, model_keyword, place, expected
):
    assert _asked(message, place, model_keyword) == expected


def test_a_request_becomes_the_search_query():
    asked = _asked("part time cna nights paying $19/hr within 10 miles", "Hartford")
    assert asked.job_query("Hartford", page_size=3) == JobQuery(
        keyword="cna",
        place="Hartford",
        radius_miles=10.0,
        job_type="part_time",
        shift="night",
        min_hourly_pay=19.0,
        page_size=3,
    )
    near_zip = _asked("cna within 15 mi of 06066").job_query()
    assert (near_zip.place, near_zip.radius_miles) == ("06066", 15.0)
    assert _asked("cna").job_query("Hartford").radius_miles == DEFAULT_RADIUS_MILES
    assert _asked("cna").job_query("Hartford", default_radius=50).radius_miles == 50
    assert _asked("cna within 5 mi").job_query("Hartford", default_radius=50).radius_miles == 5


@pytest.mark.parametrize(
    ("title", "description", "shifts"),
    [
        ("Night Auditor", "", {"night"}),
        ("Cashier - Weekends", "", {"weekend"}),
        ("Machine Operator - 2nd Shift", "", {"evening"}),
        ("Welder", "1st, 2nd and 3rd shifts available with a shift differential.",
         {"day", "evening", "night"}),
        ("Aide", "Day, overnight and weekend shifts available.", {"day", "night", "weekend"}),
        ("Cook", "Flexible schedules including evenings and weekends.", {"evening", "weekend"}),
        ("CDL Driver", "Haul freight and get home most nights. Home every night.", set()),
        ("Clerk", "Monday to Friday, no weekends.", set()),
        ("Clerk", "No nights or weekends. Day shift.", {"day"}),
        ("Day Care Teacher", "Work 3 days a week.", set()),
    ],
)  # fmt: skip
def test_the_shifts_a_posting_names(title, description, shifts):
    assert job_shifts(title, description) == shifts
    assert shifts <= set(SHIFTS)


@settings(max_examples=300, deadline=None)
@given(
    message=st.lists(
        st.sampled_from(
            ["cna", "part", "time", "nights", "3rd", "shift", "pay", "$20/hr", "20+", "within",
             "10", "miles", "of", "06066", "Mystic", "no", "or", "MA", "it", "jobs", "45k", "a",
             "year", "-", ",", "radius", "over", "in", "\u00e9", "\U0001f600", "99999"]
        )
        | st.text(max_size=12),
        max_size=12,
    ).map(" ".join),
    place=st.none() | st.sampled_from(["Mystic", "06066", "new london", ""]),
)  # fmt: skip
def test_any_message_reads_without_error_and_numbers_are_never_job_words(message, place):
    asked = read_search_request(message, place=place)
    if asked.keyword:
        assert not any(char.isdigit() for char in asked.keyword), asked
    if asked.radius_miles is not None:
        assert 1 <= asked.radius_miles <= MAX_RADIUS_MILES
    if asked.min_hourly_pay is not None:
        assert 1 <= asked.min_hourly_pay <= 500
    assert asked.shift in (None, *SHIFTS)
