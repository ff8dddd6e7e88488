"""Conversations that used to trap people or lose what they asked, through the trained
model and the real action server: by text (signed webhook) and in the web chat."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Enrollment, JobAlertSubscription, Person
from tests.conftest import TWILIO_FROM_NUMBER
from tests.phones import Phone

STATE_NUMBER = f"{TWILIO_FROM_NUMBER[2:5]}-{TWILIO_FROM_NUMBER[5:8]}-{TWILIO_FROM_NUMBER[8:]}"


def _web() -> str:
    return f"web-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def phone(rasa_stack, twilio_server, conversation_url) -> Phone:
    return Phone(rasa_stack, twilio_server, conversation_url)


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
        f"To get them, text ALERTS to {STATE_NUMBER} from your mobile phone."
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
    assert phone.say("my alerts") == ["You have no job alerts. Reply ALERTS to set one up."]
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
