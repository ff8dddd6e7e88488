"""Whole conversations through the web chat channel: trained model, real action server."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select

from bot import geo
from bot.db import get_engine, session_scope
from bot.db.models import Employer, Job, Place
from bot.db.rasa_events import events
from bot.dialogue import fallback
from bot.dialogue.language import HOW_TO_SWITCH
from bot.staff.conversation_stats import conversation_stats
from bot.staff.dashboard import window
from tests.support.phones import Phone

LINE = re.compile(r"^(\d)\) (?P<title>.+) - (?P<employer>.+?), (?P<town>[A-Za-z .']+?)( \d+mi)?, ")


def _sender() -> str:
    return f"web-{uuid.uuid4().hex[:10]}"


def _towns_of(url: str, title: str, employer: str) -> list[str]:
    with session_scope(url) as session:
        return list(
            session.execute(
                select(Place.name)
                .select_from(Job)
                .join(Employer)
                .join(Place)
                .where(Job.title == title, Employer.name == employer)
            ).scalars()
        )


def test_jobs_in_hartford_are_answered_with_real_jobs_near_hartford(rasa_stack, conversation_url):
    replies = rasa_stack.say(_sender(), "jobs in Hartford")
    assert all(len(reply) <= 320 for reply in replies)
    # The web chat's pages have a language switch: no how-to-switch line in the chat.
    assert HOW_TO_SWITCH not in " ".join(replies)
    lines = replies[0].splitlines()
    assert lines[0] == "Jobs near Hartford:"
    assert lines[-1] == "Reply 1-3 for details, MORE for more."
    hartford = geo.town("Hartford")
    for number, line in enumerate(lines[1:-1], start=1):
        match = LINE.match(line)
        assert match and match.group(1) == str(number), line
        assert match["town"] in _towns_of(conversation_url, match["title"], match["employer"])
        town = geo.town(match["town"])
        assert geo.distance_miles(hartford.lat, hartford.lon, town.lat, town.lon) <= 25


def test_a_job_search_with_details_more_and_a_change_of_town(rasa_stack):
    sender = _sender()
    assert rasa_stack.say(sender, "warehouse jobs in Storrs")[0].startswith(
        "Warehouse jobs near Mansfield:"
    )
    details = rasa_stack.say(sender, "2")
    assert re.search(r"Apply: http\S+/j/[a-z2-9]{10}$", details[0])
    assert rasa_stack.say(sender, "more")[0].startswith("More warehouse jobs near Mansfield:")
    assert rasa_stack.say(sender, "actually new britain")[0].startswith(
        "Warehouse jobs near New Britain:"
    )


def test_a_search_without_a_place_asks_for_one(rasa_stack):
    sender = _sender()
    replies = rasa_stack.say(sender, "find jobs near me")
    assert replies == ["What town or ZIP code should I search near? For example: Hartford or 06106"]
    assert rasa_stack.say(sender, "06510")[0].startswith("Jobs near New Haven:")


def test_eligibility_then_enrollment_then_reminder_consent(
    rasa_stack, twilio_server, conversation_url
):
    # Reminders come by text: this conversation is a phone's.
    phone = Phone(rasa_stack, twilio_server, conversation_url)
    listing = phone.say("excel classes")
    assert listing[0].startswith("Free courses for excel:")
    replies = phone.say("enroll 1")
    assert replies[0].endswith("First, a few quick yes/no questions.")
    assert replies[1] == "Do you live in Connecticut? Reply YES or NO"
    replies = phone.say("yes")
    assert replies == ["Have you filed an unemployment claim with Connecticut? Reply YES or NO"]
    replies = phone.say("yes")
    assert replies[0].startswith("Good news: you qualify")
    assert replies[1].startswith("You're enrolled in ")
    assert replies[2] == "Can we text you reminders until you finish? Reply YES or NO"
    assert phone.say("yes")[0].startswith("Great, I'll text you reminders")
    # Stopped again by text, so no reminder of it is left for the delivery tests.
    assert phone.say("stop reminders")[0].startswith("OK, no more course reminders.")


def test_job_alert_in_one_message(rasa_stack, twilio_server, conversation_url):
    phone = Phone(rasa_stack, twilio_server, conversation_url)
    replies = phone.say("text me new forklift jobs in bristol weekly")
    # By text, the first reply says how to switch to Spanish.
    assert replies == [
        "Done. I'll text you new forklift jobs near Bristol once a week, "
        f"only when there are new ones. {HOW_TO_SWITCH}"
    ]
    # And cancelled by text, so no digest of it is left for the delivery tests.
    assert phone.say("cancel alerts")[0].startswith("Done. I cancelled:")


def test_conversations_are_kept_in_the_tracker_store_the_dashboard_counts(rasa_stack):
    first_day = window()[0]
    before = conversation_stats(rasa_stack.tracker_store_url, first_day)
    sender = _sender()
    rasa_stack.say(sender, "jobs in Hartford")
    rasa_stack.say(sender, "???")
    with get_engine(rasa_stack.tracker_store_url).connect() as connection:
        said = connection.execute(
            select(events.c.intent_name)
            .where(events.c.sender_id == sender, events.c.type_name == "user")
            .order_by(events.c.id)
        ).scalars()
        assert list(said) == ["find_jobs", "nlu_fallback"]
    after = conversation_stats(rasa_stack.tracker_store_url, first_day)
    today = window()[-1].isoformat()
    assert after.messages[today] == before.messages.get(today, 0) + 2
    assert after.fallbacks[today] == before.fallbacks.get(today, 0) + 1
    assert after.conversations[today] == before.conversations.get(today, 0) + 1


def test_misunderstandings_never_loop(rasa_stack):
    sender = _sender()
    assert rasa_stack.say(sender, "???") == [fallback.REPHRASE]
    assert rasa_stack.say(sender, "???") == [
        "Sorry, I'm still not sure what you need.",
        fallback.MENU,
    ]


def test_a_search_is_refined_in_the_chat(rasa_stack):
    sender = _sender()
    assert rasa_stack.say(sender, "jobs in Storrs")[0].startswith("Jobs near Mansfield:")
    assert rasa_stack.say(sender, "within 10 miles")[0].startswith("Jobs near Mansfield:")
    assert rasa_stack.say(sender, "part time only")[0].startswith(
        ("Part-time jobs near Mansfield:", "No part-time jobs within 10 miles of Mansfield")
    )
    assert rasa_stack.say(sender, "what about Vernon")[0].startswith(
        ("Part-time jobs near Vernon:", "No part-time jobs within 10 miles of Vernon")
    )


def test_pay_then_training_then_a_course_through_the_trained_model(rasa_stack):
    sender = _sender()
    pay, offer = rasa_stack.say(sender, "how much do welders make in Waterbury")[0].splitlines()
    assert pay.startswith("Typical pay for welders in the Waterbury-Shelton area: $")
    assert offer == "Free courses can get you there. Want to see them? Reply YES or NO"
    courses = rasa_stack.say(sender, "yes")[0].splitlines()
    assert courses[0] == "Free training for welders:" and courses[1].startswith("1) ")
    details = rasa_stack.say(sender, "1")[0]
    assert "\nLeads to: welders ($" in details and details.endswith("Reply ENROLL to sign up.")


def test_the_training_a_shown_job_needs_through_the_trained_model(rasa_stack):
    sender = _sender()
    rasa_stack.say(sender, "cna jobs in Hartford")
    assert "Apply: " in rasa_stack.say(sender, "1")[0]
    reply = rasa_stack.say(sender, "what training do I need for this")[0]
    assert reply.startswith("None of the free online courses trains nursing assistants.")
    spanish = _sender()
    reply = rasa_stack.say(spanish, "cuanto gana un soldador en waterbury")[0]
    assert reply.startswith("Pago típico de soldadores en el área de Waterbury-Shelton: $")
