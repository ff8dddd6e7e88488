"""The words the Spanish replies tell people to send do what the replies say, through
the trained model and the real action server: by text (MAS, INSCRIBIR 2, SI and NO as
people text them, LISTO, AGENTE, MIS ALERTAS, ALERTAS DE EMPLEO, OLVÍDELO) and in the
web chat (AGENTE, SALTAR, VER SI CALIFICO)."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select

from bot.db import session_scope
from bot.db.models import Course, Enrollment, HandoffRequest, Person
from bot.messaging.text import sms_safe
from bot.web.chat import ask_assistant
from tests.support.people import texter
from tests.support.servers import WEB_CHAT_SECRET

LINE = re.compile(r"^(\d)\) (?P<title>.+) \(")


def _titles(reply: str) -> dict[int, str]:
    """The numbered course titles of a list."""
    found = {}
    for line in reply.splitlines():
        if match := LINE.match(line):
            found[int(match.group(1))] = match["title"]
    return found


def _enrolled_titles(url: str, number: str) -> list[str]:
    with session_scope(url) as session:
        return list(
            session.execute(
                select(Course.title)
                .join(Enrollment, Enrollment.course_id == Course.id)
                .join(Person, Person.id == Enrollment.person_id)
                .where(Person.address == number)
            ).scalars()
        )


def test_a_spanish_texter_enrolls_with_the_words_the_replies_name(phone, conversation_url):
    texter(conversation_url, phone.number, "es")
    listing = phone.say("cursos de excel")
    assert listing[0].startswith("Cursos gratis de excel:")
    # (The first reply also says how to switch to English.)
    assert sms_safe("INSCRIBIR 1-3 para inscribirse, MAS para ver más.") in listing[-1]
    more = phone.say("MAS")
    assert more[0].startswith(sms_safe("Más cursos de excel:"))
    # The second page numbers on from the first (4-6).
    assert sms_safe("INSCRIBIR 4-6 para inscribirse") in more[-1]
    second = _titles(more[0])[5]
    asked = phone.say("INSCRIBIR 5")
    assert asked[0].startswith(second) and asked[-1] == sms_safe(
        "¿Vive en Connecticut? Responda SI o NO"
    )
    assert phone.say("sip") == [sms_safe("¿Ha pedido desempleo en Connecticut? Responda SI o NO")]
    enrolled = phone.say("claro")
    assert enrolled[0].startswith("Buenas noticias: usted califica")
    assert enrolled[1].startswith(sms_safe(f"Quedó inscrito en {second}"))
    assert _enrolled_titles(conversation_url, phone.number) == [second]
    assert phone.say("nop") == ["OK, sin recordatorios. Responda LISTO cuando termine el curso."]
    assert phone.say("LISTO")[0].startswith(sms_safe(f"¡Felicidades por terminar {second}!"))


def test_a_spanish_texter_reaches_a_person_and_sets_up_alerts(phone, conversation_url):
    texter(conversation_url, phone.number, "es")
    assert phone.say("AGENTE")[0] == sms_safe(
        "Le pedí a nuestro personal que le contacte. Responden en días laborables."
    )
    with session_scope(conversation_url) as session:
        assert session.execute(
            select(HandoffRequest).join(Person).where(Person.address == phone.number)
        ).scalar_one()
    none = phone.say("MIS ALERTAS")
    assert none == ["No tiene alertas de empleo. Responda ALERTAS DE EMPLEO para crear una."]
    asked = phone.say("ALERTAS DE EMPLEO")
    assert asked[-1] == sms_safe(
        "¿De qué tipo de trabajos le aviso por texto? Por ejemplo: bodega, CNA o CUALQUIERA"
    )
    assert phone.say(sms_safe("OLVÍDELO"))[0] == sms_safe(
        "OK, paré las preguntas de la alerta de empleo."
    )


def test_the_spanish_web_chat_understands_its_own_words(rasa_stack):
    sender = f"web-{uuid.uuid4().hex[:10]}"

    def say(text: str) -> list[str]:
        return ask_assistant(rasa_stack.url, WEB_CHAT_SECRET, sender, text, language="es")

    asked = say("AGENTE")
    assert asked[0] == "Le pediré a nuestro personal que le contacte."
    assert "Responda SALTAR para no darlo." in asked[1]
    assert say("SALTAR")[0] == "OK. Sin un teléfono o email nuestro personal no le puede contactar."
    check = say("VER SI CALIFICO")
    assert check[0] == (
        "Vamos a ver si usted califica para entrenamiento gratis. Unas preguntas de sí o no."
    )
    assert check[1] == "¿Vive en Connecticut? Responda SI o NO"
    assert say("OLVÍDELO")[0] == "OK, paré las preguntas de elegibilidad."
