"""Spanish texts stay GSM-7: every Spanish text of the catalog, rendered with real
values and made SMS-safe the way the outbound gate does, keeps ñ, é, ü, ¿ and ¡, plains
only the accents GSM-7 lacks, and fits 320 GSM-7 characters like the English."""

from __future__ import annotations

import re

import pytest

from bot.config import load_settings
from bot.contacts import contacts
from bot.db import session_scope
from bot.i18n.extract import read_catalog
from bot.messaging.gate import OutboundGate
from bot.messaging.inbound import Inbound, triage
from bot.messaging.keywords import opt_in_confirmation
from bot.messaging.rate_limit import RateLimiter
from bot.messaging.text import GSM_CHARACTERS, gsm_length, segments, sms_safe
from bot.text import MAX_TEXT
from tests.support.outbox import outbox_rows

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Real values for placeholders, long ones where they can be; any other gets a long
# town name (the longest in Connecticut is about this long).
VALUES = {
    "program": contacts()["sms"]["program"],
    "count": 12,
    "days": 12,
    "code": "123456",
    "minutes": 10,
    "url": "https://portal.ct.gov/skillup",
    "course": "Microsoft Excel for Beginners",
    "keyword": "forklift operator",
}
LONG_TOWN = "North Stonington"
# Pages of the website are not texts: only the characters are checked for them.
WEB_ONLY = ("bot/web/", "templates/")


def _spanish_texts() -> list[tuple[str, str, bool]]:
    """(English id, rendered Spanish, whether it is texted) for every catalog entry."""
    found = []
    for message in read_catalog("es"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        key = message.id if isinstance(message.id, str) else message.id[0]
        texted = not all(path.startswith(WEB_ONLY) for path, _ in message.locations)
        for string in strings:
            if string:
                values = {name: VALUES.get(name, LONG_TOWN) for name in PLACEHOLDER.findall(string)}
                found.append((key, string % values if values else string, texted))
    return found


SPANISH = _spanish_texts()


def test_the_catalog_has_spanish_to_check():
    assert len(SPANISH) >= 50


@pytest.mark.parametrize(
    ("english", "spanish", "texted"), SPANISH, ids=[text[0][:40] for text in SPANISH]
)
def test_every_spanish_text_goes_as_gsm7_within_320(english, spanish, texted):
    safe = sms_safe(spanish)
    assert set(safe) <= GSM_CHARACTERS  # never UCS-2
    # Only the letters GSM-7 lacks change: the text keeps its length and its ñ ¿ ¡ é ü.
    assert len(safe) == len(spanish.strip().replace("\u2026", "..."))
    for kept in "ñÑ¿¡éÉüÜ":
        assert safe.count(kept) == spanish.count(kept)
    if texted:
        assert gsm_length(safe) <= MAX_TEXT, spanish


@pytest.mark.parametrize(
    ("text", "sent"),
    [("año", "año"), ("información", "informacion"), ("¿Qué necesita?", "¿Qué necesita?"),
     ("¡Felicidades, terminó!", "¡Felicidades, termino!"), ("pingüino", "pingüino"),
     ("Está más rápido", "Esta mas rapido"), ("AÑO Ú Í Ó Á", "AÑO U I O A")],
)  # fmt: skip
def test_sms_safe_keeps_gsm7_spanish_letters_and_plains_the_others(text, sent):
    assert sms_safe(text) == sent


def test_a_long_spanish_reply_bills_gsm7_segments_not_ucs2():
    reply = opt_in_confirmation("es")
    assert "Volverá" in reply and len(reply) > 160
    assert gsm_length(reply) is None  # as written, its á would make it UCS-2...
    assert segments(reply) == -(-len(reply) // 67)
    sent = sms_safe(reply)
    assert "Volvera" in sent  # ...sent, it is GSM-7: two 153-character parts
    assert segments(sent) == 2 < segments(reply)


def test_the_spanish_help_leaves_the_gate_as_gsm7(db_url):
    settings = load_settings({"DATABASE_URL": db_url})
    number = "+18605550199"
    with session_scope(db_url) as session:
        decision = triage(
            session, Inbound("SMayuda", number, "+18605550000", "AYUDA"), RateLimiter(10)
        )
    [reply] = decision.replies
    result = OutboundGate(settings).send(number, reply, key="SMayuda:k1", kind=decision.reply_kind)
    assert result.parts == 1
    [row] = outbox_rows(db_url, number)
    assert row.body == sms_safe(reply) and set(row.body) <= GSM_CHARACTERS
    assert row.body.startswith("CT Back to Work Assistant: ayuda gratis")
    assert segments(row.body) == 2
