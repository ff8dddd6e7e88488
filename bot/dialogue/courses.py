"""Courses in a conversation: finding, details, enrolling, finishing, reminders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.courses.pathways import course_outcomes, next_step, next_step_text, outcomes_text
from bot.courses.search import (
    CourseHit,
    course_by_code,
    pathway_starts,
    program_code,
    search_courses,
)
from bot.db.models import Course
from bot.dialogue.context import Context
from bot.dialogue.eligibility import FRESH_SLOT, known_answers, outcome_lines, record
from bot.dialogue.people import by_text_only, can_text, home_town, person_for
from bot.dialogue.reply import Reply
from bot.eligibility import ELIGIBLE, NEEDS_ANSWER, evaluate, rules_in
from bot.i18n import N_, Translator
from bot.jobs.format import summary_line
from bot.jobs.search import JobQuery, search_jobs
from bot.learners import enrollments
from bot.text import MAX_TEXT, pack_lines

PAGE_SIZE = 3
ASK_TOPIC = N_(
    "What would you like to learn? For example: computer basics, Excel, project management, "
    "welding or CNC. Reply 180 SKILLS for manufacturing credentials."
)
CONSENT_QUESTION = N_("Can we text you reminders until you finish? Reply YES or NO")
NO_LONGER_OFFERED = N_("Sorry, that course is no longer offered. Reply COURSES to find another.")


def _line(number: int, hit: CourseHit, _: Translator) -> str:
    hours = ", " + _("%(hours)s hrs", hours=f"{hit.hours:g}") if hit.hours else ""
    return f"{number}) {hit.title} ({hit.program_name}{hours})"


def find(session: Session, context: Context, topic: str | None, page: int = 1) -> Reply:
    """Courses for a topic or a program, as numbered lines."""
    _ = context.translate
    topic = (topic or "").strip()
    if not topic:
        return Reply([_(ASK_TOPIC)]).set(pending=None)
    program = program_code(session, topic)
    if program:
        result = search_courses(
            session, program=program, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        if program == "180_skills" and page == 1:
            starts = pathway_starts(session, program)
            result.courses = starts[:PAGE_SIZE]
            result.total = len(starts)
    else:
        result = search_courses(
            session, topic=topic, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    if not result.courses:
        if page > 1:
            return Reply([_("That's all the courses I have for %(topic)s.", topic=topic)])
        return Reply(
            [_("I found no courses for %(topic)s.", topic=topic) + " " + _(ASK_TOPIC)]
        ).set(course_topic=None, last_list=None)
    if page == 1:
        intro = _("Free courses for %(topic)s:", topic=topic)
    else:
        intro = _("More courses for %(topic)s:", topic=topic)
    has_more = result.total > page * PAGE_SIZE
    earlier = context.listed_before("courses", page, PAGE_SIZE)
    return listed(result.courses, intro, has_more, _, earlier).set(
        results_page=page, course_topic=topic
    )


def listed(
    hits: list[CourseHit], intro: str, has_more: bool, _: Translator, earlier: list | None = None
) -> Reply:
    """Courses as numbered lines under ``intro``, remembered so a number or ENROLL and
    a number can follow; after MORE the numbers go on from the ``earlier`` pages'."""
    earlier = list(earlier or [])
    first = len(earlier) + 1
    lines = [intro, *(_line(i, hit, _) for i, hit in enumerate(hits, start=first))]
    last = first + len(hits) - 1
    if has_more:
        lines.append(
            _(
                "Reply %(first)s-%(last)s for details, ENROLL %(first)s-%(last)s to sign up, "
                "MORE for more.",
                first=first,
                last=last,
            )
        )
    else:
        lines.append(
            _(
                "Reply %(first)s-%(last)s for details, ENROLL %(first)s-%(last)s to sign up.",
                first=first,
                last=last,
            )
        )
    return Reply(pack_lines(lines)).set(
        last_list="courses", last_ids=earlier + [hit.code for hit in hits], pending=None
    )


def more(session: Session, context: Context) -> Reply:
    """The next page of the last course list."""
    return find(
        session, context, context.slot("course_topic"), int(context.slot("results_page") or 1) + 1
    )


def _listed_course(context: Context, number: int | None) -> str | None:
    codes = context.slot("last_ids") or []
    if context.slot("last_list") == "courses" and number and 1 <= number <= len(codes):
        return codes[number - 1]
    return None


