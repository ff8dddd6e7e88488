"""Support actions on trackers built by hand, against real demo data: a person to talk
to, unemployment help, misunderstandings, forget me, opt-outs, and who may do
personal steps on which channel."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.alerts import ActionSubmitJobAlert
from actions.courses import (
    ActionCourseCompleted,
    ActionEnrollCourse,
    ActionFindCourses,
    ActionStopReminders,
)
from actions.eligibility import ActionSubmitEligibility
from actions.follow_ups import ActionSendJobAlert
from actions.jobs import (
    ActionChooseOption,
    ActionSearchJobs,
)
from actions.support import (
    ActionAnswerYesNo,
    ActionAskForgetMe,
    ActionHandleFallback,
    ActionHandleInform,
    ActionHandoff,
    ActionOptOut,
    ActionUnemploymentInfo,
)
from bot.contacts import contacts
from bot.db import session_scope
from bot.db.models import (
    ErasureRequest,
    HandoffRequest,
    Person,
)
from bot.dialogue import fallback, privacy
from bot.dialogue.people import NOT_PROVEN
from bot.identity import SMS_CHANNEL, WEB_CHANNEL, new_web_sender
from bot.messaging import keywords, optouts
from tests.support.texter import DOMAIN, SLOT_NAMES, Texter, sms_safe

pytestmark = pytest.mark.usefixtures("actions_database")


def test_handoff_records_the_reason_and_names_the_regional_job_center():
    person = Texter()
    person.run(ActionSearchJobs(), "jobs in norwich", "find_jobs", location="norwich")
    texts, _ = person.run(ActionHandoff(), "i need help with my resume can someone call me",
                          "human_handoff")  # fmt: skip
    assert texts[0] == "I've asked our staff to contact you. They reply on business days."
    assert texts[1].startswith(
        "You can also get free help in person at the American Job Center East in Montville"
    )
    assert "https://portal.ct.gov/dol" in texts[1]
    with session_scope() as session:
        request = session.execute(
            select(HandoffRequest).join(Person).where(Person.address == person.sender)
        ).scalar_one()
        assert "resume" in request.reason and request.status == "open"


def test_unemployment_answers_give_the_claims_address_in_one_text():
    texts, _ = Texter().run(ActionUnemploymentInfo(), "where is my payment",
                             "unemployment_claim")  # fmt: skip
    [text] = texts
    assert contacts()["unemployment"]["claims_url"] in text
    assert "find you jobs and free training" in text and len(text) <= 320


def test_two_misunderstandings_in_a_row_bring_the_menu_and_a_person():
    person = Texter()
    texts, _ = person.run(ActionHandleFallback(), "asdf", "nlu_fallback")
    assert texts == [fallback.REPHRASE]
    texts, _ = person.run(ActionHandleFallback(), "qwer", "nlu_fallback")
    assert texts == ["Sorry, I'm still not sure what you need.", fallback.MENU]
    person.run(ActionSearchJobs(), "jobs in hartford", "find_jobs", location="hartford")
    texts, _ = person.run(ActionHandleFallback(), "zxcv", "nlu_fallback")
    assert texts == [fallback.REPHRASE]
    texts, _ = person.run(ActionHandleInform(), "qwpoeiru", "inform")
    assert texts == ["Sorry, I'm still not sure what you need.", fallback.MENU]


def test_a_dead_database_gets_a_clear_message(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    texts, _ = Texter().run(ActionSearchJobs(), "jobs in hartford", "find_jobs",
                             location="hartford")  # fmt: skip
    assert texts == [
        "Sorry, I can't reach our job and course records right now. Please try again soon."
    ]


def test_every_slot_an_action_sets_is_in_the_domain():
    person = Texter()
    for action, text, intent, entities in [
        (ActionSearchJobs(), "jobs in hartford", "find_jobs", {"location": "hartford"}),
        (ActionFindCourses(), "cnc", "find_courses", {"course_topic": "cnc"}),
        (ActionChooseOption(), "1", "choose_option", {}),
    ]:
        _, slots = person.run(action, text, intent, **entities)
        assert set(slots) <= set(SLOT_NAMES)
    assert SlotSet("pending", None) == {
        "event": "slot",
        "timestamp": None,
        "name": "pending",
        "value": None,
    }


def _erasure_requests(address: str) -> int:
    with session_scope() as session:
        return len(
            session.scalars(select(ErasureRequest).where(ErasureRequest.address == address)).all()
        )


def test_forget_me_asks_first_and_no_keeps_everything():
    person = Texter()
    texts, slots = person.run(ActionAskForgetMe(), "delete my data", "forget_me")
    sms_safe(texts)
    assert texts == [privacy.ASK] and slots["pending"] == "forget_me"
    texts, slots = person.run(ActionAnswerYesNo(), "no", "deny")
    assert texts == ["OK, nothing was deleted."] and slots["pending"] is None
    assert _erasure_requests(person.sender) == 0


def test_forget_me_confirmed_lines_up_one_erasure_for_the_worker():
    person = Texter()
    person.run(ActionAskForgetMe(), "delete my data", "forget_me")
    texts, slots = person.run(ActionAnswerYesNo(), "yes", "affirm")
    sms_safe(texts)
    assert texts[0].startswith("Done: your data will be deleted within a minute.")
    assert slots["pending"] is None
    person.run(ActionAskForgetMe(), "forget me", "forget_me")
    person.run(ActionAnswerYesNo(), "yes", "affirm")
    assert _erasure_requests(person.sender) == 1


# Channels that prove nothing about who is speaking: Rasa's open REST channel (now
# removed), its command line, or no channel at all.
UNPROVEN = ["rest", "cmdline", None]
PERSONAL = [
    (ActionAskForgetMe(), "forget me", "forget_me", {}),
    (ActionEnrollCourse(), "enroll 1", "enroll_course", {}),
    (ActionCourseCompleted(), "done", "course_completed", {}),
    (ActionStopReminders(), "stop reminders", "stop_reminders", {}),
    (ActionSubmitEligibility(), "yes", "affirm", {}),
    (ActionSubmitJobAlert(), "weekly", "inform", {}),
    (ActionHandoff(), "talk to a person", "human_handoff", {}),
]


@pytest.mark.parametrize("channel", UNPROVEN)
@pytest.mark.parametrize(("action", "text", "intent", "entities"), PERSONAL)
def test_personal_steps_refuse_a_phone_number_on_an_unproven_channel(
    channel, action, text, intent, entities
):
    person = Texter(channel=channel)
    texts, slots = person.run(action, text, intent, **entities)
    assert texts == [NOT_PROVEN]
    assert slots == {"pending": None, "misses": 0, "language": "en"}


@pytest.mark.parametrize("channel", UNPROVEN)
def test_erasure_cannot_be_started_from_an_unproven_channel(channel):
    phone_owner = Texter()
    phone_owner.run(ActionFindCourses(), "excel", "find_courses", course_topic="excel")
    # Someone else speaks in the phone's conversation, which is waiting for a yes.
    intruder = Texter(channel=channel, sender=phone_owner.sender)
    intruder.slots.update(pending="forget_me")
    texts, _ = intruder.run(ActionAnswerYesNo(), "yes", "affirm")
    assert texts == [NOT_PROVEN]
    assert _erasure_requests(phone_owner.sender) == 0


def test_a_web_id_cannot_pass_for_a_text_and_a_phone_number_not_for_a_web_chat():
    as_text = Texter(channel=SMS_CHANNEL, sender=new_web_sender())
    assert as_text.run(ActionAskForgetMe(), "forget me", "forget_me")[0] == [NOT_PROVEN]
    as_web = Texter(channel=WEB_CHANNEL)
    assert as_web.run(ActionAskForgetMe(), "forget me", "forget_me")[0] == [NOT_PROVEN]


def test_the_website_chat_may_do_personal_steps_for_its_own_web_id():
    person = Texter(channel=WEB_CHANNEL, sender=new_web_sender())
    texts, slots = person.run(ActionAskForgetMe(), "forget me", "forget_me")
    assert texts == [privacy.ASK] and slots["pending"] == "forget_me"
    person.run(ActionAnswerYesNo(), "yes", "affirm")
    assert _erasure_requests(person.sender) == 1


def test_a_job_alert_for_an_unknown_follow_up_says_nothing():
    texts, _ = Texter().run(ActionSendJobAlert(), "", "EXTERNAL_job_alert", follow_up="nope")
    assert texts == []


def test_an_understood_refusal_opts_out_with_the_compliance_confirmation():
    person = Texter()
    dispatcher = CollectingDispatcher()
    tracker = person.tracker("you guys need to quit hitting up my phone", "opt_out")
    tracker.latest_message["intent"]["confidence"] = 0.93
    ActionOptOut().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["text"] == keywords.opt_out_confirmation()
    assert dispatcher.messages[0]["sms_kind"] == "compliance"
    with session_scope() as session:
        assert optouts.block_status(session, person.sender) == optouts.OPTED_OUT


def test_an_unsure_refusal_gets_the_question_instead():
    person = Texter()
    tracker = person.tracker("i think im done with all this", "opt_out")
    tracker.latest_message["intent"]["confidence"] = 0.55
    dispatcher = CollectingDispatcher()
    ActionOptOut().run(dispatcher, tracker, DOMAIN)
    assert [m["text"] for m in dispatcher.messages] == [keywords.opt_out_question()]
    with session_scope() as session:
        assert optouts.block_status(session, person.sender) == optouts.ASKED


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("don't stop sending me jobs", "Jobs near Hartford:"),
        ("quiero trabajo de montacargas", "Trabajos cerca de Hartford:"),
        ("stop & shop jobs", "Jobs near Hartford:"),
    ],
)
def test_a_request_the_model_mistook_for_a_refusal_is_answered_not_opted_out(text, answer):
    person = Texter()
    person.run(ActionSearchJobs(), "jobs in Hartford", "find_jobs", location="Hartford")
    tracker = person.tracker(text, "opt_out")
    tracker.latest_message["intent"]["confidence"] = 0.97
    dispatcher = CollectingDispatcher()
    ActionOptOut().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["text"].startswith(answer)
    with session_scope() as session:
        assert optouts.block_status(session, person.sender) is None
