"""What people asked for, in plain words: the assistant's intent names as staff read
them ("find_jobs" -> "Find jobs"). The one table of labels; every staff page that
shows an intent goes through :func:`intent_label`."""

from __future__ import annotations

# Every intent in domain.yml (tests/staff check that none is missing), and the names
# Rasa itself may record.
INTENT_LABELS = {
    "greet": "Said hello",
    "goodbye": "Said goodbye",
    "affirm": "Said yes",
    "deny": "Said no",
    "thank": "Said thanks",
    "help": "Asked for help",
    "bot_challenge": "Asked if it is a bot",
    "out_of_scope": "Asked about something else",
    "find_jobs": "Find jobs",
    "refine_search": "Narrow a job search",
    "more_results": "More results",
    "choose_option": "Picked a numbered option",
    "subscribe_job_alerts": "Sign up for job alerts",
    "check_eligibility": "Check eligibility for free training",
    "find_courses": "Find courses",
    "enroll_course": "Enroll in a course",
    "course_completed": "Finished a course",
    "stop_reminders": "Stop course reminders",
    "about_program": "About the program",
    "unemployment_claim": "Unemployment claim",
    "human_handoff": "Talk to a person",
    "forget_me": "Erase my data",
    "opt_out": "Stop texts",
    "inform": "Gave details (a town, a job, a topic)",
    "cancel_request": "Cancel what was asked",
    "list_alerts": "List job alerts",
    "cancel_alerts": "Cancel job alerts",
    "why_ask": "Why is this asked",
    "lost_job": "Lost a job",
    "ask_resume": "Help with a resume",
    "ask_how_to_apply": "How to apply",
    "ask_phone_use": "Using the phone service",
    "switch_language": "Switch language",
    "ask_pay": "What a job pays",
    "ask_training": "Training for a job",
    "EXTERNAL_course_reminder": "Course reminder (sent by the service)",
    "EXTERNAL_job_alert": "Job alert (sent by the service)",
    "nlu_fallback": "Not understood",
    "(none)": "No intent recorded",
}


def intent_label(name: str | None) -> str:
    """The plain label of intent ``name``; an unknown name is shown made readable
    ("new_intent" -> "New intent") rather than raw."""
    if not name:
        return INTENT_LABELS["(none)"]
    if name in INTENT_LABELS:
        return INTENT_LABELS[name]
    return name.replace("_", " ").strip().capitalize()
