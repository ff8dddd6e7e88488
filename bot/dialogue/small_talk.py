"""Short fixed answers: greetings, thanks, goodbyes, who the assistant is, what the
program is, and what it cannot help with. One text each, by the action that says it."""

from __future__ import annotations

from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.i18n import N_

ANSWERS = {
    "action_greet": N_(
        "Hi! I help people in Connecticut find jobs and free training. Try: jobs in Hartford, "
        "or free courses. Reply HELP for more."
    ),
    "action_goodbye": N_("Good luck! Text me any time."),
    "action_thank": N_("You're welcome! Anything else? Reply HELP to see what I can do."),
    "action_why": N_(
        "I only ask what I need to find you jobs or to check if training is free for you. "
        "Reply HELP to see what I can do."
    ),
    "action_bot_challenge": N_(
        "I'm an automated assistant for CT Back to Work. Reply AGENT any time to reach a person."
    ),
    "action_out_of_scope": N_(
        "Sorry, I can only help with jobs and free training in Connecticut. Reply HELP to see "
        "what I can do."
    ),
    "action_about_program": N_(
        "Training is free for people who qualify (reply ELIGIBLE to check). CT Back to Work "
        "connects Connecticut job seekers with jobs and free online training: SkillUp CT "
        "courses (IT, business, digital skills) and 180 Skills manufacturing credentials."
    ),
}


def answer(action: str, context: Context) -> Reply:
    """The fixed answer ``action`` gives, in the conversation's language."""
    return Reply([context.translate(ANSWERS[action])])
