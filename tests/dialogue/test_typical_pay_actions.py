"""Job details by text give the area's typical pay (BLS OEWS) after the posting's own
facts, in the person's language, and nothing when the posting names no occupation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from actions.jobs import ActionChooseOption, ActionSearchJobs
from bot.db import session_scope
from bot.db.models import Job, Place
from bot.text import MAX_TEXT
from bot.wages.occupations import posting_occupation
from tests.support.texter import Texter, sms_safe

pytestmark = pytest.mark.usefixtures("actions_database")

HARTFORD_CNA = (
    "Typical pay for nursing assistants in the Hartford area: $19-$22/hr, median $21 "
    "(BLS, May 2025)"
)


def _jobs_in(town: str, title: str) -> list[int]:
    with session_scope() as session:
        return list(
            session.scalars(
                select(Job.id)
                .join(Place, Place.id == Job.place_id)
                .where(Place.name == town, Job.title == title, Job.status == "active")
                .order_by(Job.id)
            )
        )


def _details(person: Texter, job_id: int) -> str:
    person.slots["last_ids"] = [job_id]
    texts, slots = person.run(ActionChooseOption(), "1", "choose_option")
    assert slots["selected_job"] == job_id
    assert len(texts) == 1 and len(texts[0]) <= MAX_TEXT
    sms_safe(texts)
    return texts[0]


def test_details_of_a_cna_job_in_newington_give_the_hartford_areas_typical_pay():
    job_id = _jobs_in("Newington", "Certified Nursing Assistant (CNA)")[0]
    text = _details(Texter(), job_id)
    head, typical, rest = text.split("\n")
    assert head.startswith("Certified Nursing Assistant (CNA) at ") and ", Newington. $" in head
    assert typical == HARTFORD_CNA
    assert "Apply: https://backtowork.example.org/j/" in rest


def test_details_in_spanish_say_the_typical_pay_in_spanish():
    person = Texter()
    person.slots["language"] = "es"
    job_id = _jobs_in("Newington", "Certified Nursing Assistant (CNA)")[0]
    typical = _details(person, job_id).split("\n")[1]
    assert typical == (
        "Pago típico de auxiliares de enfermería en el área de Hartford: $19-$22/hora, "
        "mediana $21 (BLS, mayo de 2025)"
    )


def test_a_search_then_a_number_shows_the_typical_pay():
    person = Texter()
    person.run(ActionSearchJobs(), "cna jobs in hartford", "find_jobs",
               job_keyword="cna", location="hartford")  # fmt: skip
    texts, _ = person.run(ActionChooseOption(), "1", "choose_option")
    assert "\nTypical pay for nursing assistants in " in texts[0]
    assert texts[0].index("Typical pay") < texts[0].index("Apply:")


def test_a_posting_that_names_no_occupation_gets_no_typical_pay_line():
    with session_scope() as session:
        jobs = session.execute(
            select(Job.id, Job.title, Job.category).where(Job.status == "active").order_by(Job.id)
        ).all()
        unmatched = next(
            job_id
            for job_id, title, category in jobs
            if posting_occupation(session, title, category) is None
        )
    text = _details(Texter(), unmatched)
    assert "Typical pay" not in text and "\n" not in text
    assert "Apply: https://backtowork.example.org/j/" in text
