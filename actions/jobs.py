"""Job search actions."""

from __future__ import annotations

from actions.common import StepAction
from bot.dialogue import answers, jobs, menu, refine


class ActionSearchJobs(StepAction):
    """Search jobs for the keyword and place said now, or remembered."""

    action_name = "action_search_jobs"

    def step(self, session, context):
        return jobs.new_search(session, context)


class ActionMoreResults(StepAction):
    """The next page of whatever list was shown last."""

    action_name = "action_more_results"

    def step(self, session, context):
        return answers.more(session, context)


class ActionChooseOption(StepAction):
    """The numbered item the person picked from the last list (bot.dialogue.menu)."""

    action_name = "action_choose_option"

    def step(self, session, context):
        return menu.choose(session, context)


class ActionRefineSearch(StepAction):
    """Change the last search: distance, job type, town or job word."""

    action_name = "action_refine_search"

    def step(self, session, context):
        return refine.refine(session, context)
