"""Job search action."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.db import session_scope
from bot.replies.job_search import job_search_reply


class ActionSearchJobs(Action):
    """Search jobs for the keyword and place in the message (or remembered in slots)."""

    def name(self) -> str:
        return "action_search_jobs"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        place = next(tracker.get_latest_entity_values("location"), None) or tracker.get_slot(
            "location"
        )
        keyword = next(tracker.get_latest_entity_values("job_keyword"), None) or tracker.get_slot(
            "job_keyword"
        )
        with session_scope() as session:
            reply = job_search_reply(session, keyword, place)
        for message in reply.messages:
            dispatcher.utter_message(text=message)
        events = [SlotSet("job_keyword", keyword)]
        if reply.town:
            events.append(SlotSet("location", reply.town))
        return events
