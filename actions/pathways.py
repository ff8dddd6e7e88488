"""Pay and training actions: what a job pays here, and the free courses that lead to it."""

from __future__ import annotations

from actions.common import StepAction
from bot.dialogue import pathways


class ActionAnswerPay(StepAction):
    """ "How much do welders make in Waterbury?": the area's typical pay (BLS OEWS)."""

    action_name = "action_answer_pay"

    def step(self, session, context):
        return pathways.pay_question(session, context)


class ActionTrainingForJob(StepAction):
    """ "What training do I need for this?": free courses for the occupation."""

    action_name = "action_training_for_job"

    def step(self, session, context):
        return pathways.training_question(session, context)
