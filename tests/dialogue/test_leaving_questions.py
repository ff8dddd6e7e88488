"""No question traps anyone: every form yields to a way out or a new request, through
the trained model, the real action server and the channels people use."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import EligibilityScreening, ErasureRequest, HandoffRequest, Person
from bot.dialogue import eligibility
from bot.dialogue.language import HOW_TO_SWITCH
from tests.support.phones import Phone

FREQUENCY = "How often: DAILY or WEEKLY?"
RESIDENT = "Do you live in Connecticut? Reply YES or NO"
STOPPED_ALERTS = "OK, I stopped the job alert questions."
STOPPED_ELIGIBILITY = "OK, I stopped the eligibility questions."


def _web() -> str:
    return f"web-{uuid.uuid4().hex[:12]}"


def _asking_frequency(phone: Phone) -> None:
    # The conversation's first reply also says how to switch to Spanish.
    assert phone.say("text me new forklift jobs in bristol") == [f"{FREQUENCY} {HOW_TO_SWITCH}"]


# What each way out of the job alert questions leads to (by text: "cancel" alone is a
# carrier opt-out keyword, answered by the SMS channel, so it is not in this list).
ALERT_WAYS_OUT = {
    "never mind": "Reply HELP to see what I can do",
    "start over": "Reply HELP to see what I can do",
    "no": "Reply HELP to see what I can do",
    "menu": "I can help with: 1) jobs near you",
    "jobs in hartford": "Jobs near Hartford:",
    "talk to a person": "I've asked our staff to contact you.",
    "cancel my job alerts": "You have no job alerts to cancel.",
    "stop job alerts": "You have no job alerts to cancel.",
    "how much do welders make in waterbury": "Typical pay for welders in the Waterbury-Shelton",
}


@pytest.mark.parametrize("text", list(ALERT_WAYS_OUT))
def test_the_job_alert_questions_give_way(phone, text):
    _asking_frequency(phone)
    replies = phone.say(text)
    assert replies[0] == STOPPED_ALERTS
    assert any(ALERT_WAYS_OUT[text] in reply for reply in replies[1:]), replies
    assert not any(FREQUENCY in reply for reply in replies)
    # The question is gone for good: a later message is not taken as its answer.
    assert not any(FREQUENCY in reply for reply in phone.say("thanks"))


def test_a_second_unclear_answer_leaves_the_alert_questions(phone):
    _asking_frequency(phone)
    first = phone.say("purple elephant")
    assert first[-1] == FREQUENCY
    second = phone.say("banana phone")
    assert STOPPED_ALERTS in second
    assert FREQUENCY not in second


def test_after_stop_and_start_a_new_search_is_answered(phone):
    _asking_frequency(phone)
    phone.say("STOP")
    phone.say("START")
    replies = phone.say("jobs in hartford")
    assert any(reply.startswith("Jobs near Hartford:") for reply in replies), replies
    assert FREQUENCY not in replies


ELIGIBILITY_WAYS_OUT = {
    "never mind": "Reply HELP to see what I can do",
    "cancel": "Reply HELP to see what I can do",
    "start over": "Reply HELP to see what I can do",
    "menu": "I can help with: 1) jobs near you",
    "jobs in hartford": "Jobs near Hartford:",
    "talk to a person": "I'll ask our staff to contact you.",
}


@pytest.mark.parametrize("text", list(ELIGIBILITY_WAYS_OUT))
def test_the_eligibility_questions_give_way_and_store_nothing(rasa_stack, conversation_url, text):
    sender = _web()
    assert rasa_stack.say(sender, "am i eligible for free training")[-1] == RESIDENT
    replies = rasa_stack.say(sender, text)
    assert replies[0] == STOPPED_ELIGIBILITY
    assert any(ELIGIBILITY_WAYS_OUT[text] in reply for reply in replies[1:]), replies
    assert RESIDENT not in replies
    with session_scope(conversation_url) as session:
        screenings = session.execute(
            select(EligibilityScreening).join(Person).where(Person.address == sender)
        ).all()
    assert screenings == []


def test_two_unclear_answers_leave_the_eligibility_questions(rasa_stack):
    sender = _web()
    rasa_stack.say(sender, "is training free for me")
    assert rasa_stack.say(sender, "what is a purple elephant")[-1] == RESIDENT
    replies = rasa_stack.say(sender, "banana bread recipe")
    assert STOPPED_ELIGIBILITY in replies
    assert RESIDENT not in replies


def test_why_do_you_ask_gets_the_reason_then_the_question(rasa_stack):
    sender = _web()
    rasa_stack.say(sender, "is training free for me")
    replies = rasa_stack.say(sender, "why do you ask")
    assert replies == [eligibility.why_we_ask("elig_ct_resident"), RESIDENT]


def test_a_no_can_be_corrected_and_never_blocks_a_new_check(rasa_stack):
    sender = _web()
    rasa_stack.say(sender, "am i eligible for free training")
    refusal = rasa_stack.say(sender, "no")
    assert any("reply CHECK AGAIN" in reply for reply in refusal), refusal
    # "wait, I do live in Connecticut", "check again", "I answered wrong": a new check.
    for text in ("wait, i do live in connecticut", "check again", "i answered wrong"):
        assert rasa_stack.say(sender, text)[-1] == RESIDENT, text
        rasa_stack.say(sender, "never mind")
    rasa_stack.say(sender, "check again")
    assert rasa_stack.say(sender, "yes")[-1].startswith("Have you filed an unemployment claim")
    assert rasa_stack.say(sender, "yes")[0].startswith("Good news: you qualify")


def test_never_mind_is_not_a_no(rasa_stack):
    sender = _web()
    rasa_stack.say(sender, "am i eligible for free training")
    rasa_stack.say(sender, "never mind")
    # Enrolling afterwards asks the questions; nothing was stored as a no.
    rasa_stack.say(sender, "excel classes")
    replies = rasa_stack.say(sender, "enroll 1")
    assert replies[-1] == RESIDENT


FORGET_ME_WAYS_OUT = {
    "jobs in hartford": "Jobs near Hartford:",
    "menu": "I can help with: 1) jobs near you",
    "talk to a person": "I've asked our staff to contact you.",
    "never mind": "OK, never mind.",
}


@pytest.mark.parametrize("text", list(FORGET_ME_WAYS_OUT))
def test_forget_me_gives_way_to_a_new_request(phone, conversation_url, text):
    asked = phone.say("delete my data")
    assert "YES" in asked[-1]
    assert phone.say(text)[0].startswith(FORGET_ME_WAYS_OUT[text])
    # A yes now answers nothing: it is not taken as the old question's answer.
    assert phone.say("yes") == ["Great! What would you like to do? For example: jobs in Hartford"]
    with session_scope(conversation_url) as session:
        erasures = session.execute(
            select(ErasureRequest).where(ErasureRequest.address == phone.number)
        ).all()
    assert erasures == []


def test_the_web_callback_question_gives_way_and_can_be_answered(rasa_stack, conversation_url):
    sender = _web()
    asked = rasa_stack.say(sender, "talk to a person")
    assert "phone number or email" in asked[-1]
    assert rasa_stack.say(sender, "jobs in hartford")[0].startswith("Jobs near Hartford:")
    other = _web()
    rasa_stack.say(other, "can i talk to a real person")
    thanks = rasa_stack.say(other, "my cell is (860) 555-0142")
    assert thanks[0].startswith("Thanks. Our staff will contact you at +18605550142")
    with session_scope(conversation_url) as session:
        contacts = dict(
            session.execute(
                select(Person.address, HandoffRequest.contact)
                .join(Person)
                .where(Person.address.in_([sender, other]))
            ).all()
        )
    assert contacts == {sender: None, other: "+18605550142"}
