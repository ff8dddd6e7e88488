"""Follow-ups the worker delivers as external events: course reminders, job alerts."""

from __future__ import annotations

from actions.common import StepAction
from bot.dialogue import follow_ups


class ActionSendCourseReminder(StepAction):
    """The reminder for the follow-up named in the event."""

    action_name = "action_send_course_reminder"

    def step(self, session, context):
        return follow_ups.course_reminder(session, context, context.entities.get("follow_up"))


class ActionSendJobAlert(StepAction):
    """The new jobs for the alert named in the event."""

    action_name = "action_send_job_alert"

    def step(self, session, context):
        return follow_ups.job_alert(session, context, context.entities.get("follow_up"))
