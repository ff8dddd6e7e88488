"""Short names of the occupations the course catalog prepares for, English and Spanish.

The OEWS titles are long and English only ("Computer Numerically Controlled Tool
Operators"); a course page or a text says "CNC operators", "operadores de CNC". An
occupation without a name here is named from its OEWS title
(:func:`bot.wages.pay.occupation_label`).
"""

from __future__ import annotations

from bot.i18n import N_, translator
from bot.wages.pay import occupation_label

# Translators: the people of an occupation, as a sentence names them ("CNC operators
# earn a median $28/hr"), lowercase unless a name.
NAMES = {
    "13-1020": N_("buyers and purchasing agents"),
    "13-1071": N_("human resources specialists"),
    "13-1081": N_("logisticians"),
    "13-1082": N_("project managers"),
    "13-1111": N_("management analysts"),
    "13-1161": N_("marketing specialists"),
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
    "17-3024": N_("mechatronics technicians"),
    "17-3026": N_("industrial engineering technicians"),
    "27-3042": N_("technical writers"),
    "29-2072": N_("medical records specialists"),
    "41-2011": N_("cashiers"),
    "41-2031": N_("retail salespersons"),
    "41-4012": N_("sales representatives"),
    "43-3021": N_("billing clerks"),
    "43-3031": N_("bookkeepers"),
    "43-3051": N_("payroll clerks"),
    "43-3061": N_("procurement clerks"),
    "43-4051": N_("customer service representatives"),
    "43-4171": N_("receptionists"),
    "43-5071": N_("shipping and receiving clerks"),
    "43-6013": N_("medical secretaries"),
    "43-6014": N_("administrative assistants"),
    "43-9021": N_("data entry keyers"),
    "43-9061": N_("office clerks"),
    "49-2094": N_("industrial electrical repairers"),
    "49-9041": N_("industrial machinery mechanics"),
    "49-9071": N_("maintenance and repair workers"),
    "51-1011": N_("production supervisors"),
    "51-2028": N_("electrical and electronic assemblers"),
    "51-2031": N_("engine and machine assemblers"),
    "51-2090": N_("assemblers"),
    "51-4041": N_("machinists"),
    "51-4072": N_("molding machine operators"),
    "51-4111": N_("tool and die makers"),
    "51-4121": N_("welders"),
    "51-9061": N_("quality inspectors"),
    "51-9161": N_("CNC operators"),
    "51-9162": N_("CNC programmers"),
    "51-9199": N_("production workers"),
    "53-7051": N_("forklift operators"),
    "53-7062": N_("material handlers"),
    "53-7065": N_("stockers and order fillers"),
}


def occupation_name(soc_code: str, title: str | None, language: str = "en") -> str | None:
    """How a text names the people of an occupation, in ``language``: the short name
    above, else the OEWS ``title`` as :func:`occupation_label` reads it; None without
    either."""
    name = NAMES.get(soc_code)
    if name:
        return translator(language)(name)
    return occupation_label(title, language) if title else None
