"""Pay and training questions by text: "how much do welders make in Waterbury" gets the
area's typical pay (BLS OEWS) and an offer of the free courses or the openings;
"what training do I need for this" lists the courses for the job just shown."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from actions.courses import ActionCourseCompleted
from actions.jobs import ActionChooseOption, ActionSearchJobs
from actions.pathways import ActionAnswerPay, ActionTrainingForJob
from actions.support import ActionAnswerYesNo
from bot.courses.pathways import course_outcomes, courses_for_occupation, next_step
from bot.db import session_scope
from bot.db.models import Job, Place
from bot.dialogue.context import Context
from bot.dialogue.people import person_for, remember_town
from bot.wages.pay import median_amount, typical_pay_text
from bot.wages.postings import posting_pay
from tests.support.people import enroll_directly
from tests.support.texter import Texter, sms_safe

pytestmark = pytest.mark.usefixtures("actions_database")

HARTFORD_CNA = (
    "Typical pay for nursing assistants in the Hartford area: $19-$22/hr, median $21 "
    "(BLS, May 2025)"
)
WELDERS = "51-4121"
TRUCK_DRIVERS = "53-3032"


def _ask_pay(person: Texter, text: str, **entities: str) -> list[str]:
    texts, _ = person.run(ActionAnswerPay(), text, "ask_pay", **entities)
    sms_safe(texts)
    return texts


def _course_titles(soc_code: str) -> list[str]:
    with session_scope() as session:
        return [hit.title for hit in courses_for_occupation(session, soc_code, limit=3)]


def test_the_pay_of_cnas_in_hartford_is_the_hartford_areas_typical_pay():
    texts = _ask_pay(Texter(), "how much do cnas make in hartford",
                     job_keyword="cna", location="hartford")  # fmt: skip
    assert texts[0].splitlines()[0] == HARTFORD_CNA


def test_welders_pay_then_yes_lists_the_free_welding_courses():
    person = Texter()
    texts = _ask_pay(person, "how much do welders make in waterbury",
                     job_keyword="welders", location="waterbury")  # fmt: skip
    pay, offer = texts[0].splitlines()
    assert pay.startswith("Typical pay for welders in the Waterbury-Shelton area: $")
    assert "(BLS, May 2025)" in pay
    assert offer == "Free courses can get you there. Want to see them? Reply YES or NO"
    assert person.slots["pending"] == "training_offer"
    texts, _ = person.run(ActionAnswerYesNo(), "yes", "affirm")
    lines = texts[0].splitlines()
    assert lines[0] == "Free training for welders:"
    titles = _course_titles(WELDERS)
    assert titles and lines[1 : 1 + len(titles)] == [
        line for line in lines[1 : 1 + len(titles)] if any(t in line for t in titles)
    ]
    assert person.slots["last_list"] == "courses" and person.slots["last_ids"]


def test_an_occupation_without_a_course_offers_the_openings_near_the_town():
    assert _course_titles(TRUCK_DRIVERS) == []
    person = Texter()
    texts = _ask_pay(person, "what do truck drivers earn in waterbury",
                     job_keyword="truck driver", location="waterbury")  # fmt: skip
    pay, offer = texts[0].splitlines()
    assert pay.startswith("Typical pay for heavy truck drivers in the ")
    assert offer == "Want to see truck driver jobs near Waterbury? Reply YES or NO"
    texts, _ = person.run(ActionAnswerYesNo(), "yes", "affirm")
    assert texts[0].startswith("Truck driver jobs near Waterbury:") or texts[0].startswith(
        "No truck driver jobs within"
    )


def test_no_town_gives_statewide_figures_and_an_unknown_town_says_so():
    texts = _ask_pay(Texter(), "what do RNs earn", job_keyword="RNs")
    assert texts[0].startswith("Typical pay for registered nurses in Connecticut: $")
    texts = _ask_pay(Texter(), "rn pay in springfield", job_keyword="rn", location="springfield")
    first, pay = texts[0].splitlines()[:2]
    assert first == (
        "I couldn't find a Connecticut town called springfield, so these are statewide figures."
    )
    assert pay.startswith("Typical pay for registered nurses in Connecticut: $")


def test_a_job_word_with_no_occupation_or_none_at_all_gets_a_way_forward():
    texts = _ask_pay(Texter(), "how much does a zorblax make", job_keyword="zorblax")
    assert texts == [
        "I don't have pay figures for zorblax. Try a job title, for example: "
        "how much do CNAs make in Hartford"
    ]
    assert _ask_pay(Texter(), "how much does it pay") == [
        "Which job? For example: how much do CNAs make in Hartford"
    ]


def test_in_spanish_the_pay_and_the_offer_are_in_spanish():
    person = Texter()
    person.slots["language"] = "es"
    texts = _ask_pay(person, "cuanto gana un soldador en waterbury",
                     job_keyword="soldador", location="waterbury")  # fmt: skip
    pay, offer = texts[0].splitlines()
    assert pay.startswith("Pago típico de ") and "en el área de Waterbury-Shelton: $" in pay
    assert offer == "Hay cursos gratis que le pueden preparar. ¿Quiere verlos? Responda SI o NO"


def _cna_job_in(town: str) -> int:
    with session_scope() as session:
        return session.scalars(
            select(Job.id)
            .join(Place, Place.id == Job.place_id)
            .where(Place.name == town, Job.status == "active", Job.title.ilike("%nursing%"))
            .order_by(Job.id)
        ).first()


def test_this_job_means_the_one_whose_details_were_shown():
    person = Texter()
    person.slots["last_ids"] = [_cna_job_in("Newington")]
    person.slots["last_list"] = "jobs"
    person.run(ActionChooseOption(), "1", "choose_option")
    texts = _ask_pay(person, "how much does this job pay")
    assert texts[0].splitlines()[0] == HARTFORD_CNA
    texts, _ = person.run(
        ActionTrainingForJob(), "what training do I need for this", "ask_training"
    )
    sms_safe(texts)
    # CNA training needs clinical hours: no free online course is tied to it, and the
    # reply says so rather than listing unrelated courses.
    assert _course_titles("31-1131") == []
    assert texts[0].startswith("None of the free online courses trains nursing assistants. ")
    assert "What would you like to learn?" in texts[0]


def test_training_for_an_it_job_lists_the_courses_tied_to_it():
    person = Texter()
    texts, _ = person.run(ActionTrainingForJob(), "what classes get me a help desk job",
                          "ask_training", job_keyword="help desk")  # fmt: skip
    sms_safe(texts)
    assert texts[0].startswith("Free training for computer support specialists:\n1) ")
    with session_scope() as session:
        expected = [hit.code for hit in courses_for_occupation(session, "15-1232", limit=3)]
    assert person.slots["last_ids"] == expected and len(expected) == 3


def test_a_new_list_ends_this_job():
    person = Texter()
    person.slots["last_ids"] = [_cna_job_in("Newington")]
    person.run(ActionChooseOption(), "1", "choose_option")
    assert person.slots["selected_job"]
    person.run(ActionSearchJobs(), "warehouse jobs in hartford", "find_jobs",
               job_keyword="warehouse", location="hartford")  # fmt: skip
    assert person.slots["selected_job"] is None


def test_training_for_a_named_job_lists_its_courses_and_enroll_follows():
    person = Texter()
    texts, _ = person.run(ActionTrainingForJob(), "how do i become a welder", "ask_training",
                          job_keyword="welder")  # fmt: skip
    sms_safe(texts)
    assert texts[0].startswith("Free training for welders:\n1) ")
    assert "ENROLL 1-" in texts[0]
    assert person.slots["occupation"] == WELDERS


def test_training_without_a_job_asks_which_one():
    texts, _ = Texter().run(ActionTrainingForJob(), "what training do i need", "ask_training")
    assert texts == ["Which job? For example: what training do I need to be a welder"]


def test_the_second_one_means_the_second_job_of_the_last_list():
    person = Texter()
    person.run(ActionSearchJobs(), "cna jobs in hartford", "find_jobs",
               job_keyword="cna", location="hartford")  # fmt: skip
    second = person.slots["last_ids"][1]
    with session_scope() as session:
        job = session.get(Job, second)
        town = session.get(Place, job.place_id).name
        expected = typical_pay_text(posting_pay(session, job.title, job.category, town))
    texts = _ask_pay(person, "how much does the second one pay")
    assert texts[0].splitlines()[0] == expected


def _living_in(person: Texter, town: str) -> None:
    with session_scope() as session:
        remember_town(session, person_for(session, Context(person.channel, person.sender)), town)


def test_completion_says_what_the_credential_leads_to_and_what_the_next_one_adds():
    person = Texter()
    enroll_directly(person.sender, "180-CNC-002")
    _living_in(person, "Waterbury")
    with session_scope() as session:
        step = next_step(session, "180-CNC-002", "Waterbury")
        assert step.gain and step.then.pay.area_code == "0047930"
        then, now = median_amount(step.then.pay), median_amount(step.now.pay)
    texts, slots = person.run(ActionCourseCompleted(), "i finished", "course_completed")
    sms_safe(texts)
    assert texts[0].startswith("Congratulations on finishing CNC Setup and Tooling!")
    assert "\nLeads to: " in texts[0] and "in the Waterbury-Shelton area." in texts[0]
    assert texts[1] == (
        f"Next: 180 Skills CNC Programmer Certificate. CNC programmers earn a median ${then}/hr "
        f"in the Waterbury-Shelton area vs ${now} for machinists (BLS, May 2025). "
        "Reply ENROLL to sign up."
    )
    assert slots["selected_course"] == "180-CNC-003"


def test_course_details_say_what_its_jobs_pay_near_the_person():
    person = Texter()
    person.slots.update(location="Waterbury", last_list="courses", last_ids=["180-CNC-001"])
    texts, _ = person.run(ActionChooseOption(), "1", "choose_option")
    sms_safe(texts)
    with session_scope() as session:
        pay = course_outcomes(session, "180-CNC-001", "Waterbury")[0].pay
    assert texts[0].splitlines()[1] == (
        f"Leads to: CNC operators (${median_amount(pay)}/hr median) in the Waterbury-Shelton "
        "area. Reply ENROLL to sign up."
    )
