"""Training actions on trackers built by hand, against real demo data: the eligibility
questions, enrolling, reminders and completion."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.courses import (
    ActionCourseCompleted,
    ActionEnrollCourse,
    ActionFindCourses,
    ActionStopReminders,
)
from actions.eligibility import ActionSubmitEligibility, ValidateEligibilityForm
from actions.follow_ups import ActionSendCourseReminder
from actions.support import (
    ActionAnswerYesNo,
)
from bot.db import session_scope
from bot.db.models import (
    Course,
    Enrollment,
    FollowUp,
    Person,
)
from bot.identity import WEB_CHANNEL, new_web_sender
from bot.learners.enrollments import EnrollmentStatus
from tests.support.people import enroll_directly
from tests.support.texter import DOMAIN, Texter, sms_safe

pytestmark = pytest.mark.usefixtures("actions_database")


def _required(person: Texter) -> list[str]:
    form = ValidateEligibilityForm()
    return asyncio.run(
        form.required_slots([], CollectingDispatcher(), person.tracker("", "affirm"), DOMAIN)
    )


def test_eligibility_asks_only_what_matters_and_remembers_answers():
    person = Texter()
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
    again = Texter()
    again.sender = person.sender
    assert _required(again) == []


def test_not_a_resident_is_told_why_and_what_would_help():
    person = Texter()
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
    person = Texter()
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
    sms_safe(texts)
    assert texts[1].startswith("You're enrolled in ") and "Start here: https://" in texts[1]
    assert texts[2] == "Can we text you reminders until you finish? Reply YES or NO"
    assert slots["pending"] == "reminder_consent"
    texts, _ = person.run(ActionAnswerYesNo(), "yes", "affirm")
    assert texts[0].startswith("Great, I'll text you reminders")
    enrollment = _enrollment(person.sender)
    assert (enrollment.status, enrollment.reminders_consent) == (EnrollmentStatus.ENROLLED, True)


def test_someone_not_eligible_for_the_program_is_not_enrolled():
    person = Texter()
    person.slots.update(elig_ct_resident=True, elig_filed_ct_claim=False,
                        elig_manufacturing_worker=True, elig_cscu_student=False)  # fmt: skip
    person.run(ActionFindCourses(), "excel", "find_courses", course_topic="excel")
    texts, _ = person.run(ActionEnrollCourse(), "enroll 1", "enroll_course")
    assert "is a SkillUp CT course. Your answers open 180 Skills, not SkillUp CT." in texts[0]
    assert _enrollment(person.sender) is None


def test_enroll_with_a_course_code_from_the_courses_page_enrolls_in_that_course():
    # The courses page's Enroll button sends "enroll <code>" in the website's chat, with
    # no course list in the conversation before it.
    person = Texter(channel=WEB_CHANNEL, sender=new_web_sender())
    with session_scope() as session:
        title = session.execute(select(Course.title).where(Course.code == "SU-IT-003")).scalar()
    texts, slots = person.run(ActionEnrollCourse(), "enroll SU-IT-003", "enroll_course")
    assert texts[0] == f"{title} is free if you qualify. First, a few quick yes/no questions."
    assert slots["pending"] == "eligibility" and slots["selected_course"] == "SU-IT-003"
    person.slots.update(elig_ct_resident=True, elig_filed_ct_claim=True)
    texts, _ = person.run(ActionSubmitEligibility(), "yes", "affirm")
    assert texts[1].startswith(f"You're enrolled in {title} (SkillUp CT).")
    # A code in lower case counts; one that names no course asks which course.
    other = Texter(channel=WEB_CHANNEL, sender=new_web_sender())
    _, slots = other.run(ActionEnrollCourse(), "enroll 180-wld-001.", "enroll_course")
    assert slots["selected_course"] == "180-WLD-001"
    texts, _ = Texter().run(ActionEnrollCourse(), "enroll XX-NONE-9", "enroll_course")
    assert texts[0].startswith("Which course?")


def test_completion_congratulates_and_suggests_the_next_credential():
    person = Texter()
    with session_scope() as session:
        course = (
            session.execute(
                select(Course).where(Course.next_course_code.isnot(None)).order_by(Course.code)
            )
            .scalars()
            .first()
        )
        code, title, next_code = course.code, course.title, course.next_course_code
    enroll_directly(person.sender, code)
    texts, slots = person.run(ActionCourseCompleted(), "i finished", "course_completed")
    sms_safe(texts)
    assert texts[0].startswith(f"Congratulations on finishing {title}!")
    assert texts[1].startswith("Next: ") and texts[1].endswith("Reply ENROLL to sign up.")
    assert slots["selected_course"] == next_code
    assert _enrollment(person.sender).status == EnrollmentStatus.COMPLETED
    texts, _ = person.run(ActionCourseCompleted(), "done", "course_completed")
    assert texts == ["I don't see a course you're enrolled in. Reply COURSES to find one."]


def test_stop_reminders_cancels_pending_follow_ups():
    person = Texter()
    enroll_directly(person.sender, "SU-IT-001")
    texts, _ = person.run(ActionStopReminders(), "stop reminders", "stop_reminders")
    assert texts[0].startswith("OK, no more course reminders.")
    with session_scope() as session:
        follow_up = session.execute(
            select(FollowUp).where(FollowUp.idempotency_key == f"r-{person.sender}")
        ).scalar_one()
        assert (follow_up.status, follow_up.skip_reason) == ("skipped", "stopped by learner")
    assert _enrollment(person.sender).reminders_consent is False


def test_a_reminder_is_said_only_in_its_own_persons_conversation():
    owner, stranger = Texter(), Texter()
    enroll_directly(owner.sender, "SU-IT-001")
    key = f"r-{owner.sender}"
    texts, _ = stranger.run(
        ActionSendCourseReminder(), "", "EXTERNAL_course_reminder", follow_up=key
    )
    assert texts == []
    texts, _ = owner.run(ActionSendCourseReminder(), "", "EXTERNAL_course_reminder", follow_up=key)
    assert texts[0].startswith("Reminder: how is")
