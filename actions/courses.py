"""Course actions: find, enroll, complete, reminders."""

from __future__ import annotations

from actions.common import StepAction
from bot.dialogue import courses


class ActionFindCourses(StepAction):
    """Courses for the topic or program the person named."""

    action_name = "action_find_courses"

    def step(self, session, context):
        return courses.find(session, context, context.entities.get("course_topic"))


class ActionEnrollCourse(StepAction):
    """Enroll in the picked course, or start the eligibility questions first."""

    action_name = "action_enroll_course"
    personal = True

    def step(self, session, context):
        return courses.enroll(session, context, context.option_number())


class ActionCourseCompleted(StepAction):
    """Mark the course finished; suggest the next credential and matching jobs."""

    action_name = "action_course_completed"
    personal = True

    def step(self, session, context):
        return courses.complete(session, context)


class ActionStopReminders(StepAction):
    """Stop course reminder texts (not an SMS opt-out)."""

    action_name = "action_stop_reminders"
    personal = True

    def step(self, session, context):
        return courses.stop_reminders(session, context)
