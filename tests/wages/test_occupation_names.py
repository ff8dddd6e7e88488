"""Occupations named as people say them, in English and Spanish: every occupation a
posting can be mapped to has a plain name, and the others are named from their OEWS
title."""

from __future__ import annotations

import re

import pytest

from bot.db import session_scope
from bot.i18n import translator
from bot.messaging.text import gsm_length, segments, sms_safe
from bot.wages.occupation_names import OCCUPATION_NAMES, occupation_name
from bot.wages.occupations import NO_OCCUPATION, job_words
from bot.wages.pay import typical_pay, typical_pay_text
from bot.wages.source import STATEWIDE

# A word of a name: lowercase, a number ("911"), or an acronym ("CNC", "EMTs", "(RN)").
WORD = re.compile(r"^(?:[a-zñáéíóúü'-]+|[0-9]+|\(?[A-Z]{2,}s?\)?)$")


def test_every_named_code_is_a_connecticut_occupation_with_figures(oews_release):
    published = {figure.soc_code for figure in oews_release.figures}
    assert set(OCCUPATION_NAMES) - published == set()


def test_every_occupation_a_posting_can_be_mapped_to_has_a_name():
    codes = {soc for _, soc, _ in job_words().phrases} - {NO_OCCUPATION}
    assert len(codes) >= 130
    assert codes - set(OCCUPATION_NAMES) == set()


@pytest.mark.parametrize("language", ["en", "es"])
def test_names_are_lowercase_plurals_but_for_acronyms(language):
    _ = translator(language)
    names = [_(name) for name in OCCUPATION_NAMES.values()]
    assert len(set(names)) == len(names), "two occupations share a name"
    wrong = []
    for name in names:
        words = name.split()
        # English ends on its plural noun ("carpenters' helpers"), Spanish starts on it
        # ("choferes de camión pesado"); an acronym in brackets may follow.
        head = [w for w in words if not w.startswith("(")][-1 if language == "en" else 0]
        plural = head.rstrip("'").endswith(("s", "people"))
        if not plural or not all(WORD.match(word) for word in words):
            wrong.append(name)
    assert wrong == []


def test_spanish_names_are_gsm7_once_made_sms_safe():
    _ = translator("es")
    assert [n for n in map(_, OCCUPATION_NAMES.values()) if gsm_length(sms_safe(n)) is None] == []


@pytest.mark.parametrize(
    ("soc", "title", "english", "spanish"),
    [
        (
            "11-3071",
            "Transportation, Storage, and Distribution Managers",
            "transportation and warehouse managers",
            "gerentes de transporte y almacén",
        ),
        (
            "43-3031",
            "Bookkeeping, Accounting, and Auditing Clerks",
            "bookkeepers",
            "auxiliares de contabilidad",
        ),
        (
            "43-4081",
            "Hotel, Motel, and Resort Desk Clerks",
            "hotel desk clerks",
            "recepcionistas de hotel",
        ),
        ("47-3012", "Helpers--Carpenters", "carpenters' helpers", "ayudantes de carpintero"),
        (
            "51-9061",
            "Inspectors, Testers, Sorters, Samplers, and Weighers",
            "quality inspectors",
            "inspectores de calidad",
        ),
        ("31-1131", "Nursing Assistants", "nursing assistants", "auxiliares de enfermería"),
        ("29-1141", "Registered Nurses", "registered nurses", "enfermeras registradas (RN)"),
        (
            "53-3032",
            "Heavy and Tractor-Trailer Truck Drivers",
            "heavy truck drivers",
            "choferes de camión pesado",
        ),
        (
            "51-9161",
            "Computer Numerically Controlled Tool Operators",
            "CNC operators",
            "operadores de CNC",
        ),
        ("41-2011", "Cashiers", "cashiers", "cajeros"),
    ],
)
def test_occupations_read_as_people_say_them(soc, title, english, spanish):
    assert occupation_name(soc, title) == english
    assert occupation_name(soc, title, "es") == spanish


def test_an_occupation_without_a_name_is_named_from_its_title():
    assert occupation_name("25-2021", "Elementary School Teachers, Except Special Education") == (
        "elementary school teachers"
    )
    assert occupation_name(None, "Bus Drivers, School") == "school bus drivers"
    assert occupation_name(None, "Cooks, Restaurant") == "restaurant cooks"
    assert occupation_name("29-1211", "Anesthesiologists") == "anesthesiologists"
    # OEWS titles are English only: in Spanish the title stays the official name.
    assert occupation_name("29-1211", "Anesthesiologists", "es") == "Anesthesiologists"
    assert occupation_name("99-9999", "Cooks, Restaurant", "es") == "Restaurant Cooks"


def test_every_named_occupations_pay_fits_one_sms_in_both_languages(wages_url):
    areas = ("0014860", "0025540", "0035300", "0035980", "0047930", "0900001", STATEWIDE)
    texts = []
    with session_scope(wages_url) as session:
        for soc in OCCUPATION_NAMES:
            for area in areas:
                if pay := typical_pay(session, soc, area):
                    texts += [typical_pay_text(pay, "en"), typical_pay_text(pay, "es")]
    assert len(texts) > 1500
    assert [text for text in texts if segments(sms_safe(text)) > 1] == []
