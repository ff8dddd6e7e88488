"""Opt-out by any reasonable means, through the signed SMS webhook and the real Rasa
server: every clear refusal in tests/data/opt_out_phrasings.yml opts the number out
with one confirmation and nothing after it (reminders and job alerts that come due
later included); none of the near-misses opts out or gets the opt-out question."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot.clock import utcnow
from bot.config import load_settings
from bot.db import session_scope
from bot.db.models import FollowUp, OptOut, Person
from bot.learners.dispatch import Dispatcher
from bot.messaging import keywords
from bot.messaging.text import sms_safe
from tests.support.follow_up_factory import due_alerts, due_reminders, sending_time
from tests.support.phones import Phone

PHRASINGS = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "opt_out_phrasings.yml").read_text(encoding="utf-8")
)


def _statuses(url: str, numbers: list[str]) -> dict[str, str]:
    with session_scope(url) as session:
        rows = session.execute(
            select(OptOut.address, OptOut.status).where(OptOut.address.in_(numbers))
        ).all()
    return dict(rows)


def _run_the_worker(rasa_stack, url: str, numbers: list[str]) -> None:
    """Let the worker deal with every follow-up of ``numbers`` that is due, at a time
    inside the hours proactive texts may go out (whenever the test runs)."""
    now = sending_time()
    settings = load_settings(
        {"DATABASE_URL": url, "RASA_URL": rasa_stack.url, "RASA_TOKEN": rasa_stack.token}
    )
    dispatcher = Dispatcher(settings)
    for _ in range(20):
        dispatcher.tick(now=now)
    with session_scope(url) as session:
        waiting = session.scalars(
            select(FollowUp.idempotency_key)
            .join(Person, Person.id == FollowUp.person_id)
            .where(
                Person.address.in_(numbers),
                FollowUp.status.in_(("pending", "claimed")),
                FollowUp.due_at <= now,
            )
        ).all()
    assert waiting == [], "the worker left due follow-ups untouched"


def _in_both(text) -> set[str]:
    """A keyword reply as it reaches a phone, in English and in Spanish."""
    return {sms_safe(text(language)) for language in ("en", "es")}


def _confirmation_for(text: str) -> list[str]:
    """The one confirmation a refusal gets: in Spanish for a Spanish one."""
    return [sms_safe(keywords.opt_out_confirmation("es" if keywords.is_spanish(text) else "en"))]


def test_the_phrasing_sets_are_large_enough():
    assert len(PHRASINGS["must_opt_out"]) >= 100
    assert len(PHRASINGS["must_not"]) >= 50
    assert not set(PHRASINGS["must_opt_out"]) & set(PHRASINGS["must_not"])


def test_every_clear_refusal_opts_out_and_nothing_but_the_confirmation_follows(
    rasa_stack, twilio_server, conversation_url
):
    phones = {}
    for text in PHRASINGS["must_opt_out"]:
        phone = Phone(rasa_stack, twilio_server, conversation_url)
        sent = phone.text(text)
        assert sent.status_code == 200, text
        phone.handled(sent.sid)
        phones[text] = phone
    numbers = [phone.number for phone in phones.values()]
    # Reminders and job alerts that come due after the opt-out.
    due_reminders(conversation_url, numbers)
    due_alerts(conversation_url, numbers)
    _run_the_worker(rasa_stack, conversation_url, numbers)
    # Texting again gets silence.
    for phone in list(phones.values())[:10]:
        phone.handled(phone.text("jobs in Hartford").sid)

    statuses = _statuses(conversation_url, numbers)
    wrong = {
        text: (statuses.get(phone.number), phone.received())
        for text, phone in phones.items()
        if statuses.get(phone.number) != "opted_out" or phone.received() != _confirmation_for(text)
    }
    assert wrong == {}


def test_no_near_miss_opts_out_or_is_asked(rasa_stack, twilio_server, conversation_url):
    phones = {}
    for text in PHRASINGS["must_not"]:
        phone = Phone(rasa_stack, twilio_server, conversation_url)
        phone.handled(phone.text(text).sid)
        phones[text] = phone
    statuses = _statuses(conversation_url, [phone.number for phone in phones.values()])
    refusal_texts = _in_both(keywords.opt_out_confirmation) | _in_both(keywords.opt_out_question)
    wrong = {
        text: (statuses.get(phone.number), phone.received())
        for text, phone in phones.items()
        if phone.number in statuses or refusal_texts & set(phone.received()) or not phone.received()
    }
    assert wrong == {}


@pytest.mark.parametrize("text", ["no more", "not interested", "stop sending me welding jobs"])
def test_a_text_that_may_be_a_refusal_gets_one_question_and_holds_proactive_texts(
    rasa_stack, twilio_server, conversation_url, text
):
    phone = Phone(rasa_stack, twilio_server, conversation_url)
    assert phone.say(text) == [keywords.opt_out_question()]
    assert _statuses(conversation_url, [phone.number]) == {phone.number: "asked"}
    # Nothing proactive while the question is open: the reminder waits.
    due_reminders(conversation_url, [phone.number])
    _run_the_worker(rasa_stack, conversation_url, [phone.number])
    assert phone.received() == [keywords.opt_out_question()]
    with session_scope(conversation_url) as session:
        [waiting] = session.scalars(
            select(FollowUp).join(Person).where(Person.address == phone.number)
        ).all()
        assert waiting.status == "pending" and waiting.due_at > utcnow()
    # Replies still flow.
    assert phone.say("jobs in Hartford")[0].startswith("Jobs near Hartford:")
    assert phone.say("STOP") == [keywords.opt_out_confirmation()]


def test_no_after_the_question_keeps_texting_and_yes_opts_out(
    rasa_stack, twilio_server, conversation_url
):
    keeper = Phone(rasa_stack, twilio_server, conversation_url)
    keeper.say("not interested")
    assert keeper.say("no") == [keywords.keep_texting_reply()]
    assert _statuses(conversation_url, [keeper.number]) == {}
    leaver = Phone(rasa_stack, twilio_server, conversation_url)
    leaver.say("no more")
    assert leaver.say("yes") == [keywords.opt_out_confirmation()]
    assert _statuses(conversation_url, [leaver.number]) == {leaver.number: "opted_out"}


# Refusals no keyword rule holds: the assistant's opt_out intent must catch them.
UNDERSTOOD = [
    "you guys need to quit texting me",
    "i dont want to hear from this service anymore",
    "take this number off whatever list its on",
    "ya no quiero que me escriban de este servicio",
]


@pytest.mark.parametrize("text", UNDERSTOOD)
def test_a_refusal_only_the_assistant_understands_still_stops_the_texts(
    rasa_stack, twilio_server, conversation_url, text
):
    assert keywords.classify(text, opted_out=False) is None
    phone = Phone(rasa_stack, twilio_server, conversation_url)
    phone.say("jobs in Hartford")
    reply = phone.say(text)
    status = _statuses(conversation_url, [phone.number]).get(phone.number)
    # The Spanish one may be answered in Spanish.
    assert len(reply) == 1
    if status == "opted_out":
        assert reply[0] in _in_both(keywords.opt_out_confirmation)
    else:
        assert (reply[0], status) in {(q, "asked") for q in _in_both(keywords.opt_out_question)}


def test_a_refusal_in_the_middle_of_a_form_ends_it_and_opts_out(
    rasa_stack, twilio_server, conversation_url
):
    phone = Phone(rasa_stack, twilio_server, conversation_url)
    assert phone.say("am i eligible for free training")[-1].endswith("Reply YES or NO")
    reply = phone.say("you guys need to quit texting me")
    assert reply in ([keywords.opt_out_confirmation()], [keywords.opt_out_question()])