def details(session: Session, context: Context, number: int) -> Reply:
    """Details of course ``number`` in the last list."""
    _ = context.translate
    codes = context.slot("last_ids") or []
    code = _listed_course(context, number)
    if code is None:
        return Reply([_("Please reply with a number from 1 to %(highest)s.", highest=len(codes))])
    hit = course_by_code(session, code)
    if hit is None:
        return Reply([_(NO_LONGER_OFFERED)])
    hours = _("%(hours)s hours", hours=f"{hit.hours:g}") if hit.hours else None
    facts = [hit.program_name, hit.level, hours]
    text = f"{hit.title}: " + ", ".join(f for f in facts if f) + "."
    if hit.credential:
        text += " " + _("Earns: %(credential)s.", credential=hit.credential)
    enroll = " " + _("Reply ENROLL to sign up.")
    # What the course leads to and what that pays near the person, when it fits.
    town = _town(session, context)
    leads = outcomes_text(course_outcomes(session, hit.code, town, _.language), _.language)
    if leads and len(text) + 2 + len(leads) + len(enroll) <= MAX_TEXT:
        text += "\n" + leads + "."
    return Reply([text + enroll]).set(selected_course=hit.code)


def _town(session: Session, context: Context) -> str | None:
    """The town pay figures are for: the conversation's, else the person's."""
    return context.slot("location") or home_town(session, person_for(session, context))


def _named_course(session: Session, text: str) -> str | None:
    """The code of a course written in the message, as in "enroll SU-IT-001" (what the
    website's Enroll buttons send); a course no longer offered counts, so the person
    hears that rather than being enrolled in another one."""
    tokens = sorted({token.strip(".,;:!?()\"'").upper() for token in text.split()} - {""})
    if not tokens:
        return None
    return session.execute(
        select(Course.code).where(func.upper(Course.code).in_(tokens)).limit(1)
    ).scalar()


def enroll(session: Session, context: Context, number: int | None) -> Reply:
    """Enroll in the chosen course, after checking the person may take it for free."""
    _ = context.translate
    code = (
        _named_course(session, context.text)
        or _listed_course(context, number)
        or context.slot("selected_course")
    )
    if code is None and context.entities.get("course_topic"):
        found = search_courses(session, topic=context.entities["course_topic"], limit=1)
        code = found.courses[0].code if found.courses else None
    if code is None:
        return Reply(
            [
                _(
                    "Which course? Reply ENROLL and its number from the list, or tell me a "
                    "topic first."
                )
            ]
        )
    hit = course_by_code(session, code)
    if hit is None:
        return Reply([_(NO_LONGER_OFFERED)])
    person = person_for(session, context)
    evaluation = evaluate(known_answers(session, person, context.slots))
    if evaluation.status == NEEDS_ANSWER:
        return (
            Reply(
                [
                    _(
                        "%(course)s is free if you qualify. First, a few quick yes/no questions.",
                        course=hit.title,
                    )
                ]
            )
            .set(selected_course=hit.code, pending="eligibility")
            .followed_by("eligibility_form")
        )
    if evaluation.status != ELIGIBLE or hit.program_code not in evaluation.programs:
        return _not_open(hit, evaluation, _)
    return _enroll_now(session, context, person, hit)


def _not_open(hit: CourseHit, evaluation, _: Translator) -> Reply:
    rules = rules_in(_.language)
    if evaluation.status == ELIGIBLE:
        opened = _(" and ").join(rules.program(c).name for c in evaluation.programs)
        return Reply(
            [
                _(
                    "%(course)s is a %(program)s course. Your answers open %(opened)s, "
                    "not %(program)s.",
                    course=hit.title,
                    program=hit.program_name,
                    opened=opened,
                )
                + " "
                + rules.not_eligible.what_would_help
            ]
        ).set(pending=None)
    return Reply(pack_lines(outcome_lines(evaluation, _))).set(pending=None)


def _enroll_now(session: Session, context: Context, person, hit: CourseHit) -> Reply:
    _ = context.translate
    course_id = session.execute(select(Course.id).where(Course.code == hit.code)).scalar_one()
    if enrollments.enroll(session, person, course_id) is None:
        return Reply(
            [
                _(
                    "You're already enrolled in %(course)s. Start or continue here: %(url)s",
                    course=hit.title,
                    url=hit.url,
                )
            ]
        ).set(pending=None)
    enrolled = _(
        "You're enrolled in %(course)s (%(program)s). Start here: %(url)s",
        course=hit.title,
        program=hit.program_name,
        url=hit.url,
    )
    if not can_text(context):
        reminders = by_text_only(context, N_("Reminders"), N_("ENROLL %(code)s"), code=hit.code)
        return Reply([enrolled, reminders]).set(pending=None, selected_course=hit.code)
    return Reply([enrolled, _(CONSENT_QUESTION)]).set(
        pending="reminder_consent", selected_course=hit.code
    )


