""" "Forget me" by text: confirmed in the conversation, carried out by the worker."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot import worker
from bot.clock import utcnow
from bot.db import get_engine, session_scope
from bot.db.models import (
    Course,
    Enrollment,
    ErasureRequest,
    InboundMessage,
    OptOut,
    Person,
    StaffAudit,
)
from bot.db.rasa_events import events
from bot.dialogue import privacy
from bot.identity import SMS_CHANNEL
from bot.learners.enrollments import EnrollmentStatus
from bot.messaging.phone import mask
from bot.privacy.audit import THE_PERSON
from bot.privacy.forget import BY_TEXT, DELAY, RETRY, carry_out_due, request_erasure
from tests.support.phones import Phone


def _events_of(tracker_store_url: str, sender: str) -> int:
    with get_engine(tracker_store_url).connect() as connection:
        return connection.execute(
            select(func.count()).select_from(events).where(events.c.sender_id == sender)
        ).scalar_one()


def test_a_request_is_carried_out_only_once_due_and_then_forgotten(tracker):
    now = utcnow()
    with session_scope(tracker) as session:
        session.add(Person(channel=SMS_CHANNEL, address="+18605550401"))
        request_erasure(session, SMS_CHANNEL, "+18605550401", now)
    with session_scope(tracker) as session:
        assert carry_out_due(session, tracker, now) == 0
    with session_scope(tracker) as session:
        assert carry_out_due(session, tracker, now + DELAY) == 1
    with session_scope(tracker) as session:
        assert session.scalars(select(Person)).all() == []
        assert session.scalars(select(ErasureRequest)).all() == []
        entry = session.scalars(select(StaffAudit)).one()
        assert entry.subject == mask("+18605550401") and entry.staff_id is None
        assert BY_TEXT in entry.detail and entry.actor == THE_PERSON


def test_a_request_waits_while_the_tracker_store_is_down_and_erases_nothing(db_url):
    now = utcnow()
    with session_scope(db_url) as session:
        session.add(Person(channel=SMS_CHANNEL, address="+18605550402"))
        request_erasure(session, SMS_CHANNEL, "+18605550402", now)
    dead = "postgresql://postgres@127.0.0.1:1/none"
    with session_scope(db_url) as session:
        assert carry_out_due(session, dead, now + DELAY) == 0
    with session_scope(db_url) as session:
        assert session.scalars(select(Person)).one()
        request = session.scalars(select(ErasureRequest)).one()
        assert request.due_at == now + DELAY + RETRY
        assert session.scalars(select(StaffAudit)).all() == []


def test_forget_me_by_text_deletes_the_person_and_the_conversation(
    rasa_stack, twilio_server, conversation_url, monkeypatch
):
    phone = Phone(rasa_stack, twilio_server, conversation_url)
    phone.say("excel classes")
    assert phone.say("delete my data") == [privacy.ASK]
    assert phone.say("yes")[0] == privacy.DONE
    with session_scope(conversation_url) as session:
        person = session.scalars(select(Person).where(Person.address == phone.number)).first()
        if person is None:
            person = Person(channel=SMS_CHANNEL, address=phone.number)
            session.add(person)
            session.flush()
        course_id = session.scalars(select(Course.id)).first()
        session.add(
            Enrollment(person_id=person.id, course_id=course_id, status=EnrollmentStatus.ENROLLED)
        )
        session.add(OptOut(address=phone.number, status="opted_out", reason="STOP"))
    assert _events_of(rasa_stack.tracker_store_url, phone.number) > 0

    monkeypatch.setenv("DATABASE_URL", conversation_url)
    monkeypatch.setenv("TRACKER_STORE_URL", rasa_stack.tracker_store_url)
    # Before the turn has surely ended nothing happens; afterwards everything goes.
    assert worker.carry_out_erasures(utcnow()) == 0
    assert worker.carry_out_erasures(utcnow() + DELAY + timedelta(seconds=1)) == 1

    assert _events_of(rasa_stack.tracker_store_url, phone.number) == 0
    with session_scope(conversation_url) as session:
        assert session.scalars(select(Person).where(Person.address == phone.number)).all() == []
        assert not session.scalars(
            select(InboundMessage).where(InboundMessage.from_address == phone.number)
        ).all()
        # The opt-out stays: the number must never be texted again.
        assert session.scalars(select(OptOut).where(OptOut.address == phone.number)).one()
