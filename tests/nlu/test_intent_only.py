"""`nlu-eval --intents-only` scores the project's intent pipeline without entity extraction."""

from __future__ import annotations

import pytest
import yaml

from bot.config import PROJECT_ROOT
from bot.nlu.intent_only import intent_only_config, write_intent_only_config


def _names(config: dict) -> list[str]:
    return [component["name"] for component in config["pipeline"]]


def test_the_proxy_of_the_project_config_keeps_every_intent_component(tmp_path):
    source = PROJECT_ROOT / "config.yml"
    written = write_intent_only_config(source, tmp_path / "proxy.yml")

    original, proxy = yaml.safe_load(source.read_text()), yaml.safe_load(written.read_text())
    assert "DIETClassifier" not in _names(proxy)
    assert _names(proxy) == [
        name for name in _names(original) if name not in {"DIETClassifier", "EntitySynonymMapper"}
    ]
    # The intent features and classifier are the very same, settings included.
    assert [c for c in proxy["pipeline"] if c["name"].endswith("LinearIntentClassifier")] == [
        c for c in original["pipeline"] if c["name"].endswith("LinearIntentClassifier")
    ]


def test_a_config_whose_diet_classifies_intents_has_no_intent_only_proxy():
    config = {"pipeline": [{"name": "WhitespaceTokenizer"}, {"name": "DIETClassifier"}]}
    with pytest.raises(ValueError):
        intent_only_config(config)
