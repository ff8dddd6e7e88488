"""Spanish through the signed SMS webhook and the real Rasa server: what reaches the
phone (the local Twilio server) is Spanish for a Spanish keyword or a Spanish
speaker, English otherwise, and always GSM-7."""

from __future__ import annotations

from bot.i18n import translator
from bot.messaging import inbound, keywords
from bot.messaging.text import GSM_CHARACTERS, sms_safe
from tests.support.people import texter


def test_ayuda_gets_the_spanish_help(phone):
    [reply] = phone.say("AYUDA")
    assert reply == sms_safe(keywords.help_text("es"))
    assert reply.startswith("CT Back to Work Assistant: ayuda gratis")
    assert set(reply) <= GSM_CHARACTERS


def test_a_spanish_speaker_texting_stop_and_start_is_answered_in_spanish(phone):
    texter(phone.db_url, phone.number, "es")
    [confirmation] = phone.say("STOP")
    assert confirmation.startswith("Se dio de baja") and "COMENZAR" in confirmation
    [welcome] = phone.say("START")
    assert welcome.startswith("Bienvenido otra vez") and "Volvera a recibir" in welcome


def test_an_english_speaker_texting_help_stays_in_english(phone):
    texter(phone.db_url, phone.number, "en")
    assert phone.say("HELP") == [keywords.help_text("en")]


def test_a_spanish_speakers_empty_text_gets_the_spanish_answer(phone):
    texter(phone.db_url, phone.number, "es")
    phone.handled(phone.text("").sid)
    assert phone.received() == [sms_safe(translator("es")(inbound.EMPTY_TEXT))]
