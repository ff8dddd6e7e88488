"""Job search actions."""

from __future__ import annotations

from actions.common import StepAction
from bot.dialogue import courses, jobs, refine


class ActionSearchJobs(StepAction):
    """Search jobs for the keyword and place said now, or remembered."""

    action_name = "action_search_jobs"

    def step(self, session, context):
        keyword = context.entities.get("job_keyword") or context.slot("job_keyword")
        place = context.entities.get("location") or context.slot("location")
        return jobs.search(session, context, keyword, place)


class ActionMoreResults(StepAction):
    """The next page of whatever list was shown last."""

    action_name = "action_more_results"

    def step(self, session, context):
        if context.slot("last_list") == "courses":
            return courses.more(session, context)
        return jobs.more(session, context)


class ActionChooseOption(StepAction):
    """Details of the numbered item the person picked from the last list."""

    action_name = "action_choose_option"

    def step(self, session, context):
        number = context.option_number() or 0
        if context.slot("last_list") == "courses":
            return courses.details(session, context, number)
        return jobs.details(session, context, number)


class ActionRefineSearch(StepAction):
    """Change the last search: distance, job type, town or job word."""

    action_name = "action_refine_search"

    def step(self, session, context):
        return refine.refine(session, context)
