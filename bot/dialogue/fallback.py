"""What to say when the assistant did not understand, without ever going in circles."""

from __future__ import annotations

from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.i18n import N_

MENU = N_(
    "I can help with: 1) jobs near you (jobs in Hartford) 2) free training (courses) "
    "3) checking if training is free for you (eligible) 4) job alerts (alerts). "
    "Reply AGENT to reach a person."
)

UNAVAILABLE = N_(
    "Sorry, I can't reach our job and course records right now. Please try again soon."
)
REPHRASE = N_(
    "Sorry, I didn't get that. Could you say it another way? For example: jobs in Hartford"
)


def not_understood(context: Context) -> Reply:
    """First miss: ask to rephrase. From the second miss in a row: the menu and a person.

    The count lives in the ``misses`` slot; any understood step resets it to 0.
    """
    _ = context.translate
    misses = int(context.slot("misses") or 0) + 1
    if misses == 1:
        return Reply([_(REPHRASE)]).set(misses=misses)
    return Reply([_("Sorry, I'm still not sure what you need."), _(MENU)]).set(
        misses=misses, last_list="menu"
    )
