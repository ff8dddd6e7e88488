"""The Spanish NLU data (data/nlu_es.yml) covers what the English data covers."""

from __future__ import annotations

import re

import yaml

from bot.config import PROJECT_ROOT
from bot.nlu.language_scores import example_texts

DATA = PROJECT_ROOT / "data"
MIN_EXAMPLES = 25


def _examples_by_intent(name: str) -> dict[str, str]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return {block["intent"]: block["examples"] for block in data["nlu"] if "intent" in block}


def test_every_intent_has_spanish_examples_enough_to_learn_it():
    english, spanish = _examples_by_intent("nlu.yml"), _examples_by_intent("nlu_es.yml")
    thin = {
        intent: len(spanish.get(intent, "").splitlines())
        for intent in english
        if len(spanish.get(intent, "").splitlines()) < MIN_EXAMPLES
    }
    assert thin == {}


def test_every_entity_of_the_english_data_is_in_the_spanish_data():
    def entities(name: str) -> set[str]:
        text = (DATA / name).read_text(encoding="utf-8")
        return set(re.findall(r"\]\((\w+)\)", text)) | set(
            re.findall(r'\]\{"entity": "(\w+)"', text)
        )

    assert entities("nlu.yml") <= entities("nlu_es.yml")


def test_no_example_is_in_both_languages():
    # An example's file gives its language in `make nlu-eval`: one text, one language.
    english = {text.lower() for text in example_texts(DATA / "nlu.yml")}
    spanish = {text.lower() for text in example_texts(DATA / "nlu_es.yml")}
    assert english & spanish == set()
