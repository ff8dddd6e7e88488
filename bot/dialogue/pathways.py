"""Pay and training in a conversation: what an occupation pays here, and which free
courses lead to it ("how much do welders make in Waterbury", "what training do I need
for this"). The figures and the course links come from bot.wages and bot.courses.pathways;
this module words them and keeps what the next message may refer to."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.courses.pathways import courses_for_occupation
from bot.courses.search import CourseHit
from bot.db.models import Job, Place
from bot.dialogue import courses
from bot.dialogue.context import Context
from bot.dialogue.eligibility import known_answers
from bot.dialogue.jobs import jobs_for_keyword
from bot.dialogue.people import home_town, person_for
from bot.dialogue.reply import Reply
from bot.eligibility import ELIGIBLE, NEEDS_ANSWER, evaluate, rules_in
from bot.geo import resolve
from bot.i18n import N_
from bot.jobs.text import keyword_label
from bot.text import pack_lines, shorten
from bot.wages.occupation_names import occupation_name
from bot.wages.occupations import (
    OccupationMatch,
    occupation_search_word,
    posting_occupation,
)
from bot.wages.pay import TypicalPay, occupation_title, typical_pay_in_town, typical_pay_text

# The occupation the conversation is about (a SOC code): what "this" means next.
SLOT = "occupation"
ASK_JOB_FOR_PAY = N_("Which job? For example: how much do CNAs make in Hartford")
ASK_JOB_FOR_TRAINING = N_("Which job? For example: what training do I need to be a welder")
TRAINING_OFFER = "training_offer"
JOBS_OFFER = "jobs_offer"


def _occupation_of_word(session: Session, word: str | None) -> OccupationMatch | None:
    """The occupation a job word names; a short plural ("RNs", "LPNs") counts as its
    singular, which job titles' stemming leaves alone."""
    if not word:
        return None
    match = posting_occupation(session, word)
    if match is None and word.lower().endswith("s"):
        match = posting_occupation(session, word[:-1])
    return match


def _selected_job(session: Session, context: Context) -> Job | None:
    """The job the message points at ("how much does the first one pay": a number of the
    last job list), else the one whose details were shown last; None once unposted."""
    job_id = context.slot("selected_job")
    ids = context.slot("last_ids") or []
    number = context.option_number()
    if context.slot("last_list") == "jobs" and number and 1 <= number <= len(ids):
        job_id = ids[number - 1]
    job = session.get(Job, int(job_id)) if job_id else None
    return job if job is not None and job.status == "active" else None


def _town_of(session: Session, job: Job) -> str:
    return session.get(Place, job.place_id).name


def _asked_town(session: Session, context: Context) -> tuple[str | None, str | None]:
    """(town, problem): the town the message names, else the conversation's or the
    person's; ``problem`` is the place said that is no Connecticut town (figures are then
    statewide)."""
    said = context.entities.get("location")
    if said:
        place = resolve(said)
        if place.status == "found" and place.town is not None:
            return place.town.name, None
        return None, said
    return context.slot("location") or home_town(session, person_for(session, context)), None


def pay_question(session: Session, context: Context) -> Reply:
    """ "How much do welders make in Waterbury?": the occupation's typical pay in the
    town's OEWS area (statewide without a town), then an offer of the free courses that
    lead there, or of the openings near the town."""
    _ = context.translate
    word = context.entities.get("job_keyword")
    town, unknown_place = _asked_town(session, context)
    job = None if word else _selected_job(session, context)
    if job is not None:
        match = posting_occupation(session, job.title, job.category)
        town = town if context.entities.get("location") else _town_of(session, job)
        # The occupation's job word ("cna") searches its openings better than a title.
        word = (occupation_search_word(match.soc_code) if match else None) or job.title
    else:
        word = word or context.slot("job_keyword")
        match = _occupation_of_word(session, word)
    if not word:
        return Reply([_(ASK_JOB_FOR_PAY)])
    if match is None:
        return Reply(
            [
                _(
                    "I don't have pay figures for %(job)s. Try a job title, for example: "
                    "how much do CNAs make in Hartford",
                    job=shorten(word, 40),
                )
            ]
        ).set(pending=None)
    pay = typical_pay_in_town(session, match.soc_code, town)
    if pay is None:
        return Reply(
            [_("BLS publishes no Connecticut pay figures for %(job)s.", job=shorten(word, 40))]
        ).set(**{SLOT: match.soc_code})
    return _pay_reply(session, context, match, pay, word, town, unknown_place)


