"""Opting out when the assistant understood a refusal that no keyword rule holds
("you guys need to quit hitting up my phone"): consent may be revoked by any
reasonable means.

A confident reading opts out at once with the one confirmation; a less sure one
asks the question and holds proactive texts until it is answered (the SMS channel
takes the answer, see bot/messaging/inbound.py). A text that uses the words for
something else, or asks about work, is never taken for a refusal.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.dialogue import jobs
from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.i18n import N_
from bot.identity import SMS_CHANNEL
from bot.jobs.search_request import SearchRequest
from bot.learners import follow_ups
from bot.messaging import keywords, optouts

# Below this intent confidence the assistant asks instead of opting out.
CONFIDENT = 0.8
WEB_CHAT = N_(
    "This chat never sends you texts. To stop texts to your phone, text STOP to our number."
)


def opt_out(session: Session, context: Context) -> Reply:
    """Opt the texter out (or ask, when unsure)."""
    if keywords.has_other_meaning(context.text):
        # "don't stop sending me jobs", "quiero trabajo de montacargas": a request.
        # Only what the model recognised: the words themselves are about texts.
        entities = context.entities
        request = SearchRequest(keyword=entities.get("job_keyword"))
        return jobs.search(session, context, request, entities.get("location"))
    if context.channel != SMS_CHANNEL:
        return Reply([context.translate(WEB_CHAT)])
    status = optouts.block_status(session, context.address)
    if status == optouts.OPTED_OUT:
        return Reply()
    if context.confidence < CONFIDENT and status != optouts.ASKED:
        optouts.ask(session, context.address, f"understood: {context.text[:40]}")
        return Reply([keywords.opt_out_question(context.language)])
    optouts.opt_out(session, context.address, f"understood: {context.text[:40]}")
    follow_ups.cancel_for_address(session, context.address, "opted out by text")
    reply = Reply([keywords.opt_out_confirmation(context.language)])
    reply.compliance = True
    return reply
