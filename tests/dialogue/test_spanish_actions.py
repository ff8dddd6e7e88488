"""The conversation in Spanish, on trackers built by hand against real demo data: each
path answers in Spanish once the conversation is Spanish, and short answers ("1", "si",
a ZIP) keep it so. The intents are given by hand: the language model's Spanish comes
with the Spanish NLU data."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from actions.alerts import ActionListAlerts
from actions.courses import ActionEnrollCourse, ActionFindCourses
from actions.eligibility import ActionSubmitEligibility
from actions.follow_ups import ActionSendCourseReminder
from actions.jobs import ActionChooseOption, ActionMoreResults, ActionSearchJobs
from actions.support import (
    ActionAnswerYesNo,
    ActionAskForgetMe,
    ActionHandleInform,
    ActionHandoff,
    ActionUnemploymentInfo,
)
from bot.db import session_scope
from bot.db.models import ErasureRequest, HandoffRequest, Person
from bot.dialogue import forms
from bot.dialogue.context import Context
from bot.identity import SMS_CHANNEL, WEB_CHANNEL, new_web_sender
from tests.support.people import enroll_directly
from tests.support.texter import Texter, sms_safe

pytestmark = pytest.mark.usefixtures("actions_database")


def _spanish() -> Texter:
    """A texter whose conversation is already in Spanish."""
    person = Texter()
    person.slots["language"] = "es"
    return person


def _stored_language(sender: str) -> str | None:
    with session_scope() as session:
        return session.execute(
            select(Person.language).where(Person.address == sender)
        ).scalar_one_or_none()


def test_a_spanish_search_by_town_answers_in_spanish_and_stores_the_language():
    person = Texter()
    texts, slots = person.run(
        ActionSearchJobs(), "busco trabajo en Hartford", "find_jobs", location="Hartford"
    )
    sms_safe(texts)
    assert texts[0].startswith("Trabajos cerca de Hartford:\n1) ")
    assert texts[-1].endswith("Responda 1-3 para detalles, MAS para ver más.")
    assert slots["language"] == "es"
    assert _stored_language(person.sender) == "es"


def test_a_zip_answers_the_spanish_place_question_without_flipping_the_language():
    person = Texter()
    texts, slots = person.run(ActionSearchJobs(), "necesito trabajo de CNA", "find_jobs",
                              job_keyword="cna")  # fmt: skip
    assert texts == [
        "¿Cerca de qué pueblo o código postal (ZIP) busco? Por ejemplo: Hartford o 06106"
    ]
    assert slots["pending"] == "location"
    texts, slots = person.run(ActionHandleInform(), "06106", "inform")
    assert texts[0].startswith("Trabajos de CNA cerca de Hartford:")
    assert slots["language"] == "es"


def test_more_and_details_in_spanish():
    person = _spanish()
    person.run(ActionSearchJobs(), "trabajos en Hartford", "find_jobs", location="Hartford")
    texts, _ = person.run(ActionMoreResults(), "mas", "more_results")
    assert texts[0].startswith("Más trabajos cerca de Hartford:\n4) ")
    texts, slots = person.run(ActionChooseOption(), "2", "choose_option")
    sms_safe(texts)
    assert " en " in texts[0] and "Solicite aquí: https://backtowork.example.org/" in texts[0]
    assert slots["selected_job"]
    assert person.slots["language"] == "es"


def test_no_jobs_offers_alerts_in_spanish_with_the_yes_it_understands():
    person = _spanish()
    texts, _ = person.run(ActionSearchJobs(), "trabajos de astronauta en Union", "find_jobs",
                          location="Union", job_keyword="astronaut")  # fmt: skip
    assert texts[0].startswith("Por ahora no encontré trabajos de astronaut cerca de Union.")
    assert texts[0].endswith(
        "¿Le aviso por texto cuando salgan trabajos de astronaut nuevos cerca de Union? "
        "Responda SI o NO"
    )


def test_eligibility_yes_path_enrolls_and_asks_for_reminders_in_spanish():
    person = _spanish()
    texts, slots = person.run(ActionFindCourses(), "cursos de excel", "find_courses",
                              course_topic="excel")  # fmt: skip
    assert texts[0].startswith("Cursos gratis de excel:\n1) ")
    assert "INSCRIBIR 1-3 para inscribirse" in texts[0]
    texts, slots = person.run(ActionEnrollCourse(), "inscribirme en el 1", "enroll_course")
    assert texts[0].endswith("es gratis si usted califica. Primero, unas preguntas rápidas de "
                             "sí o no.")  # fmt: skip
    person.slots.update(elig_ct_resident=True, elig_filed_ct_claim=True)
    texts, slots = person.run(ActionSubmitEligibility(), "si", "affirm")
    sms_safe(texts)
    assert texts[0].startswith("Buenas noticias: usted califica para entrenamiento gratis de "
                               "SkillUp CT y 180 Skills.")  # fmt: skip
    assert texts[1].startswith("Quedó inscrito en ") and "Empiece aquí: https://" in texts[1]
    assert texts[2] == "¿Le enviamos recordatorios por texto hasta que termine? Responda SI o NO"
    texts, _ = person.run(ActionAnswerYesNo(), "si", "affirm")
    assert texts == [
        "Muy bien, le enviaré recordatorios hasta que termine. Responda LISTO cuando lo complete."
    ]


def test_eligibility_no_path_says_how_to_check_again_in_spanish():
    person = _spanish()
    person.slots["elig_ct_resident"] = False
    texts, _ = person.run(ActionSubmitEligibility(), "no", "deny")
    assert texts[-1] == "Si algo cambió o contestó mal, responda VER SI CALIFICO."


def test_handoff_and_unemployment_in_spanish():
    person = _spanish()
    texts, _ = person.run(ActionHandoff(), "quiero hablar con una persona", "human_handoff")
    sms_safe(texts)
    assert texts[0] == "Le pedí a nuestro personal que le contacte. Responden en días laborables."
    assert texts[1].startswith("También puede recibir ayuda gratis en persona en ")
    with session_scope() as session:
        assert session.execute(
            select(HandoffRequest).join(Person).where(Person.address == person.sender)
        ).scalar_one()
    texts, _ = person.run(ActionUnemploymentInfo(), "mi cheque de desempleo", "unemployment_claim")
    sms_safe(texts)
    assert texts[0].startswith("Para un reclamo de desempleo, un pago, su estado o una negación")
    assert texts[0].endswith("pero le puedo buscar trabajos y entrenamiento gratis.")


def test_forget_me_asks_and_confirms_in_spanish():
    person = _spanish()
    texts, slots = person.run(ActionAskForgetMe(), "borra mis datos", "forget_me")
    assert texts[0].startswith("Puedo borrar lo que este servicio guarda sobre usted")
    assert texts[0].endswith("Responda SI para borrarlo o NO para guardarlo.")
    texts, _ = person.run(ActionAnswerYesNo(), "si", "affirm")
    assert texts[0].startswith("Listo: sus datos se borrarán en menos de un minuto.")
    with session_scope() as session:
        assert session.execute(
            select(ErasureRequest).where(ErasureRequest.address == person.sender)
        ).scalar_one()


def test_a_course_reminder_goes_out_in_the_persons_language():
    person = _spanish()
    enroll_directly(person.sender, "SU-IT-001")
    with session_scope() as session:
        session.execute(update(Person).where(Person.address == person.sender).values(language="es"))
    texts, _ = person.run(
        ActionSendCourseReminder(), "", "EXTERNAL_course_reminder", follow_up=f"r-{person.sender}"
    )
    assert texts[0].startswith("Recordatorio: ¿cómo le va con ")
    assert texts[0].endswith(
        "Responda LISTO cuando termine, o PARAR RECORDATORIOS para no recibir estos mensajes."
    )


@pytest.mark.parametrize("text", ["cancelar", "olvidalo", "no gracias", "salir"])
def test_spanish_ways_out_leave_the_questions(text):
    context = Context(channel=SMS_CHANNEL, address="+18605550100", text=text, language="es")
    assert forms.read_yes_no_answer(context).kind == forms.LEAVE


def _eligible_spanish(channel: str = SMS_CHANNEL) -> Texter:
    """A Spanish speaker whose answers open SkillUp CT, looking at Excel courses."""
    person = Texter(channel=channel, sender=new_web_sender() if channel == WEB_CHANNEL else None)
    person.slots.update(language="es", elig_ct_resident=True, elig_filed_ct_claim=True)
    texts, _ = person.run(ActionFindCourses(), "cursos de excel", "find_courses",
                          course_topic="excel")  # fmt: skip
    assert texts[-1].endswith("INSCRIBIR 1-3 para inscribirse, MAS para ver más.")
    return person


@pytest.mark.parametrize("text", ["INSCRIBIR 2", "inscribir #2", "inscribirme en el segundo"])
def test_inscribir_and_a_number_enrolls_in_that_course_of_the_list(text):
    person = _eligible_spanish()
    second = person.slots["last_ids"][1]
    texts, slots = person.run(ActionEnrollCourse(), text, "enroll_course")
    assert texts[0].startswith("Quedó inscrito en ")
    assert slots["selected_course"] == second
    assert texts[1] == "¿Le enviamos recordatorios por texto hasta que termine? Responda SI o NO"


def test_the_spanish_no_is_read_before_the_models_guess():
    person = _eligible_spanish()
    person.run(ActionEnrollCourse(), "INSCRIBIR 1", "enroll_course")
    texts, _ = person.run(ActionAnswerYesNo(), "nop", "affirm")
    assert texts == ["OK, sin recordatorios. Responda LISTO cuando termine el curso."]


def test_the_web_chat_names_the_spanish_words_to_text():
    person = _eligible_spanish(WEB_CHANNEL)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TWILIO_FROM_NUMBER", "+18605550000")
        texts, slots = person.run(ActionEnrollCourse(), "INSCRIBIR 3", "enroll_course")
        code = slots["selected_course"]
        assert texts[1].endswith(f"Para recibirlas, envíe INSCRIBIR {code} al 860-555-0000 "
                                 "desde su celular.")  # fmt: skip
        texts, _ = person.run(ActionListAlerts(), "mis alertas", "list_alerts")
        assert texts[0].endswith("envíe ALERTAS DE EMPLEO al 860-555-0000 desde su celular.")


def test_a_spanish_no_skips_the_contact_question():
    person = Texter(channel=WEB_CHANNEL, sender=new_web_sender())
    person.slots["language"] = "es"
    texts, _ = person.run(ActionHandoff(), "AGENTE", "human_handoff")
    assert texts[-1].endswith("Responda SALTAR para no darlo.")
    texts, _ = person.run(ActionAnswerYesNo(), "nop", "deny")
    assert texts[0] == "OK. Sin un teléfono o email nuestro personal no le puede contactar."
