"""The language of a conversation: which one a message puts it in, switching on request,
and the one line that tells a new conversation how to switch."""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue.context import Context
from bot.dialogue.reply import Reply
from bot.i18n import DEFAULT_LANGUAGE, N_, supported_language
from bot.i18n.detect import detect_language, language_named, language_switch
from bot.identity import WEB_CHANNEL
from bot.text import MAX_TEXT

# The slot that keeps the conversation's language (domain.yml).
SLOT = "language"
# The intent of a request to switch ("can we talk in spanish"), data/nlu.yml.
SWITCH_INTENT = "switch_language"
# Said at the end of a new conversation's first reply, in the *other* language: the
# English conversation hears it in Spanish, the Spanish one in English.
# Translators: "For English, reply ENGLISH" — the switch to the other language, in it.
HOW_TO_SWITCH = N_("Para español, responda ESPAÑOL")
SWITCHED = N_(
    "OK, I'll write in English. I can find you jobs, free training and job alerts. "
    "Reply HELP to see the menu."
)


def conversation_language(
    text: str,
    slot: object,
    page_language: object,
    stored: Callable[[], str | None],
    intent: str | None = None,
) -> str:
    """The language to answer ``text`` in: an explicit switch (a switch word, or the
    language a request to switch names), else the message's own language when it is
    clear, else the web page's language (only before the conversation has one), else
    the conversation's, else the person's stored one (``stored`` is only called then),
    else English."""
    named = language_named(text) if intent == SWITCH_INTENT else None
    chosen = language_switch(text) or named or detect_language(text)
    if chosen:
        return chosen
    if supported_language(slot) is None and supported_language(page_language):
        return supported_language(page_language)
    return supported_language(slot) or supported_language(stored()) or DEFAULT_LANGUAGE


def asks_to_switch(context: Context) -> bool:
    """Whether the latest message is an explicit switch ("ESPAÑOL", "in english")."""
    return language_switch(context.text) is not None


def switched(context: Context) -> Reply:
    """The confirmation of a switch, in the new language, with what the assistant does."""
    _ = context.translate
    return Reply([_(SWITCHED)])


def with_switch_line(context: Context, messages: list[str]) -> list[str]:
    """``messages`` with the how-to-switch line at the end of a new conversation's first
    reply by text (joined to the last text when it fits in one text); later replies,
    and the web chat, whose pages have a language switch, unchanged."""
    if not context.first_reply or not messages or context.channel == WEB_CHANNEL:
        return messages
    line = context.translate(HOW_TO_SWITCH)
    last = f"{messages[-1]} {line}"
    if len(last) <= MAX_TEXT:
        return [*messages[:-1], last]
    return [*messages, line]
