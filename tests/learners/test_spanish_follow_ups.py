"""Proactive texts in the person's language: a Spanish learner's course reminder and
a Spanish texter's job alert reach the (local) Twilio server in Spanish, GSM-7 safe;
the website's one-time code goes out in the texter's language too."""

from __future__ import annotations

from sqlalchemy import update

from bot.config import load_settings
from bot.db import session_scope
from bot.db.models import Person
from bot.learners.alert_access import code_text, text_code
from bot.learners.dispatch import Dispatcher
from bot.learners.follow_up_texts import course_reminder_text, job_alert_heading
from bot.messaging.text import GSM_CHARACTERS
from tests.support.follow_up_factory import due_alerts, due_reminders, sending_time
from tests.support.outbox import outbox_rows
from tests.support.people import texter


def test_the_english_reminder_reads_as_before():
    assert course_reminder_text("Excel Basics", "https://ex.test/c", "en") == (
        "Reminder: how is Excel Basics going? Continue here: https://ex.test/c "
        "Reply DONE when you finish, or STOP REMINDERS to stop these texts."
    )
    assert job_alert_heading("cna", "Hartford") == "New cna jobs near Hartford:"


def test_the_spanish_reminder_and_alert_heading():
    assert course_reminder_text("Excel Basics", None, "es") == (
        "Recordatorio: ¿cómo le va con Excel Basics? Responda LISTO cuando termine, "
        "o PARAR RECORDATORIOS para no recibir estos mensajes."
    )
    assert job_alert_heading(None, "Hartford", "es") == "Nuevos trabajos cerca de Hartford:"
    assert job_alert_heading("bodega", "Meriden", "es") == (
        "Nuevos trabajos de bodega cerca de Meriden:"
    )


def test_the_code_goes_out_in_the_texters_language(db_url):
    number = "+18605550188"
    texter(db_url, number, "es")
    settings = load_settings({"DATABASE_URL": db_url})
    assert not text_code(settings, number, "203.0.113.9").throttled
    [row] = outbox_rows(db_url, number)
    assert row.body.startswith("CT Back to Work Assistant: su codigo es ")
    assert len(row.body) <= 160 and set(row.body) <= GSM_CHARACTERS
    assert "ignore este mensaje" in row.body


def test_the_page_language_wins_for_the_code():
    assert "your code is 123456" in code_text("123456", "en")
    assert "su código es 123456" in code_text("123456", "es")


def _spanish(url: str, number: str) -> None:
    with session_scope(url) as session:
        session.execute(update(Person).where(Person.address == number).values(language="es"))


def _dispatcher(stack, url: str) -> Dispatcher:
    settings = load_settings({"DATABASE_URL": url, "RASA_URL": stack.url,
                              "RASA_TOKEN": stack.token})  # fmt: skip
    return Dispatcher(settings)


def test_a_spanish_learner_gets_the_reminder_in_spanish(
    rasa_stack, twilio_server, conversation_url
):
    number = "+18605557301"
    due_reminders(conversation_url, [number])
    _spanish(conversation_url, number)
    assert _dispatcher(rasa_stack, conversation_url).tick(now=sending_time()) == 1
    [reminder] = twilio_server.wait_for(number, 1)
    # GSM-7 keeps the opening question mark and plains the accent it lacks.
    assert reminder.body.startswith("Recordatorio: ¿como le va con ")
    assert "Responda LISTO" in reminder.body and "Reply" not in reminder.body
    assert set(reminder.body) <= GSM_CHARACTERS


def test_a_spanish_texter_gets_the_job_alert_in_spanish(
    rasa_stack, twilio_server, conversation_url
):
    number = "+18605557302"
    due_alerts(conversation_url, [number], town="Hartford")
    _spanish(conversation_url, number)
    assert _dispatcher(rasa_stack, conversation_url).tick(now=sending_time()) == 1
    digest = twilio_server.wait_for(number, 1)
    assert digest[0].body.startswith("Nuevos trabajos cerca de Hartford:")
    assert all(set(text.body) <= GSM_CHARACTERS for text in digest)
