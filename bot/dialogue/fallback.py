"""What to say when the assistant did not understand, without ever going in circles."""

from __future__ import annotations

from bot.dialogue.reply import Reply

MENU = (
    "I can help with: 1) jobs near you (jobs in Hartford) 2) free training (courses) "
    "3) checking if training is free for you (eligible) 4) job alerts (alerts). "
    "Reply AGENT to reach a person."
)

UNAVAILABLE = "Sorry, I can't reach our job and course records right now. Please try again soon."
REPHRASE = "Sorry, I didn't get that. Could you say it another way? For example: jobs in Hartford"


def not_understood(misses_before: float | None) -> Reply:
    """First miss: ask to rephrase. From the second miss in a row: the menu and a person.

    The count lives in the ``misses`` slot; any understood step resets it to 0.
    """
    misses = int(misses_before or 0) + 1
    if misses == 1:
        return Reply([REPHRASE]).set(misses=misses)
    return Reply(["Sorry, I'm still not sure what you need.", MENU]).set(
        misses=misses, last_list="menu"
    )
