"""An occupation's typical pay in an area, the statewide fallback, and the texts in
English and Spanish."""

from __future__ import annotations

from bot.db import session_scope
from bot.messaging.text import segments, sms_safe
from bot.wages.pay import typical_pay, typical_pay_in_town, typical_pay_text
from bot.wages.source import STATEWIDE


def test_nursing_assistants_in_the_hartford_area(wages_url):
    with session_scope(wages_url) as session:
        pay = typical_pay(session, "31-1131", "0025540")
    assert (pay.occupation, pay.area_name, pay.release) == (
        "Nursing Assistants",
        "Hartford-West Hartford-East Hartford, CT",
        "May 2025",
    )
    assert (pay.hourly_low, pay.hourly_median, pay.hourly_high) == (19.19, 21.32, 22.39)
    assert (pay.pay_range, pay.unit, pay.annual_median, pay.employment) == (
        "25-75",
        "hour",
        44_340,
        7_990,
    )
    assert not pay.fallback
    assert typical_pay_text(pay) == (
        "Typical pay for nursing assistants in the Hartford area: $19-$22/hr, median $21 "
        "(BLS, May 2025)"
    )
    assert typical_pay_text(pay, "es") == (
        "Pago típico de auxiliares de enfermería en el área de Hartford: $19-$22/hora, mediana $21 "
        "(BLS, mayo de 2025)"
    )
    assert typical_pay_text(pay, "es", occupation="CNAs").startswith("Pago típico de CNAs en")


def test_all_connecticut_jobs_statewide(wages_url):
    with session_scope(wages_url) as session:
        pay = typical_pay(session, "00-0000")
    assert (pay.area_code, pay.hourly_median, pay.employment) == (STATEWIDE, 28.70, 1_696_170)
    assert typical_pay_text(pay) == (
        "Typical pay for all occupations in Connecticut: $19-$46/hr, median $29 (BLS, May 2025)"
    )
    spanish = typical_pay_text(pay, "es")
    assert spanish.startswith("Pago típico de todos los trabajos en Connecticut:")


def test_an_area_without_a_published_figure_falls_back_to_the_state_and_says_so(wages_url):
    with session_scope(wages_url) as session:
        # Anesthesiologists: Bridgeport-Stamford-Danbury's wages are not released.
        pay = typical_pay(session, "29-1211", "0014860")
    assert pay.fallback
    assert (pay.area_code, pay.asked_area_code) == (STATEWIDE, "0014860")
    assert pay.asked_area_name == "Bridgeport-Stamford-Danbury, CT"
    assert pay.hourly_median == 231.65
    english = typical_pay_text(pay)
    assert english == (
        "Typical pay for anesthesiologists in Connecticut: $208-$255/hr, median $232 "
        "(BLS, May 2025; none published for the Bridgeport-Stamford-Danbury area)"
    )
    spanish = typical_pay_text(pay, "es")
    assert spanish.endswith(
        "(BLS, mayo de 2025; sin cifra para el área de Bridgeport-Stamford-Danbury)"
    )
    assert segments(sms_safe(english)) == segments(sms_safe(spanish)) == 1


def test_occupations_paid_by_the_year_are_shown_by_the_year(wages_url):
    with session_scope(wages_url) as session:
        pay = typical_pay(session, "25-2021", "0035300")
    assert (pay.unit, pay.hourly_median, pay.annual_median) == ("year", None, 79_820)
    assert typical_pay_text(pay) == (
        "Typical pay for elementary school teachers in the New Haven area: $62k-$100k/yr, "
        "median $80k (BLS, May 2025)"
    )
    assert "$62k-$100k/año, mediana $80k (BLS, mayo de 2025)" in typical_pay_text(pay, "es")


def test_no_figure_anywhere_means_no_pay(wages_url):
    with session_scope(wages_url) as session:
        # Environmental engineering technicians: no wage released in the Hartford area,
        # nor statewide.
        assert typical_pay(session, "17-3025", "0025540") is None
        # Computer hardware engineers: none statewide, but the Hartford area's is.
        assert typical_pay(session, "17-2061") is None
        assert typical_pay(session, "17-2061", "0025540").hourly_median == 59.07
        assert typical_pay(session, "99-9999") is None


def test_pay_in_a_towns_area(wages_url):
    with session_scope(wages_url) as session:
        welders = typical_pay_in_town(session, "51-4121", "Waterbury")
        anywhere = typical_pay_in_town(session, "51-4121", "Springfield")
    assert (welders.area_code, welders.hourly_median) == ("0047930", 25.34)
    assert typical_pay_text(welders, occupation="welders") == (
        "Typical pay for welders in the Waterbury-Shelton area: $22-$31/hr, median $25 "
        "(BLS, May 2025)"
    )
    assert anywhere.area_code == STATEWIDE and not anywhere.fallback


def test_the_texts_name_the_occupation_as_people_say_it(wages_url):
    with session_scope(wages_url) as session:
        managers = typical_pay(session, "11-3071", "0025540")
        helpers = typical_pay_in_town(session, "47-3012", "Bridgeport")
        welders = typical_pay_in_town(session, "51-4121", "Waterbury")
    assert typical_pay_text(managers).startswith(
        "Typical pay for transportation and warehouse managers in the Hartford area: $"
    )
    assert typical_pay_text(managers, "es").startswith(
        "Pago típico de gerentes de transporte y almacén en el área de Hartford: $"
    )
    assert typical_pay_text(helpers).startswith("Typical pay for carpenters' helpers in ")
    assert typical_pay_text(welders, "es") == (
        "Pago típico de soldadores en el área de Waterbury-Shelton: $22-$31/hora, mediana $25 "
        "(BLS, mayo de 2025)"
    )


def test_the_texts_fit_one_sms_for_the_demo_feeds_occupations(wages_url, matcher):
    from bot.jobs.demo_industries import load_demo_data

    titles = {role.title for industry in load_demo_data().industries for role in industry.roles}
    socs = {found.soc_code for title in titles if (found := matcher.match(title))}
    longest: list[str] = []
    with session_scope(wages_url) as session:
        for soc in socs:
            for area in ("0014860", "0025540", "0035980", "0900001"):
                pay = typical_pay(session, soc, area)
                if pay:
                    longest += [typical_pay_text(pay, "en"), typical_pay_text(pay, "es")]
    over = [text for text in longest if segments(sms_safe(text)) > 1]
    # Long OEWS titles ("first-line supervisors of transportation and material moving
    # workers") may take two segments; most texts fit one.
    assert len(over) <= len(longest) // 10, over