def after_eligibility(session: Session, context: Context) -> Reply:
    """Finish the eligibility questions: record, tell the outcome, resume an enrollment."""
    person = person_for(session, context)
    evaluation = record(session, person, known_answers(session, person, context.slots))
    outcome = outcome_lines(evaluation, context.translate)
    reply = Reply(pack_lines(outcome)).set(pending=None, **{FRESH_SLOT: None})
    code = context.slot("selected_course")
    if context.slot("pending") == "eligibility" and code:
        hit = course_by_code(session, code)
        if hit and evaluation.status == ELIGIBLE and hit.program_code in evaluation.programs:
            enrolled = _enroll_now(session, context, person, hit)
            return Reply(reply.messages[:1] + enrolled.messages, {**reply.slots, **enrolled.slots})
        if hit:
            return _not_open(hit, evaluation, context.translate)
    return reply


def set_reminder_consent(session: Session, context: Context, consent: bool) -> Reply:
    """Record whether the person wants reminder texts for their latest enrollment."""
    _ = context.translate
    person = person_for(session, context)
    enrollment = enrollments.latest_open(session, person)
    if enrollment is None:
        return Reply([_("You have no open course right now. Reply COURSES to find one.")])
    enrollments.set_reminders(session, person, enrollment, consent)
    if consent:
        text = _(
            "Great, I'll text you reminders until you finish. Reply DONE when you complete it."
        )
    else:
        text = _("OK, no reminders. Reply DONE when you finish the course.")
    return Reply([text]).set(pending=None)


def complete(session: Session, context: Context, now: datetime | None = None) -> Reply:
    """Mark the latest open enrollment complete; suggest the next credential and jobs."""
    _ = context.translate
    person = person_for(session, context)
    enrollment = enrollments.latest_open(session, person)
    if enrollment is None:
        return Reply([_("I don't see a course you're enrolled in. Reply COURSES to find one.")])
    enrollments.complete(session, enrollment, now)
    course = session.get(Course, enrollment.course_id)
    hit = course_by_code(session, course.code)
    done = _("Congratulations on finishing %(course)s!", course=course.title)
    if course.credential:
        done += " " + _("You earned the %(credential)s.", credential=course.credential)
    town = home_town(session, person)
    # What the credential leads to, and what those jobs pay near the person (statewide
    # without a town), in the same text when it fits.
    outcomes = course_outcomes(session, course.code, town, _.language)
    leads = outcomes_text(outcomes, _.language)
    reply = Reply(pack_lines([done, leads + "."] if leads else [done])).set(pending=None)
    step = next_step(session, course.code, town, _.language)
    if step:
        reply.say(next_step_text(step, _.language) + " " + _("Reply ENROLL to sign up."))
        reply.set(selected_course=step.course.code)
    if town and hit:
        jobs = _jobs_it_leads_to(session, hit, outcomes, town, now)
        if jobs.hits:
            lines = [_("Jobs near %(town)s that use %(topic)s skills:", town=town, topic=hit.topic)]
            lines += [summary_line(i, h, now, _.language) for i, h in enumerate(jobs.hits, start=1)]
            lines.append(_("Reply %(first)s-%(last)s for details.", first=1, last=len(jobs.hits)))
            reply.messages += pack_lines(lines)
            reply.set(last_list="jobs", last_ids=[h.id for h in jobs.hits], location=town)
    return reply


def _jobs_it_leads_to(session: Session, hit: CourseHit, outcomes, town: str, now):
    """Two postings near ``town`` for the course's occupations (their job words, the
    best-paid first), else for its topic. A suggestion, not a search the person made:
    not logged, never widened."""
    ranked = sorted(
        (o for o in outcomes if o.keyword),
        key=lambda o: -(o.pay.hourly_median or 0) if o.pay else 0,
    )
    for keyword in [*(o.keyword for o in ranked), hit.topic]:
        jobs = search_jobs(session, JobQuery(keyword=keyword, place=town, page_size=2), now)
        if jobs.hits:
            return jobs
    return jobs


def stop_reminders(session: Session, context: Context) -> Reply:
    """Stop course reminders for this person (not an SMS opt-out) and confirm."""
    _ = context.translate
    enrollments.stop_reminders(session, person_for(session, context))
    return Reply(
        [
            _(
                "OK, no more course reminders. You can still text me any time. "
                "Reply DONE when you finish."
            )
        ]
    ).set(pending=None)
