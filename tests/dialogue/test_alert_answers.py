"""The job alert questions' answers, read in bot/dialogue/alerts.py."""

from __future__ import annotations

from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import JobAlertSubscription
from bot.dialogue import alerts
from bot.dialogue.alerts import ANY_JOB, SlotAnswer
from bot.dialogue.context import Context
from bot.i18n import translator
from bot.identity import SMS_CHANNEL
from bot.jobs.store import ensure_places


def test_any_words_answer_the_keyword_and_any_means_every_job():
    assert alerts.keyword_answer("  Forklift ") == SlotAnswer("Forklift")
    assert alerts.keyword_answer("All jobs") == SlotAnswer(ANY_JOB)
    assert alerts.keyword_answer(" ") == SlotAnswer(None)
    assert len(alerts.keyword_answer("x" * 200).value) == alerts.KEYWORD_LENGTH


def test_a_town_is_found_asked_about_or_unknown():
    assert alerts.town_answer("hartford") == SlotAnswer("Hartford")
    ambiguous = alerts.town_answer("haven")
    assert ambiguous.value is None and ambiguous.say.startswith("Which town: ")
    assert "West Haven" in ambiguous.say
    assert alerts.town_answer("atlantis") == SlotAnswer(None, alerts.UNKNOWN_TOWN)


def test_how_often_is_daily_or_weekly():
    assert alerts.frequency_answer("every day please") == SlotAnswer("daily")
    assert alerts.frequency_answer("once a week") == SlotAnswer("weekly")
    assert alerts.frequency_answer("sometimes") == SlotAnswer(None, alerts.DAILY_OR_WEEKLY)


def test_the_form_starts_from_this_message_or_the_last_search():
    context = Context(
        channel=SMS_CHANNEL,
        address="+18605550100",
        text="alert me weekly",
        intent="subscribe_job_alerts",
        entities={"frequency": "weekly"},
        slots={"job_keyword": "cna", "location": "Hartford"},
    )
    assert alerts.prefilled(context) == {
        "alert_keyword": "cna",
        "alert_location": "Hartford",
        "alert_frequency": "weekly",
    }


def test_a_new_alert_covers_the_distance_the_service_is_set_to(db_url, monkeypatch):
    monkeypatch.setenv("DEFAULT_RADIUS_MILES", "10")
    texter = Context(channel=SMS_CHANNEL, address="+18605550142")
    with session_scope(db_url) as session:
        ensure_places(session)
        reply = alerts.subscribe(session, texter, "forklift", "Hartford", "daily")
    assert "new forklift jobs near Hartford every day" in reply.messages[0]
    with session_scope(db_url) as session:
        alert = session.execute(select(JobAlertSubscription)).scalar_one()
    assert alert.radius_miles == 10


def test_the_alert_questions_take_spanish_answers_and_answer_in_spanish():
    _ = translator("es")
    assert alerts.keyword_answer("cualquiera") == SlotAnswer(ANY_JOB)
    assert alerts.frequency_answer("DIARIO", _) == SlotAnswer("daily")
    assert alerts.frequency_answer("una vez a la semana", _) == SlotAnswer("weekly")
    assert alerts.frequency_answer("a veces", _) == SlotAnswer(
        None, "Por favor responda DIARIO o SEMANAL."
    )
    assert alerts.town_answer("atlantis", _) == SlotAnswer(
        None, "No conozco ese pueblo de Connecticut."
    )
    ambiguous = alerts.town_answer("haven", _)
    assert ambiguous.say.startswith("¿Qué pueblo: ") and " o West Haven" in ambiguous.say
    spanish = Context(channel=SMS_CHANNEL, address="+18605550100", language="es")
    assert alerts.question("alert_frequency", spanish) == "¿Cada cuánto: DIARIO o SEMANAL?"