def _pay_reply(
    session: Session,
    context: Context,
    match: OccupationMatch,
    pay: TypicalPay,
    word: str,
    town: str | None,
    unknown_place: str | None,
) -> Reply:
    _ = context.translate
    lines = []
    if unknown_place:
        lines.append(
            _(
                "I couldn't find a Connecticut town called %(place)s, so these are "
                "statewide figures.",
                place=shorten(unknown_place, 40),
            )
        )
    lines.append(typical_pay_text(pay, _.language))
    kept = {SLOT: match.soc_code, "job_keyword": word if len(word) <= 40 else None}
    if town:
        # What the courses' pay and the openings are then given for.
        kept["location"] = town
    if courses_for_occupation(session, match.soc_code, limit=1):
        lines.append(_("Free courses can get you there. Want to see them? Reply YES or NO"))
        return Reply(pack_lines(lines)).set(pending=TRAINING_OFFER, **kept)
    if town:
        what = jobs_for_keyword(keyword_label(word), _)
        lines.append(_("Want to see %(what)s near %(town)s? Reply YES or NO", what=what, town=town))
        return Reply(pack_lines(lines)).set(pending=JOBS_OFFER, **kept)
    return Reply(pack_lines(lines)).set(pending=None, **kept)


def training_question(session: Session, context: Context) -> Reply:
    """ "What training do I need for this?": the free courses that prepare for the
    occupation named, or of the job or pay figures shown last."""
    _ = context.translate
    word = context.entities.get("job_keyword")
    job = None if word else _selected_job(session, context)
    if job is not None:
        # A posting's title is no course topic: without its occupation, ask for one.
        match = posting_occupation(session, job.title, job.category)
        return training_for(session, context, match.soc_code if match else None, None)
    if word:
        match = _occupation_of_word(session, word)
    elif context.slot(SLOT):
        return training_for(session, context, context.slot(SLOT), None)
    else:
        word = context.slot("job_keyword")
        match = _occupation_of_word(session, word)
    if not word:
        return Reply([_(ASK_JOB_FOR_TRAINING)])
    return training_for(session, context, match.soc_code if match else None, word)


def training_for(
    session: Session, context: Context, soc_code: str | None, word: str | None
) -> Reply:
    """The free courses for occupation ``soc_code`` as a numbered course list, those the
    person's eligibility answers open first. An occupation no course is tied to is said
    so; without an occupation, the courses whose topic is ``word`` (the person's word)."""
    _ = context.translate
    hits = courses_for_occupation(session, soc_code, limit=courses.PAGE_SIZE) if soc_code else []
    if not hits:
        if soc_code:
            none = _(
                "None of the free online courses trains %(occupation)s.",
                occupation=_occupation_name(session, soc_code, word, _.language),
            )
            return Reply([none + " " + _(courses.ASK_TOPIC)]).set(pending=None)
        if word:
            return courses.find(session, context, word)
        return Reply([_(courses.ASK_TOPIC)]).set(pending=None)
    evaluation = evaluate(known_answers(session, person_for(session, context), context.slots))
    opened = evaluation.programs if evaluation.status == ELIGIBLE else ()
    hits = sorted(hits, key=lambda hit: hit.program_code not in opened)
    intro = _(
        "Free training for %(occupation)s:",
        occupation=_occupation_name(session, soc_code, word, _.language),
    )
    reply = courses.listed(hits, intro, has_more=False, _=_)
    note = _eligibility_note(hits, evaluation, _)
    if note:
        reply.messages = pack_lines([*reply.messages, note])
    # MORE after this list starts a topic search rather than paging another one.
    return reply.set(course_topic=None, **{SLOT: soc_code})


def _occupation_name(session: Session, soc_code: str, word: str | None, language: str) -> str:
    """How a text names the occupation's people: from its OEWS title, else the word said."""
    title = occupation_title(session, soc_code)
    if title is not None:
        return occupation_name(soc_code, title, language)
    return shorten(keyword_label(word), 40) if word else soc_code


def _eligibility_note(hits: list[CourseHit], evaluation, _) -> str | None:
    """What the person's known answers mean for these courses: nothing while unknown
    (ENROLL asks the questions), what would help when none of them is open."""
    if evaluation.status == NEEDS_ANSWER:
        return None
    opened = evaluation.programs if evaluation.status == ELIGIBLE else ()
    if any(hit.program_code in opened for hit in hits):
        return None
    return rules_in(_.language).not_eligible.what_would_help
