"""The assistant's static files agree with the code and the reference data."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.cli import LOOKUP_FILE, location_lookup_yaml
from bot.dialogue.alerts import QUESTIONS
from bot.dialogue.eligibility import question_slots
from bot.dialogue.small_talk import ANSWERS
from bot.eligibility import default_rules
from bot.i18n import LANGUAGES, translator
from bot.messaging.text import GSM_CHARACTERS, sms_safe

DOMAIN = yaml.safe_load(Path("domain.yml").read_text(encoding="utf-8"))
CONTRACT_INTENTS = {
    "greet", "goodbye", "affirm", "deny", "thank", "help", "bot_challenge", "out_of_scope",
    "find_jobs", "more_results", "subscribe_job_alerts", "check_eligibility", "find_courses",
    "enroll_course", "course_completed", "stop_reminders", "about_program",
    "unemployment_claim", "human_handoff", "inform",
}  # fmt: skip


def test_every_contract_intent_and_entity_is_in_the_domain():
    assert set(DOMAIN["intents"]) >= CONTRACT_INTENTS
    assert {"location", "job_keyword", "course_topic"} <= set(DOMAIN["entities"])


def test_the_domain_holds_no_texts_and_every_fixed_answer_fits_a_text_in_each_language():
    # Every reply comes from the message catalog (bot/i18n), through an action.
    assert "responses" not in DOMAIN
    for action, text in ANSWERS.items():
        assert action in DOMAIN["actions"]
        for language in LANGUAGES:
            sent = sms_safe(translator(language)(text))
            assert len(sent) <= 320, (language, action)
            assert all(char in GSM_CHARACTERS for char in sent), (language, action)


def test_eligibility_form_asks_every_question_of_the_rules_file():
    assert DOMAIN["forms"]["eligibility_form"]["required_slots"] == question_slots()
    for slot in question_slots():
        assert f"action_ask_{slot}" in DOMAIN["actions"]
        assert slot in DOMAIN["slots"]
    for question in default_rules().questions:
        assert len(question.text) <= 160 and question.text.isascii()


def test_job_alert_form_asks_with_actions_that_exist():
    assert DOMAIN["forms"]["job_alert_form"]["required_slots"] == list(QUESTIONS)
    for slot in QUESTIONS:
        assert f"action_ask_{slot}" in DOMAIN["actions"]


def test_the_location_lookup_table_is_generated_from_the_geography_data():
    assert LOOKUP_FILE.read_text(encoding="utf-8") == location_lookup_yaml(), (
        "run `python -m bot.cli nlu-lookups` after changing bot/geo"
    )


def test_the_action_server_serves_exactly_the_domain_actions():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == set(DOMAIN["actions"])


def test_make_test_runs_every_test_story():
    """`rasa test core` reads only files named test_*: a story file named otherwise
    would be evaluated as zero stories, and pass."""
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import (
        YAMLStoryReader,
    )

    makefile = Path("Makefile").read_text(encoding="utf-8")
    files = re.findall(r"rasa test core .*?--stories (\S+)", makefile)
    assert sorted(files) == sorted(str(p) for p in Path("tests/dialogue").glob("test_stories*.yml"))
    least = {"tests/dialogue/test_stories.yml": 40, "tests/dialogue/test_stories_es.yml": 12}
    for stories in files:
        assert YAMLStoryReader.is_test_stories_file(stories), stories
        steps = YAMLStoryReader().read_from_file(stories)
        assert len(steps) >= least[stories], f"{stories} holds {len(steps)} stories"
