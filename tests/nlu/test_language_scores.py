"""Intent macro-F1 per language, as `make nlu-eval` prints it."""

from __future__ import annotations

import json

import pytest

from bot.nlu.language_scores import example_languages, macro_f1_by_language

ENGLISH = """version: "3.1"
nlu:
  - intent: find_jobs
    examples: |
      - jobs in [hartford](location)
      - any [warehouse](job_keyword) jobs
  - intent: goodbye
    examples: |
      - bye
      - see you
  - synonym: daily
    examples: |
      - every day
"""
SPANISH = """version: "3.1"
nlu:
  - intent: find_jobs
    examples: |
      - busco trabajo en [hartford](location)
      - trabajo de [bodega]{"entity": "job_keyword", "value": "warehouse"}
  - intent: goodbye
    examples: |
      - chao
      - hasta luego
"""


def _prediction(text: str, intent: str, predicted: str) -> dict:
    return {"text": text, "intent": intent, "intent_prediction": {"name": predicted}}


@pytest.fixture
def languages(tmp_path):
    (tmp_path / "nlu.yml").write_text(ENGLISH)
    (tmp_path / "nlu_es.yml").write_text(SPANISH)
    return example_languages(sorted(tmp_path.glob("*.yml")))


def test_each_example_takes_the_language_of_its_file_without_its_annotations(languages):
    assert languages == {
        "jobs in hartford": "en",
        "any warehouse jobs": "en",
        "bye": "en",
        "see you": "en",
        "busco trabajo en hartford": "es",
        "trabajo de bodega": "es",
        "chao": "es",
        "hasta luego": "es",
    }


def test_a_spanish_mistake_lowers_the_spanish_figure_only(languages, tmp_path):
    # As Rasa writes them: intent_successes.json and intent_errors.json.
    (tmp_path / "successes.json").write_text(
        json.dumps(
            [
                _prediction("jobs in hartford", "find_jobs", "find_jobs"),
                _prediction("any warehouse jobs", "find_jobs", "find_jobs"),
                _prediction("bye", "goodbye", "goodbye"),
                _prediction("see you", "goodbye", "goodbye"),
                _prediction("busco trabajo en hartford", "find_jobs", "find_jobs"),
                _prediction("trabajo de bodega", "find_jobs", "find_jobs"),
                _prediction("chao", "goodbye", "goodbye"),
            ]
        )
    )
    (tmp_path / "errors.json").write_text(
        json.dumps([_prediction("hasta luego", "goodbye", "find_jobs")])
    )
    predictions = [
        *json.loads((tmp_path / "successes.json").read_text()),
        *json.loads((tmp_path / "errors.json").read_text()),
    ]

    scores = macro_f1_by_language(predictions, languages)

    # Spanish find_jobs: precision 2/3, recall 1 -> F1 0.8; goodbye: precision 1,
    # recall 1/2 -> F1 2/3; their mean is 11/15.
    assert scores == {"en": 1.0, "es": pytest.approx(11 / 15)}


def test_an_intent_predicted_only_by_mistake_counts_in_the_average(languages):
    predictions = [
        _prediction("chao", "goodbye", "goodbye"),
        _prediction("hasta luego", "goodbye", "nlu_fallback"),
    ]
    # goodbye: F1 2/3; nlu_fallback: F1 0 -> mean 1/3, as Rasa's intent_report averages.
    assert macro_f1_by_language(predictions, languages) == {"es": pytest.approx(1 / 3)}
