"""Which language the assistant answers in: an explicit switch at any point (also in the
middle of the questions), the first reply's how-to-switch line, the web page's language,
the person's stored language, and short texts that change nothing."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.eligibility import ValidateEligibilityForm
from actions.jobs import ActionChooseOption, ActionSearchJobs
from actions.support import (
    ActionGreet,
    ActionHandleFallback,
    ActionShowMenu,
    ActionSwitchLanguage,
)
from bot.db import session_scope
from bot.db.models import Person
from bot.dialogue.language import conversation_language
from bot.identity import WEB_CHANNEL, new_web_sender
from tests.support.texter import DOMAIN, Texter

pytestmark = pytest.mark.usefixtures("actions_database")

SWITCHED_ES = (
    "Listo, le escribo en español. Le busco trabajos, entrenamiento gratis y alertas de "
    "empleo. Responda AYUDA para ver el menú."
)
SWITCHED_EN = (
    "OK, I'll write in English. I can find you jobs, free training and job alerts. "
    "Reply HELP to see the menu."
)
GREET_EN = (
    "Hi! I help people in Connecticut find jobs and free training. Try: jobs in Hartford, "
    "or free courses. Reply HELP for more."
)


def _stored(sender: str) -> str | None:
    with session_scope() as session:
        return session.execute(
            select(Person.language).where(Person.address == sender)
        ).scalar_one_or_none()


@pytest.mark.parametrize(
    ("text", "slot", "page", "stored", "expected"),
    [
        ("ESPAÑOL", "en", "en", "en", "es"),  # a switch beats everything
        ("english", "es", "es", "es", "en"),
        ("busco trabajo en Hartford", "en", None, "en", "es"),  # a clear text
        ("1", "es", None, "en", "es"),  # a short one keeps the conversation's
        ("06106", None, "es", None, "es"),  # the page, before the conversation has one
        ("06106", "en", "es", None, "en"),  # ...but not after
        ("si", None, None, "es", "es"),  # then the person's stored language
        ("ok", None, None, None, "en"),
    ],
)
def test_the_conversations_language_follows_the_order_of_evidence(
    text, slot, page, stored, expected
):
    assert conversation_language(text, slot, page, lambda: stored) == expected


def test_a_request_to_switch_names_the_language_in_either_language():
    assert conversation_language("can we talk in spanish", "en", None, lambda: None,
                                 "switch_language") == "es"  # fmt: skip
    assert conversation_language("quiero hablar en ingles", "es", None, lambda: None,
                                 "switch_language") == "en"  # fmt: skip
    # The same words in another request switch nothing ("english classes").
    assert conversation_language("english classes", "es", None, lambda: None,
                                 "find_courses") == "es"  # fmt: skip
    texts, slots = Texter().run(ActionSwitchLanguage(), "can we talk in spanish please",
                                "switch_language")  # fmt: skip
    assert texts == [SWITCHED_ES] and slots["language"] == "es"


def test_switching_mid_conversation_answers_in_the_new_language_from_then_on():
    person = Texter()
    texts, _ = person.run(ActionSearchJobs(), "jobs in Hartford", "find_jobs",
                          location="Hartford")  # fmt: skip
    assert texts[0].startswith("Jobs near Hartford:")
    # The English model reads "ESPAÑOL" as anything; the switch is answered all the same.
    texts, slots = person.run(ActionHandleFallback(), "ESPAÑOL", "nlu_fallback")
    assert texts == [SWITCHED_ES]
    assert slots["language"] == "es"
    assert _stored(person.sender) == "es"
    texts, _ = person.run(ActionChooseOption(), "1", "choose_option")
    assert "Solicite aquí: https://" in texts[0]
    texts, slots = person.run(ActionShowMenu(), "INGLES", "help")
    assert texts == [SWITCHED_EN] and slots["language"] == "en"
    assert _stored(person.sender) == "en"


@pytest.mark.parametrize("text", ["ok", "si", "1", "06106", "Hartford", "👍", "hi"])
def test_short_or_ambiguous_texts_never_flip_a_spanish_conversation(text):
    person = Texter()
    person.slots["language"] = "es"
    texts, slots = person.run(ActionShowMenu(), text, "help")
    assert texts[0].startswith("Le puedo ayudar con: 1) trabajos cerca de usted")
    assert slots["language"] == "es"


def test_the_first_reply_says_how_to_switch_and_later_ones_do_not():
    person = Texter(new=True)
    texts, _ = person.run(ActionGreet(), "hi", "greet")
    assert texts == [f"{GREET_EN} Para español, responda ESPAÑOL"]
    texts, _ = person.run(ActionGreet(), "hello again", "greet")
    assert texts == [GREET_EN]
    spanish = Texter(new=True)
    texts, _ = spanish.run(ActionGreet(), "hola buenos dias", "greet")
    assert texts[0].startswith("¡Hola! Ayudo a la gente en Connecticut")
    assert texts[0].endswith("Responda AYUDA para más. For English, reply ENGLISH")


def test_the_web_chat_gets_no_switch_line_since_its_pages_have_a_switch():
    person = Texter(channel=WEB_CHANNEL, sender=new_web_sender(), new=True)
    texts, _ = person.run(ActionGreet(), "hi", "greet")
    assert texts == [GREET_EN]


def test_the_web_pages_language_starts_the_chat_in_it():
    person = Texter(channel=WEB_CHANNEL, sender=new_web_sender(), metadata={"language": "es"})
    texts, slots = person.run(ActionGreet(), "hi", "greet")
    assert texts[0].startswith("¡Hola!") and slots["language"] == "es"
    # A clear English message still wins over the page.
    texts, slots = person.run(ActionGreet(), "hello I need a job", "greet")
    assert texts[0].startswith("Hi!") and slots["language"] == "en"


def test_a_returning_person_is_answered_in_their_stored_language():
    first = Texter()
    first.run(ActionSearchJobs(), "busco trabajo en Hartford", "find_jobs", location="Hartford")
    assert _stored(first.sender) == "es"
    again = Texter(new=True, sender=first.sender)  # a new conversation: no slots
    texts, slots = again.run(ActionGreet(), "hi", "greet")
    assert texts[0].startswith("¡Hola!") and texts[0].endswith("For English, reply ENGLISH")
    assert slots["language"] == "es"


def test_an_english_first_contact_stores_nobody():
    person = Texter()
    person.run(ActionGreet(), "hi", "greet")
    assert _stored(person.sender) is None


def test_switching_in_the_middle_of_the_questions_keeps_them_going():
    person = Texter()
    tracker = person.tracker("ESPAÑOL", "nlu_fallback")
    tracker.slots["requested_slot"] = "elig_ct_resident"
    tracker = Tracker(tracker.sender_id, tracker.slots, tracker.latest_message, tracker.events,
                      False, None, {"name": "eligibility_form"}, "action_listen")  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateEligibilityForm().run(dispatcher, tracker, DOMAIN))
    assert [m["text"] for m in dispatcher.messages] == [SWITCHED_ES]
    set_slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert set_slots == {"elig_ct_resident": None, "requested_slot": "elig_ct_resident",
                         "language": "es"}  # fmt: skip
