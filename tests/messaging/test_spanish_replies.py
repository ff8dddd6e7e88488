"""The SMS channel's own replies in the sender's language: a Spanish keyword is
confirmed in Spanish, an English keyword in the language the person last used, and
the "sorry" and "too long" texts follow the stored language."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.db import session_scope
from bot.messaging import keywords, optouts
from bot.messaging.gate import COMPLIANCE, OutboundGate
from bot.messaging.inbound import Inbound, Outcome, triage
from bot.messaging.inbox import Inbox
from bot.messaging.rate_limit import RateLimiter
from tests.support.outbox import outbox_rows
from tests.support.people import texter

PHONE = "+18605550177"


def text(body: str, media: int = 0) -> Inbound:
    return Inbound(sid="SMes", from_address=PHONE, to_address="+18605550000", body=body,
                   num_media=media)  # fmt: skip


def answer(db_url: str, body: str, limiter: RateLimiter | None = None):
    with session_scope(db_url) as session:
        return triage(session, text(body), limiter or RateLimiter(10))


@pytest.mark.parametrize("body", ["AYUDA", "ayuda por favor"])
def test_ayuda_from_a_new_number_gets_spanish_help(db_url, body):
    decision = answer(db_url, body)
    assert decision.outcome is Outcome.HELP and decision.reply_kind == COMPLIANCE
    [help_text] = decision.replies
    assert "ayuda gratis para encontrar trabajo" in help_text
    assert "Responda PARAR" in help_text and "STOP" not in help_text


def test_help_from_an_english_number_stays_english(db_url):
    texter(db_url, PHONE, "en")
    [help_text] = answer(db_url, "HELP").replies
    assert "free help finding jobs" in help_text and "Reply STOP" in help_text


@pytest.mark.parametrize("body", ["HELP", "STOP"])
def test_english_keyword_from_a_spanish_speaker_is_answered_in_spanish(db_url, body):
    texter(db_url, PHONE, "es")
    [reply] = answer(db_url, body).replies
    assert "PARAR" in reply or "COMENZAR" in reply
    assert "Reply" not in reply


def test_spanish_keyword_from_an_english_speaker_is_answered_in_spanish(db_url):
    texter(db_url, PHONE, "en")
    decision = answer(db_url, "PARAR")
    assert decision.outcome is Outcome.OPTED_OUT
    assert decision.replies == [
        "Se dio de baja de los mensajes de CT Back to Work Assistant y no recibirá más. "
        "Responda COMENZAR para recibirlos otra vez."
    ]


def test_stop_then_comenzar_in_spanish_with_silence_between(db_url):
    limiter = RateLimiter(10)
    first = answer(db_url, "cancelar", limiter)
    again = answer(db_url, "alto", limiter)
    back = answer(db_url, "COMENZAR", limiter)
    assert "COMENZAR" in first.replies[0]
    assert again.replies == []
    assert back.outcome is Outcome.OPTED_IN
    assert back.replies[0].startswith("Bienvenido otra vez")


def test_maybe_opt_out_question_and_keep_texting_in_spanish(db_url):
    asked = answer(db_url, "ya no me interesa")
    assert asked.replies == [
        "¿Quiere que dejemos de enviarle mensajes? Responda PARAR para no recibir ninguno más."
    ]
    kept = answer(db_url, "sigan")
    assert kept.outcome is Outcome.KEPT
    assert kept.replies[0].startswith("OK, le seguiremos escribiendo.")
    with session_scope(db_url) as session:
        assert optouts.block_status(session, PHONE) is None


def test_unreadable_and_flood_texts_follow_the_stored_language(db_url):
    texter(db_url, PHONE, "es")
    assert answer(db_url, "").replies[0].startswith("Su mensaje llegó vacío.")
    limiter = RateLimiter(1)
    answer(db_url, "trabajo", limiter)
    flood = answer(db_url, "trabajo en Hartford", limiter)
    assert flood.outcome is Outcome.RATE_LIMITED
    assert flood.replies[0].startswith("Está enviando mensajes más rápido")


def test_the_apology_reaches_a_spanish_speaker_in_gsm7_spanish(db_url):
    texter(db_url, PHONE, "es")
    settings = load_settings({"DATABASE_URL": db_url})
    inbox = Inbox(settings, OutboundGate(settings), lambda *_: None, limiter=RateLimiter(10))
    inbox.apologize(text("hola"))
    [row] = outbox_rows(db_url, PHONE)
    # The catalog's "Perdón" loses the accent GSM-7 lacks on the way out.
    assert row.body == (
        "Perdon, algo fallo de nuestro lado. Por favor escribame otra vez en unos minutos."
    )


@pytest.mark.parametrize(
    ("body", "spanish"),
    [("AYUDA", True), ("Parar", True), ("no más mensajes", True), ("sí", True),
     ("dejen de escribirme", True), ("STOP", False), ("stop please", False), ("HELP", False),
     ("yes", False), ("no", False), ("START", False)],
)  # fmt: skip
def test_which_keywords_are_spanish(body, spanish):
    assert keywords.is_spanish(body) is spanish
