"""How a text names an occupation: "nursing assistants", "auxiliares de enfermería".

OEWS titles are official and English only, and some read badly in a sentence
("Transportation, Storage, and Distribution Managers", "Helpers--Carpenters"). The
occupations postings are mapped to (every code of occupation_words.yml) and the ones
the free courses lead to get a plain plural name here, translated in the catalog;
any other occupation is named from its OEWS title.
"""

from __future__ import annotations

import re

from bot.i18n import ENGLISH, N_, normalize_language, translator

# Translators: occupations as a text names the people who do them, plural, lowercase
# but for acronyms ("Typical pay for %(occupation)s in the Hartford area"). Say them
# as people in Connecticut do ("auxiliares de enfermería", "choferes de camión pesado").
OCCUPATION_NAMES: dict[str, str] = {
    "00-0000": N_("all occupations"),
    "11-3071": N_("transportation and warehouse managers"),
    "11-9021": N_("construction managers"),
    "11-9051": N_("food service managers"),
    "13-1020": N_("buyers and purchasing agents"),
    "13-1031": N_("claims adjusters"),
    "13-1071": N_("human resources specialists"),
    "13-1081": N_("logisticians"),
    "13-1082": N_("project managers"),
    "13-1111": N_("management analysts"),
    "13-1161": N_("marketing specialists"),
    "13-2011": N_("accountants and auditors"),
    "13-2053": N_("insurance underwriters"),
    "13-2072": N_("loan officers"),
    "15-1211": N_("computer systems analysts"),
    "15-1212": N_("information security analysts"),
    "15-1231": N_("network support specialists"),
    "15-1232": N_("computer support specialists"),
    "15-1241": N_("network architects"),
    "15-1244": N_("network and systems administrators"),
    "15-1251": N_("computer programmers"),
    "15-1252": N_("software developers"),
    "15-1253": N_("software testers"),
    "15-1254": N_("web developers"),
    "15-2041": N_("statisticians"),
    "15-2051": N_("data scientists"),
    "17-2112": N_("industrial engineers"),
    "17-3024": N_("mechatronics technicians"),
    "17-3026": N_("industrial engineering technicians"),
    "21-1093": N_("human services assistants"),
    "25-2011": N_("preschool teachers"),
    "25-2052": N_("special education teachers"),
    "25-3031": N_("substitute teachers"),
    "25-3041": N_("tutors"),
    "25-9045": N_("teaching assistants"),
    "27-3042": N_("technical writers"),
    "29-1141": N_("registered nurses"),
    "29-1171": N_("nurse practitioners"),
    "29-2042": N_("EMTs"),
    "29-2043": N_("paramedics"),
    "29-2052": N_("pharmacy technicians"),
    "29-2056": N_("veterinary technicians"),
    "29-2061": N_("licensed practical nurses"),
    "29-2072": N_("medical records specialists"),
    "31-1120": N_("home health aides"),
    "31-1131": N_("nursing assistants"),
    "31-1133": N_("psychiatric aides"),
    "31-9092": N_("medical assistants"),
    "31-9095": N_("pharmacy aides"),
    "31-9096": N_("veterinary assistants"),
    "31-9097": N_("phlebotomists"),
    "33-1091": N_("security supervisors"),
    "33-9032": N_("security guards"),
    "33-9091": N_("crossing guards and flaggers"),
    "33-9092": N_("lifeguards"),
    "35-1011": N_("chefs and head cooks"),
    "35-1012": N_("food service supervisors"),
    "35-2011": N_("fast food cooks"),
    "35-2012": N_("cafeteria cooks"),
    "35-2014": N_("restaurant cooks"),
    "35-2015": N_("short order cooks"),
    "35-2021": N_("food prep workers"),
    "35-3011": N_("bartenders"),
    "35-3023": N_("fast food and counter workers"),
    "35-3031": N_("servers"),
    "35-3041": N_("food service workers"),
    "35-9011": N_("bussers and cafeteria attendants"),
    "35-9021": N_("dishwashers"),
    "35-9031": N_("restaurant hosts"),
    "37-1011": N_("housekeeping and janitorial supervisors"),
    "37-2011": N_("janitors and cleaners"),
    "37-2012": N_("housekeepers"),
    "37-3011": N_("landscapers"),
    "39-5012": N_("hairstylists and cosmetologists"),
    "39-5092": N_("nail technicians"),
    "39-6011": N_("bellhops and porters"),
    "39-6012": N_("concierges"),
    "39-9011": N_("childcare workers"),
    "41-1011": N_("retail supervisors"),
    "41-2011": N_("cashiers"),
    "41-2022": N_("parts salespeople"),
    "41-2031": N_("retail salespeople"),
    "41-3021": N_("insurance agents"),
    "41-4012": N_("sales representatives"),
    "43-1011": N_("office supervisors"),
    "43-3021": N_("billing clerks"),
    "43-3031": N_("bookkeepers"),
    "43-3051": N_("payroll clerks"),
    "43-3061": N_("procurement clerks"),
    "43-3071": N_("bank tellers"),
    "43-4051": N_("customer service representatives"),
    "43-4071": N_("file clerks"),
    "43-4081": N_("hotel desk clerks"),
    "43-4131": N_("loan clerks"),
    "43-4141": N_("new accounts clerks"),
    "43-4171": N_("receptionists"),
    "43-5021": N_("couriers"),
    "43-5031": N_("911 dispatchers"),
    "43-5032": N_("dispatchers"),
    "43-5071": N_("shipping and receiving clerks"),
    "43-6011": N_("executive assistants"),
    "43-6013": N_("medical secretaries"),
    "43-6014": N_("secretaries and administrative assistants"),
    "43-9021": N_("data entry clerks"),
    "43-9061": N_("office clerks"),
    "47-2021": N_("masons"),
    "47-2031": N_("carpenters"),
    "47-2051": N_("concrete finishers"),
    "47-2061": N_("construction laborers"),
    "47-2073": N_("heavy equipment operators"),
    "47-2081": N_("drywall installers"),
    "47-2111": N_("electricians"),
    "47-2141": N_("painters"),
    "47-2152": N_("plumbers"),
    "47-2181": N_("roofers"),
    "47-2211": N_("sheet metal workers"),
    "47-3011": N_("masons' helpers"),
    "47-3012": N_("carpenters' helpers"),
    "47-3013": N_("electricians' helpers"),
    "47-3015": N_("plumbers' helpers"),
    "49-2094": N_("industrial electrical repairers"),
    "49-3021": N_("auto body repairers"),
    "49-3023": N_("auto mechanics"),
    "49-3031": N_("diesel mechanics"),
    "49-3093": N_("tire technicians"),
    "49-9021": N_("HVAC technicians"),
    "49-9041": N_("industrial machinery mechanics"),
    "49-9071": N_("maintenance workers"),
    "51-1011": N_("production supervisors"),
    "51-2028": N_("electronics assemblers"),
    "51-2031": N_("engine and machine assemblers"),
    "51-2090": N_("assemblers"),
    "51-4041": N_("machinists"),
    "51-4072": N_("molding machine operators"),
    "51-4111": N_("tool and die makers"),
    "51-4121": N_("welders"),
    "51-9061": N_("quality inspectors"),
    "51-9111": N_("packaging machine operators"),
    "51-9124": N_("industrial painters"),
    "51-9161": N_("CNC operators"),
    "51-9162": N_("CNC programmers"),
    "51-9198": N_("production helpers"),
    "51-9199": N_("production workers"),
    "53-1047": N_("warehouse and transportation supervisors"),
    "53-3011": N_("ambulance drivers"),
    "53-3031": N_("route sales drivers"),
    "53-3032": N_("heavy truck drivers"),
    "53-3033": N_("delivery truck drivers"),
    "53-3051": N_("school bus drivers"),
    "53-3052": N_("bus drivers"),
    "53-3053": N_("shuttle drivers and chauffeurs"),
    "53-7051": N_("forklift operators"),
    "53-7061": N_("car washers"),
    "53-7062": N_("material handlers"),
    "53-7064": N_("packers"),
    "53-7065": N_("stockers and order pickers"),
}
_EXCEPT = re.compile(r",?\s+Except\b")


def _from_title(title: str, language: str) -> str:
    """An OEWS title as a text names the people: "Cooks, Restaurant" -> "restaurant
    cooks", "Secretaries and Administrative Assistants, Except Legal, Medical, and
    Executive" -> "secretaries and administrative assistants". In another language than
    English the title keeps its capitals, as the official name it is."""
    parts = [part.strip() for part in _EXCEPT.split(title)[0].split(",")]
    head_after = len(parts) > 1 and not parts[1].endswith("s")
    label = f"{parts[1]} {parts[0]}" if head_after else parts[0]
    return label.lower() if normalize_language(language) == ENGLISH else label


def occupation_name(soc_code: str | None, title: str, language: str = "en") -> str:
    """How a text in ``language`` names the people of occupation ``soc_code``: its
    plain name from the catalog ("bookkeepers", "auxiliares de contabilidad"), or for an
    occupation without one, a name made from its OEWS ``title`` (English only)."""
    name = OCCUPATION_NAMES.get(soc_code or "")
    if name:
        return translator(language)(name)
    return _from_title(title, language)
