"""Conversations that used to trap people or lose what they asked, through the trained
model and the real action server: by text (signed webhook) and in the web chat."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Enrollment, Job, JobAlertSubscription, Person
from bot.dialogue.alerts import QUESTIONS
from tests.conftest import TWILIO_FROM_NUMBER

STATE_NUMBER = f"{TWILIO_FROM_NUMBER[2:5]}-{TWILIO_FROM_NUMBER[5:8]}-{TWILIO_FROM_NUMBER[8:]}"


def _web() -> str:
    return f"web-{uuid.uuid4().hex[:12]}"


def test_a_laid_off_worker_is_offered_jobs_training_and_unemployment_help(phone):
    offer = " ".join(phone.say("i got laid off from pratt & whitney what can i do"))
    assert "1) manufacturing jobs" in offer.lower()
    assert "2) free training" in offer and "3) help with unemployment" in offer
    jobs = phone.say("1")
    assert re.match(r"(What town|Manufacturing jobs near|No manufacturing jobs)", jobs[0]), jobs


def test_running_out_of_benefits_keeps_the_town(phone):
    phone.say("jobs in new london")
    offer = " ".join(phone.say("my unemployment ran out and i have 2 kids need a job now"))
    assert "near New London" in offer
    assert phone.say("3")[0].startswith("For a claim, a payment")


def test_the_job_loss_options_lead_to_the_eligibility_questions(phone):
    phone.say("just lost my job")
    assert phone.say("2")[-1] == "Do you live in Connecticut? Reply YES or NO"


def test_a_numbered_menu_pick_works(phone):
    menu = phone.say("menu")
    assert menu[0].startswith("I can help with: 1) jobs near you")
    assert phone.say("3")[-1] == "Do you live in Connecticut? Reply YES or NO"


def test_picking_a_town_by_number(phone):
    asked = phone.say("warehouse jobs in haven")
    assert asked[0].startswith("Which town do you mean? 1) ")
    towns = re.findall(r"\d\) ([A-Z][A-Za-z ]+?)(?= \d\)|$)", asked[0])
    replies = phone.say("2")
    assert towns[1] in replies[0], (towns, replies)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("do i need a resume", "no resume"),
        ("how do i apply", "apply link"),
        ("can i do classes on my phone", "phone's web browser"),
        ("how much does the training cost", "Training is free for people who qualify"),
    ],
)
def test_common_questions_get_short_useful_answers(phone, question, answer):
    replies = phone.say(question)
    assert answer in replies[0], replies


def test_web_chat_never_promises_texts_it_cannot_send(rasa_stack, conversation_url):
    sender = _web()
    rasa_stack.say(sender, "am i eligible for free training")
    rasa_stack.say(sender, "yes")
    rasa_stack.say(sender, "yes")
    rasa_stack.say(sender, "excel classes")
    replies = rasa_stack.say(sender, "enroll 1")
    assert replies[0].startswith("You're enrolled in ")
    assert "this chat has no phone number" in replies[1]
    assert f"to {STATE_NUMBER} from your mobile phone" in replies[1]
    assert not any("Reply YES or NO" in reply for reply in replies)
    alerts = rasa_stack.say(sender, "text me new forklift jobs in bristol weekly")
    assert alerts == [
        "Job alerts come by text message, and this chat has no phone number. "
        f"To get them, text JOB ALERTS to {STATE_NUMBER} from your mobile phone."
    ]
    with session_scope(conversation_url) as session:
        person = session.execute(select(Person).where(Person.address == sender)).scalar_one()
        assert (
            session.execute(
                select(JobAlertSubscription).where(JobAlertSubscription.person_id == person.id)
            ).all()
            == []
        )
        enrollment = session.execute(
            select(Enrollment).where(Enrollment.person_id == person.id)
        ).scalar_one()
        assert not enrollment.reminders_consent


def test_enrolling_by_course_code_from_a_phone(phone, conversation_url):
    with session_scope(conversation_url) as session:
        from bot.db.models import Course

        code = session.execute(select(Course.code).where(Course.active).limit(1)).scalar_one()
    replies = phone.say(f"enroll {code}")
    assert replies[-1] == "Do you live in Connecticut? Reply YES or NO"


def test_job_alerts_are_listed_and_cancelled_by_text(phone, conversation_url):
    phone.say("text me new forklift jobs in bristol weekly")
    phone.say("text me new cna jobs in hartford daily")
    listed = "\n".join(phone.say("my alerts"))
    assert "1) forklift jobs near Bristol, once a week" in listed
    assert "2) cna jobs near Hartford, every day" in listed
    cancelled = "\n".join(phone.say("stop the forklift alert"))
    assert "forklift jobs near Bristol" in cancelled and "cna" not in cancelled
    assert "You still have 1 job alert" in cancelled
    assert "cna jobs near Hartford" in "\n".join(phone.say("cancel alerts"))
    assert phone.say("my alerts") == ["You have no job alerts. Reply JOB ALERTS to set one up."]
    # Doing as told starts a new alert (no loop back to the empty list).
    asked = phone.say("JOB ALERTS")[-1]
    assert asked in {str(question) for question in QUESTIONS.values()}
    with session_scope(conversation_url) as session:
        active = session.execute(
            select(JobAlertSubscription)
            .join(Person)
            .where(Person.address == phone.number, JobAlertSubscription.active)
        ).all()
    assert active == []


def test_a_new_search_replaces_the_last_job_word(phone):
    first = phone.say("cna jobs in stonington")[0]
    assert "cna" in first.lower() or "CNA" in first
    assert phone.say("jobs in Mystic")[0].startswith(("Jobs near Mystic", "Jobs near Stonington"))
    phone.say("warehouse jobs in hartford")
    assert phone.say("jobs near 06106")[0].startswith("Jobs near Hartford:")


def _listed_jobs(rasa_stack, sender: str, url: str) -> list[Job]:
    """The jobs of the last list the assistant showed ``sender``."""
    ids = None
    for event in rasa_stack.events(sender):
        if event.get("event") == "slot" and event.get("name") == "last_ids":
            ids = event.get("value")
    with session_scope(url) as session:
        jobs = [session.get(Job, job_id) for job_id in ids or []]
        session.expunge_all()
    return jobs


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("part time cna jobs in Hartford", "part-time CNA jobs"),
        ("cna part time hartford", "part-time CNA jobs"),
        ("full time forklift jobs in Bristol", "full-time forklift jobs"),
        ("night shift jobs in waterbury", "night shift jobs"),
        ("do u have anything part time nights in waterbury", "part-time night shift jobs"),
    ],
)
def test_a_search_keeps_job_word_type_and_shift_in_any_order(
    rasa_stack, conversation_url, text, wording
):
    sender = _web()
    replies = rasa_stack.say(sender, text)
    assert wording.lower() in replies[0].lower(), replies
    listed = _listed_jobs(rasa_stack, sender, conversation_url)
    assert listed, replies
    if "part-time" in wording:
        assert {job.job_type for job in listed} == {"part_time"}
    if "full-time" in wording:
        assert {job.job_type for job in listed} == {"full_time"}
    if "night" in wording:
        assert all(
            re.search(r"night|overnight|3rd shift|third shift", f"{j.title} {j.description}", re.I)
            for j in listed
        ), [j.title for j in listed]
    if "CNA" in wording:
        assert all(re.search(r"CNA|Nurs|Patient Care", job.title) for job in listed)


def test_a_minimum_pay_is_kept_through_the_town_question(rasa_stack, conversation_url):
    sender = _web()
    assert rasa_stack.say(sender, "warehouse jobs that pay 20+")[0].startswith("What town")
    replies = rasa_stack.say(sender, "hartford")
    assert replies[0].startswith("Warehouse jobs paying $20+/hr near Hartford:")
    for job in _listed_jobs(rasa_stack, sender, conversation_url):
        assert job.salary_max is not None and (job.salary_max >= 20 or job.salary_unit != "hour")


def test_job_abbreviations_find_those_jobs(rasa_stack, conversation_url):
    sender = _web()
    replies = rasa_stack.say(sender, "RN jobs in Waterbury")
    assert replies[0].startswith("RN jobs near Waterbury:")
    titles = [job.title for job in _listed_jobs(rasa_stack, sender, conversation_url)]
    assert titles and all("Nurse" in title or "RN" in title for title in titles), titles


@pytest.mark.parametrize(
    ("first", "then", "miles"),
    [
        (None, "jobs within 10 miles of Mystic", 10),
        (None, "within 15 mi of 06066", 15),
        ("jobs in hartford", "radius 5 miles", 5),
        ("jobs in hartford", "10 miles", 10),
    ],
)
def test_a_radius_in_any_common_form(rasa_stack, first, then, miles):
    sender = _web()
    if first:
        rasa_stack.say(sender, first)
    replies = rasa_stack.say(sender, then)
    assert "couldn't find a Connecticut town" not in " ".join(replies), replies
    assert re.match(r"(Jobs near|No jobs within)", replies[0]), replies
    distances = [int(d) for d in re.findall(r"\b(\d+)mi\b", "\n".join(replies))]
    assert all(distance <= miles for distance in distances), (distances, replies)
