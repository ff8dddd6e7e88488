"""Job search actions on trackers built by hand, against real demo data: results, places,
paging, widening, refinements and job alerts."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from actions.alerts import ActionSubmitJobAlert
from actions.jobs import (
    ActionChooseOption,
    ActionMoreResults,
    ActionRefineSearch,
    ActionSearchJobs,
)
from actions.support import (
    ActionHandleInform,
)
from bot.db import session_scope
from bot.db.models import (
    Job,
    JobAlertSubscription,
    JobSearch,
    Person,
)
from bot.dialogue import refine
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.search_log import ASSISTANT
from tests.conftest import DEMO_NOW
from tests.support.texter import Texter, sms_safe

pytestmark = pytest.mark.usefixtures("actions_database")


def test_search_lists_three_jobs_in_one_short_text_and_remembers_the_place():
    person = Texter()
    texts, slots = person.run(
        ActionSearchJobs(), "jobs in Hartford", "find_jobs", location="Hartford"
    )
    sms_safe(texts)
    assert texts[0].startswith("Jobs near Hartford:\n1) ")
    assert texts[-1].endswith("Reply 1-3 for details, MORE for more.")
    assert re.findall(r"^\d\) ", "\n".join(texts), flags=re.M) == ["1) ", "2) ", "3) "]
    assert slots["location"] == "Hartford" and slots["last_list"] == "jobs"
    assert len(slots["last_ids"]) == 3 and slots["pending"] is None


def test_near_me_asks_for_a_place_and_a_zip_answers_it():
    person = Texter()
    texts, slots = person.run(ActionSearchJobs(), "find jobs near me", "find_jobs")
    assert texts == ["What town or ZIP code should I search near? For example: Hartford or 06106"]
    assert slots["pending"] == "location"
    texts, slots = person.run(ActionHandleInform(), "06510", "inform", location="06510")
    assert texts[0].startswith("Jobs near New Haven:")


def test_an_unmarked_town_answer_is_still_understood_when_a_place_was_asked():
    person = Texter()
    person.run(ActionSearchJobs(), "cna jobs", "find_jobs", job_keyword="cna")
    texts, _ = person.run(ActionHandleInform(), "wethersfeild", "inform")
    assert texts[0].startswith("CNA jobs near Wethersfield:")


def test_the_place_is_remembered_in_a_later_conversation():
    person = Texter()
    person.run(ActionSearchJobs(), "jobs in Norwich", "find_jobs", location="Norwich")
    later = Texter()
    later.sender = person.sender
    texts, _ = later.run(ActionSearchJobs(), "any jobs", "find_jobs")
    assert texts[0].startswith("Jobs near Norwich:")


def test_unknown_and_ambiguous_places_are_asked_again():
    person = Texter()
    texts, slots = person.run(ActionSearchJobs(), "jobs in boston", "find_jobs", location="boston")
    assert "I couldn't find a Connecticut town called boston" in texts[0]
    assert slots["pending"] == "location"
    texts, _ = person.run(ActionHandleInform(), "haven", "inform", location="haven")
    assert texts[0].startswith("Which town do you mean? 1) ") and "New Haven" in texts[0]


def test_a_zip_code_outside_connecticut_is_said_to_be_one():
    person = Texter()
    texts, slots = person.run(ActionSearchJobs(), "jobs in 10001", "find_jobs", location="10001")
    assert texts[0].startswith("10001 isn't a Connecticut ZIP code. What town or ZIP code")
    assert "town called" not in texts[0] and slots["pending"] == "location"
    texts, _ = person.run(ActionHandleInform(), "06106", "inform", location="06106")
    assert texts[0].startswith("Jobs near Hartford:")


def test_a_number_gives_details_and_a_short_apply_link():
    person = Texter()
    person.run(ActionSearchJobs(), "warehouse jobs in waterbury", "find_jobs",
               job_keyword="warehouse", location="waterbury")  # fmt: skip
    second = person.slots["last_ids"][1]
    with session_scope() as session:
        code = session.get(Job, second).link_code
    texts, _ = person.run(ActionChooseOption(), "2", "choose_option")
    sms_safe(texts)
    assert texts[0].endswith(f"Apply: https://backtowork.example.org/j/{code}")
    texts, _ = person.run(ActionChooseOption(), "9", "choose_option")
    assert texts == ["Please reply with a number from 1 to 3."]


def test_more_pages_through_results_and_says_when_there_are_no_more():
    person = Texter()
    person.run(ActionSearchJobs(), "electrician jobs in hartford", "find_jobs",
               job_keyword="electrician", location="hartford")  # fmt: skip
    seen = list(person.slots["last_ids"])
    for _ in range(30):
        texts, slots = person.run(ActionMoreResults(), "more", "more_results")
        if "last_ids" not in slots:
            break
        # Each page adds new jobs, numbered on from the earlier pages' (4-6 after 1-3),
        # and every number shown so far still picks its job.
        new = slots["last_ids"][len(seen) :]
        assert slots["last_ids"][: len(seen)] == seen and new
        assert set(new).isdisjoint(seen)
        first = len(seen) + 1
        assert texts[0].splitlines()[1].startswith(f"{first}) ")
        seen += new
    assert texts == [
        "That's all the electrician jobs I found near Hartford. Try another word or town."
    ]


def test_no_results_offers_alerts_and_yes_is_remembered_for_the_form():
    person = Texter()
    texts, slots = person.run(ActionSearchJobs(), "astronaut jobs in union", "find_jobs",
                              job_keyword="astronaut", location="union")  # fmt: skip
    sms_safe(texts)
    assert "I found no astronaut jobs near Union right now." in texts[0]
    assert texts[-1].endswith("Reply YES or NO")
    assert slots["pending"] == "job_alerts_offer"
    assert (slots["alert_keyword"], slots["alert_location"]) == ("astronaut", "Union")
    # Staff see it among the searches that found nothing.
    assert _logged_searches("astronaut", "Union") == [(ASSISTANT, False)]


def _logged_searches(keyword: str, town: str) -> list[tuple[str, bool]]:
    with session_scope() as session:
        return session.execute(
            select(JobSearch.source, JobSearch.found).where(
                JobSearch.keyword == keyword, JobSearch.town == town
            )
        ).all()


def _empty_nearby_but_not_farther() -> tuple[str, str]:
    """A keyword and town with no match within 25 miles but some within 50."""
    with session_scope() as session:
        for keyword in ("claims adjuster", "software developer", "plumber", "bank teller"):
            for town in ("Salisbury", "Sharon", "Thompson", "Union", "Norfolk"):
                near = search_jobs(session, JobQuery(keyword=keyword, place=town), DEMO_NOW)
                far = JobQuery(keyword=keyword, place=town, radius_miles=50)
                if not near.hits and search_jobs(session, far, DEMO_NOW).hits:
                    return keyword, town
    raise AssertionError("the demo data has no such keyword and town")


def test_no_results_nearby_widens_the_radius_first():
    keyword, town = _empty_nearby_but_not_farther()
    person = Texter()
    texts, slots = person.run(ActionSearchJobs(), f"{keyword} jobs in {town}", "find_jobs",
                              job_keyword=keyword, location=town)  # fmt: skip
    assert texts[0].startswith(
        f"No {keyword} jobs within 25 miles of {town}, but these are within 50:\n1) "
    )
    assert slots["results_radius"] == 50.0
    assert _logged_searches(keyword, town) == [(ASSISTANT, True)]


def test_job_alert_is_stored_and_confirmed():
    person = Texter()
    person.slots.update(
        alert_keyword="forklift", alert_location="Bristol", alert_frequency="weekly"
    )
    texts, _ = person.run(ActionSubmitJobAlert(), "weekly", "inform")
    assert texts == [
        "Done. I'll text you new forklift jobs near Bristol once a week, "
        "only when there are new ones."
    ]
    with session_scope() as session:
        alert = session.execute(
            select(JobAlertSubscription).join(Person).where(Person.address == person.sender)
        ).scalar_one()
        assert (alert.keyword, alert.frequency, alert.active) == ("forklift", "weekly", True)


def _searched(place: str, keyword: str | None = None) -> Texter:
    person = Texter()
    entities = {"location": place, **({"job_keyword": keyword} if keyword else {})}
    texts, _ = person.run(ActionSearchJobs(), f"{keyword or ''} jobs in {place}", "find_jobs",
                          **entities)  # fmt: skip
    assert "near" in texts[0]
    return person


def test_job_words_keep_their_capitals_in_replies():
    person = Texter()
    texts, _ = person.run(ActionSearchJobs(), "cna jobs in new haven", "find_jobs",
                          location="new haven", job_keyword="cna")  # fmt: skip
    assert texts[0].startswith("CNA jobs near New Haven:")


@pytest.mark.parametrize(
    ("text", "entities", "starts", "radius"),
    [
        ("within 10 miles", {}, "Warehouse jobs near Waterbury:", 10.0),
        ("closer", {}, "Warehouse jobs near Waterbury:", 12.5),
        ("farther", {}, "Warehouse jobs near Waterbury:", 50.0),
        ("what about Vernon", {"location": "Vernon"}, "Warehouse jobs near Vernon:", 25.0),
        ("any cna ones?", {"job_keyword": "cna"}, "CNA jobs near Waterbury:", 25.0),
        ("part time only", {}, "Part-time warehouse jobs", None),
    ],
)
def test_a_follow_up_refines_the_last_search(text, entities, starts, radius):
    person = _searched("Waterbury", "warehouse")
    texts, slots = person.run(ActionRefineSearch(), text, "refine_search", **entities)
    assert texts[0].startswith(starts) or texts[0].startswith(f"No {starts[:-1].lower()}")
    if radius is not None:
        assert slots["results_radius"] == radius


def test_part_time_stays_on_through_the_next_refinement():
    person = _searched("Hartford")
    texts, slots = person.run(ActionRefineSearch(), "part time only", "refine_search")
    assert slots["results_job_type"] == "part_time" and "Part-time jobs" in texts[0]
    texts, slots = person.run(ActionRefineSearch(), "within 10 miles", "refine_search")
    assert slots["results_job_type"] == "part_time" and slots["results_radius"] == 10.0


def test_refining_with_nothing_searched_says_how_to_start():
    texts, _ = Texter().run(ActionRefineSearch(), "within 10 miles", "refine_search")
    assert texts == [refine.NOTHING_TO_REFINE]
