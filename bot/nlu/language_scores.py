"""Intent macro-F1 per language, from the predictions of an NLU cross-validation.

Each training file holds one language: ``data/nlu_<language>.yml`` (``nlu_es.yml``)
holds that language's examples, any other file English. An example's language is
the language of the file its text comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml
from sklearn.metrics import f1_score

DEFAULT_LANGUAGE = "en"
_LANGUAGE_FILE = re.compile(r"nlu_([a-z]{2})\.ya?ml")
# "[hartford](location)" and '[bodega]{"entity": ...}' are "hartford" and "bodega" in the text.
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def language_of_file(path: Path) -> str:
    """The language a training file holds: ``nlu_es.yml`` is "es", anything else English."""
    match = _LANGUAGE_FILE.fullmatch(path.name)
    return match.group(1) if match else DEFAULT_LANGUAGE


def example_texts(path: Path) -> list[str]:
    """The plain texts of the intent examples in a Rasa YAML training file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    texts = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                texts.append(_ANNOTATION.sub(r"\1", line[2:]).strip())
    return texts


def example_languages(files: Iterable[Path]) -> dict[str, str]:
    """Text -> language of every intent example in ``files``."""
    return {text: language_of_file(path) for path in files for text in example_texts(path)}


def macro_f1_by_language(
    predictions: Iterable[Mapping], languages: Mapping[str, str]
) -> dict[str, float]:
    """Intent macro-F1 of each language's examples.

    ``predictions`` are the entries of Rasa's intent_successes.json and
    intent_errors.json (text, intent, intent_prediction.name); the average is over
    the intents expected or predicted within that language, as Rasa's intent_report does.
    """
    expected: dict[str, list[str]] = {}
    predicted: dict[str, list[str]] = {}
    for entry in predictions:
        language = languages.get(entry["text"], DEFAULT_LANGUAGE)
        expected.setdefault(language, []).append(entry["intent"])
        predicted.setdefault(language, []).append(
            (entry.get("intent_prediction") or {}).get("name") or "None"
        )
    return {
        language: float(
            f1_score(expected[language], predicted[language], average="macro", zero_division=0)
        )
        for language in sorted(expected)
    }
