"""Custom actions run on trackers built by hand, against real demo data.

Each test is one person (its own sender id) and asserts the texts sent and the
slot events returned, as the action server would return them to Rasa.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
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
from actions.eligibility import ActionSubmitEligibility, ValidateEligibilityForm
from actions.followups import ActionSendCourseReminder, ActionSendJobAlert
from actions.jobs import (
    ActionChooseOption,
    ActionMoreResults,
    ActionRefineSearch,
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
from bot.clock import utcnow
from bot.contacts import contacts
from bot.db import session_scope
from bot.db.models import (
    Course,
    Enrollment,
    ErasureRequest,
    FollowUp,
    HandoffRequest,
    Job,
    JobAlertSubscription,
    JobSearch,
    Person,
)
from bot.dialogue import fallback, privacy, refine
from bot.dialogue.people import NOT_PROVEN
from bot.identity import SMS_CHANNEL, WEB_CHANNEL, new_web_sender
from bot.jobs.search import JobQuery, search_jobs
from bot.jobs.search_log import ASSISTANT
from bot.messaging import keywords, optouts
from tests.conftest import DEMO_NOW, load_demo

DOMAIN = yaml.safe_load(Path("domain.yml").read_text(encoding="utf-8"))
SLOT_NAMES = list(DOMAIN["slots"])


@pytest.fixture(scope="module")
def actions_url(databases) -> str:
    """Demo data of this module's own: its texters enroll and get reminders lined up,
    which must not reach the worker tests that share the conversation database."""
    return load_demo(databases, "actions")


@pytest.fixture(autouse=True)
def _database(actions_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", actions_url)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://backtowork.example.org")


class Person_:
    """One texter: keeps the slots the actions set, like Rasa's tracker would.
    ``channel`` is the channel the messages come in on (a signed text by default)."""

    def __init__(self, channel: str = SMS_CHANNEL, sender: str | None = None) -> None:
        self.channel = channel
        self.sender = sender or f"+1860{uuid.uuid4().int % 10**7:07d}"
        self.slots: dict[str, Any] = {name: None for name in SLOT_NAMES}
        self.events: list[dict[str, Any]] = []

    def tracker(self, text: str, intent: str, entities: dict[str, str] | None = None) -> Tracker:
        entity_list = [
            {"entity": name, "value": value, "start": 0, "end": 0}
            for name, value in (entities or {}).items()
        ]
        message = {"text": text, "intent": {"name": intent}, "entities": entity_list}
        self.events.append(
            {"event": "user", "text": text, "parse_data": message, "input_channel": self.channel}
        )
        return Tracker(
            self.sender,
            dict(self.slots),
            message,
            list(self.events),
            False,
            None,
            {},
            "action_listen",
        )

    def run(self, action, text: str, intent: str, **entities: str) -> tuple[list[str], dict]:
        """Run ``action`` on this message; apply its slot events; return texts and slots set."""
        dispatcher = CollectingDispatcher()
        result = action.run(dispatcher, self.tracker(text, intent, entities), DOMAIN)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
        set_slots = {e["name"]: e["value"] for e in result if e["event"] == "slot"}
        self.slots.update(set_slots)
        texts = [m["text"] for m in dispatcher.messages]
        return texts, set_slots


def _sms_safe(texts: list[str]) -> None:
    for text in texts:
        assert len(text) <= 320, text
        assert text.isascii(), text


def test_search_lists_three_jobs_in_one_short_text_and_remembers_the_place():
    person = Person_()
    texts, slots = person.run(
        ActionSearchJobs(), "jobs in Hartford", "find_jobs", location="Hartford"
    )
    _sms_safe(texts)
    assert texts[0].startswith("Jobs near Hartford:\n1) ")
    assert texts[-1].endswith("Reply 1-3 for details, MORE for more.")
    assert re.findall(r"^\d\) ", "\n".join(texts), flags=re.M) == ["1) ", "2) ", "3) "]
    assert slots["location"] == "Hartford" and slots["last_list"] == "jobs"
    assert len(slots["last_ids"]) == 3 and slots["pending"] is None


def test_near_me_asks_for_a_place_and_a_zip_answers_it():
    person = Person_()
    texts, slots = person.run(ActionSearchJobs(), "find jobs near me", "find_jobs")
    assert texts == ["What town or ZIP code should I search near? For example: Hartford or 06106"]
    assert slots["pending"] == "location"
    texts, slots = person.run(ActionHandleInform(), "06510", "inform", location="06510")
    assert texts[0].startswith("Jobs near New Haven:")


def test_an_unmarked_town_answer_is_still_understood_when_a_place_was_asked():
    person = Person_()
    person.run(ActionSearchJobs(), "cna jobs", "find_jobs", job_keyword="cna")
    texts, _ = person.run(ActionHandleInform(), "wethersfeild", "inform")
    assert texts[0].startswith("CNA jobs near Wethersfield:")


def test_the_place_is_remembered_in_a_later_conversation():
    person = Person_()
    person.run(ActionSearchJobs(), "jobs in Norwich", "find_jobs", location="Norwich")
    later = Person_()
    later.sender = person.sender
    texts, _ = later.run(ActionSearchJobs(), "any jobs", "find_jobs")
    assert texts[0].startswith("Jobs near Norwich:")


def test_unknown_and_ambiguous_places_are_asked_again():
    person = Person_()
    texts, slots = person.run(ActionSearchJobs(), "jobs in boston", "find_jobs", location="boston")
    assert "I couldn't find a Connecticut town called boston" in texts[0]
    assert slots["pending"] == "location"
    texts, _ = person.run(ActionHandleInform(), "haven", "inform", location="haven")
    assert texts[0].startswith("Which town do you mean? 1) ") and "New Haven" in texts[0]


def test_a_number_gives_details_and_a_short_apply_link():
    person = Person_()
    person.run(ActionSearchJobs(), "warehouse jobs in waterbury", "find_jobs",
               job_keyword="warehouse", location="waterbury")  # fmt: skip
    second = person.slots["last_ids"][1]
    with session_scope() as session:
        code = session.get(Job, second).link_code
    texts, _ = person.run(ActionChooseOption(), "2", "choose_option")
    _sms_safe(texts)
    assert texts[0].endswith(f"Apply: https://backtowork.example.org/j/{code}")
    texts, _ = person.run(ActionChooseOption(), "9", "choose_option")
    assert texts == ["Please reply with a number from 1 to 3."]


def test_more_pages_through_results_and_says_when_there_are_no_more():
    person = Person_()
    person.run(ActionSearchJobs(), "electrician jobs in hartford", "find_jobs",
               job_keyword="electrician", location="hartford")  # fmt: skip
    seen = list(person.slots["last_ids"])
    for _ in range(30):
        texts, slots = person.run(ActionMoreResults(), "more", "more_results")
        if "last_ids" not in slots:
            break
        assert set(slots["last_ids"]).isdisjoint(seen)
        seen += slots["last_ids"]
    assert texts == [
        "That's all the electrician jobs I found near Hartford. Try another word or town."
    ]


def test_no_results_offers_alerts_and_yes_is_remembered_for_the_form():
    person = Person_()
    texts, slots = person.run(ActionSearchJobs(), "astronaut jobs in union", "find_jobs",
                              job_keyword="astronaut", location="union")  # fmt: skip
    _sms_safe(texts)
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
    person = Person_()
    texts, slots = person.run(ActionSearchJobs(), f"{keyword} jobs in {town}", "find_jobs",
                              job_keyword=keyword, location=town)  # fmt: skip
    assert texts[0].startswith(
        f"No {keyword} jobs within 25 miles of {town}, but these are within 50:\n1) "
    )
    assert slots["results_radius"] == 50.0
    assert _logged_searches(keyword, town) == [(ASSISTANT, True)]


def test_job_alert_is_stored_and_confirmed():
    person = Person_()
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


def _required(person: Person_) -> list[str]:
    form = ValidateEligibilityForm()
    return asyncio.run(
        form.required_slots([], CollectingDispatcher(), person.tracker("", "affirm"), DOMAIN)
    )


def test_eligibility_asks_only_what_matters_and_remembers_answers():
    person = Person_()
    assert _required(person) == ["elig_ct_resident"]
    person.slots["elig_ct_resident"] = True
    assert _required(person) == ["elig_filed_ct_claim"]
    person.slots["elig_filed_ct_claim"] = True
    assert _required(person) == []
    texts, _ = person.run(ActionSubmitEligibility(), "yes", "affirm")
    assert texts[0].startswith(
        "Good news: you qualify for free SkillUp CT and 180 Skills training."
    )
    assert "You filed a Connecticut unemployment claim." in texts[0]
    again = Person_()
    again.sender = person.sender
    assert _required(again) == []


def test_not_a_resident_is_told_why_and_what_would_help():
    person = Person_()
    person.slots["elig_ct_resident"] = False
    assert _required(person) == []
    texts, _ = person.run(ActionSubmitEligibility(), "no", "deny")
    joined = " ".join(texts)
    assert "you do not qualify" in joined
    assert "Free training is for Connecticut residents." in joined
    assert "You could qualify if you live in Connecticut" in joined


def _enrollment(sender: str) -> Enrollment | None:
    with session_scope() as session:
        return session.execute(
            select(Enrollment).join(Person).where(Person.address == sender)
        ).scalar_one_or_none()


def test_enroll_asks_eligibility_first_then_enrolls_and_asks_for_reminders():
    person = Person_()
    texts, slots = person.run(ActionFindCourses(), "excel classes", "find_courses",
                              course_topic="excel")  # fmt: skip
    assert texts[0].startswith("Free courses for excel:\n1) ")
    assert slots["last_list"] == "courses"
    first = slots["last_ids"][0]
    texts, slots = person.run(ActionEnrollCourse(), "enroll 1", "enroll_course")
    assert slots["pending"] == "eligibility" and slots["selected_course"] == first
    assert _enrollment(person.sender) is None
    person.slots.update(elig_ct_resident=True, elig_filed_ct_claim=True)
    texts, slots = person.run(ActionSubmitEligibility(), "yes", "affirm")
    _sms_safe(texts)
    assert texts[1].startswith("You're enrolled in ") and "Start here: https://" in texts[1]
    assert texts[2] == "Can we text you reminders until you finish? Reply YES or NO"
    assert slots["pending"] == "reminder_consent"
    texts, _ = person.run(ActionAnswerYesNo(), "yes", "affirm")
    assert texts[0].startswith("Great, I'll text you reminders")
    enrollment = _enrollment(person.sender)
    assert (enrollment.status, enrollment.reminders_consent) == ("enrolled", True)


def test_someone_not_eligible_for_the_program_is_not_enrolled():
    person = Person_()
    person.slots.update(elig_ct_resident=True, elig_filed_ct_claim=False,
                        elig_manufacturing_worker=True, elig_cscu_student=False)  # fmt: skip
    person.run(ActionFindCourses(), "excel", "find_courses", course_topic="excel")
    texts, _ = person.run(ActionEnrollCourse(), "enroll 1", "enroll_course")
    assert "is a SkillUp CT course. Your answers open 180 Skills, not SkillUp CT." in texts[0]
    assert _enrollment(person.sender) is None


def test_enroll_with_a_course_code_from_the_courses_page_enrolls_in_that_course():
    # The courses page's Enroll button sends "enroll <code>" in the website's chat, with
    # no course list in the conversation before it.
    person = Person_(channel=WEB_CHANNEL, sender=new_web_sender())
    with session_scope() as session:
        title = session.execute(select(Course.title).where(Course.code == "SU-IT-003")).scalar()
    texts, slots = person.run(ActionEnrollCourse(), "enroll SU-IT-003", "enroll_course")
    assert texts[0] == f"{title} is free if you qualify. First, a few quick yes/no questions."
    assert slots["pending"] == "eligibility" and slots["selected_course"] == "SU-IT-003"
    person.slots.update(elig_ct_resident=True, elig_filed_ct_claim=True)
    texts, _ = person.run(ActionSubmitEligibility(), "yes", "affirm")
    assert texts[1].startswith(f"You're enrolled in {title} (SkillUp CT).")
    # A code in lower case counts; one that names no course asks which course.
    other = Person_(channel=WEB_CHANNEL, sender=new_web_sender())
    _, slots = other.run(ActionEnrollCourse(), "enroll 180-wld-001.", "enroll_course")
    assert slots["selected_course"] == "180-WLD-001"
    texts, _ = Person_().run(ActionEnrollCourse(), "enroll XX-NONE-9", "enroll_course")
    assert texts[0].startswith("Which course?")


def _enroll_directly(person: Person_, code: str) -> None:
    with session_scope() as session:
        course_id = session.execute(select(Course.id).where(Course.code == code)).scalar_one()
        who = Person(channel=SMS_CHANNEL, address=person.sender)
        session.add(who)
        session.flush()
        enrollment = Enrollment(person_id=who.id, course_id=course_id, reminders_consent=True)
        session.add(enrollment)
        session.flush()
        session.add(FollowUp(kind="course_reminder", person_id=who.id,
                             enrollment_id=enrollment.id, due_at=utcnow() + timedelta(days=2),
                             idempotency_key=f"r-{person.sender}"))  # fmt: skip


def test_completion_congratulates_and_suggests_the_next_credential():
    person = Person_()
    with session_scope() as session:
        course = (
            session.execute(
                select(Course).where(Course.next_course_code.isnot(None)).order_by(Course.code)
            )
            .scalars()
            .first()
        )
        code, title, next_code = course.code, course.title, course.next_course_code
    _enroll_directly(person, code)
    texts, slots = person.run(ActionCourseCompleted(), "i finished", "course_completed")
    _sms_safe(texts)
    assert texts[0].startswith(f"Congratulations on finishing {title}!")
    assert texts[1].startswith("Next step: ") and texts[1].endswith("Reply ENROLL to sign up.")
    assert slots["selected_course"] == next_code
    assert _enrollment(person.sender).status == "completed"
    texts, _ = person.run(ActionCourseCompleted(), "done", "course_completed")
    assert texts == ["I don't see a course you're enrolled in. Reply COURSES to find one."]


def test_stop_reminders_cancels_pending_follow_ups():
    person = Person_()
    _enroll_directly(person, "SU-IT-001")
    texts, _ = person.run(ActionStopReminders(), "stop reminders", "stop_reminders")
    assert texts[0].startswith("OK, no more course reminders.")
    with session_scope() as session:
        follow_up = session.execute(
            select(FollowUp).where(FollowUp.idempotency_key == f"r-{person.sender}")
        ).scalar_one()
        assert (follow_up.status, follow_up.skip_reason) == ("skipped", "stopped by learner")
    assert _enrollment(person.sender).reminders_consent is False


def test_handoff_records_the_reason_and_names_the_regional_job_center():
    person = Person_()
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
    texts, _ = Person_().run(ActionUnemploymentInfo(), "where is my payment",
                             "unemployment_claim")  # fmt: skip
    [text] = texts
    assert contacts()["unemployment"]["claims_url"] in text
    assert "find you jobs and free training" in text and len(text) <= 320


def test_two_misunderstandings_in_a_row_bring_the_menu_and_a_person():
    person = Person_()
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
    texts, _ = Person_().run(ActionSearchJobs(), "jobs in hartford", "find_jobs",
                             location="hartford")  # fmt: skip
    assert texts == [
        "Sorry, I can't reach our job and course records right now. Please try again soon."
    ]


def test_every_slot_an_action_sets_is_in_the_domain():
    person = Person_()
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
    person = Person_()
    texts, slots = person.run(ActionAskForgetMe(), "delete my data", "forget_me")
    _sms_safe(texts)
    assert texts == [privacy.ASK] and slots["pending"] == "forget_me"
    texts, slots = person.run(ActionAnswerYesNo(), "no", "deny")
    assert texts == ["OK, nothing was deleted."] and slots["pending"] is None
    assert _erasure_requests(person.sender) == 0


def test_forget_me_confirmed_lines_up_one_erasure_for_the_worker():
    person = Person_()
    person.run(ActionAskForgetMe(), "delete my data", "forget_me")
    texts, slots = person.run(ActionAnswerYesNo(), "yes", "affirm")
    _sms_safe(texts)
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
    person = Person_(channel=channel)
    texts, slots = person.run(action, text, intent, **entities)
    assert texts == [NOT_PROVEN]
    assert slots == {"pending": None, "misses": 0}


@pytest.mark.parametrize("channel", UNPROVEN)
def test_erasure_cannot_be_started_from_an_unproven_channel(channel):
    phone_owner = Person_()
    phone_owner.run(ActionFindCourses(), "excel", "find_courses", course_topic="excel")
    # Someone else speaks in the phone's conversation, which is waiting for a yes.
    intruder = Person_(channel=channel, sender=phone_owner.sender)
    intruder.slots.update(pending="forget_me")
    texts, _ = intruder.run(ActionAnswerYesNo(), "yes", "affirm")
    assert texts == [NOT_PROVEN]
    assert _erasure_requests(phone_owner.sender) == 0


def test_a_web_id_cannot_pass_for_a_text_and_a_phone_number_not_for_a_web_chat():
    as_text = Person_(channel=SMS_CHANNEL, sender=new_web_sender())
    assert as_text.run(ActionAskForgetMe(), "forget me", "forget_me")[0] == [NOT_PROVEN]
    as_web = Person_(channel=WEB_CHANNEL)
    assert as_web.run(ActionAskForgetMe(), "forget me", "forget_me")[0] == [NOT_PROVEN]


def test_the_website_chat_may_do_personal_steps_for_its_own_web_id():
    person = Person_(channel=WEB_CHANNEL, sender=new_web_sender())
    texts, slots = person.run(ActionAskForgetMe(), "forget me", "forget_me")
    assert texts == [privacy.ASK] and slots["pending"] == "forget_me"
    person.run(ActionAnswerYesNo(), "yes", "affirm")
    assert _erasure_requests(person.sender) == 1


def test_a_reminder_is_said_only_in_its_own_persons_conversation():
    owner, stranger = Person_(), Person_()
    _enroll_directly(owner, "SU-IT-001")
    key = f"r-{owner.sender}"
    texts, _ = stranger.run(
        ActionSendCourseReminder(), "", "EXTERNAL_course_reminder", follow_up=key
    )
    assert texts == []
    texts, _ = owner.run(ActionSendCourseReminder(), "", "EXTERNAL_course_reminder", follow_up=key)
    assert texts[0].startswith("Reminder: how is")


def test_a_job_alert_for_an_unknown_follow_up_says_nothing():
    texts, _ = Person_().run(ActionSendJobAlert(), "", "EXTERNAL_job_alert", follow_up="nope")
    assert texts == []


def _searched(place: str, keyword: str | None = None) -> Person_:
    person = Person_()
    entities = {"location": place, **({"job_keyword": keyword} if keyword else {})}
    texts, _ = person.run(ActionSearchJobs(), f"{keyword or ''} jobs in {place}", "find_jobs",
                          **entities)  # fmt: skip
    assert "near" in texts[0]
    return person


def test_job_words_keep_their_capitals_in_replies():
    person = Person_()
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
    texts, _ = Person_().run(ActionRefineSearch(), "within 10 miles", "refine_search")
    assert texts == [refine.NOTHING_TO_REFINE]


def test_an_understood_refusal_opts_out_with_the_compliance_confirmation():
    person = Person_()
    dispatcher = CollectingDispatcher()
    tracker = person.tracker("you guys need to quit hitting up my phone", "opt_out")
    tracker.latest_message["intent"]["confidence"] = 0.93
    ActionOptOut().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["text"] == keywords.opt_out_confirmation()
    assert dispatcher.messages[0]["sms_kind"] == "compliance"
    with session_scope() as session:
        assert optouts.block_status(session, person.sender) == optouts.OPTED_OUT


def test_an_unsure_refusal_gets_the_question_instead():
    person = Person_()
    tracker = person.tracker("i think im done with all this", "opt_out")
    tracker.latest_message["intent"]["confidence"] = 0.55
    dispatcher = CollectingDispatcher()
    ActionOptOut().run(dispatcher, tracker, DOMAIN)
    assert [m["text"] for m in dispatcher.messages] == [keywords.opt_out_question()]
    with session_scope() as session:
        assert optouts.block_status(session, person.sender) == optouts.ASKED


@pytest.mark.parametrize(
    "text", ["don't stop sending me jobs", "quiero trabajo de montacargas", "stop & shop jobs"]
)
def test_a_request_the_model_mistook_for_a_refusal_is_answered_not_opted_out(text):
    person = Person_()
    person.run(ActionSearchJobs(), "jobs in Hartford", "find_jobs", location="Hartford")
    tracker = person.tracker(text, "opt_out")
    tracker.latest_message["intent"]["confidence"] = 0.97
    dispatcher = CollectingDispatcher()
    ActionOptOut().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["text"].startswith("Jobs near Hartford:")
    with session_scope() as session:
        assert optouts.block_status(session, person.sender) is None
