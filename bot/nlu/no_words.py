"""A message with no letters or digits ("???", "...") is not understood.

Rasa's tokenizer drops punctuation, so such a message reaches the classifier with
no features at all and comes out as whatever intent an empty input scores highest
(here "affirm": "???" read as yes). This component runs after the classifiers and
turns such messages into ``nlu_fallback``, so the assistant asks to rephrase.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

FALLBACK_INTENT = "nlu_fallback"


def has_words(text: str) -> bool:
    """True if ``text`` holds at least one letter or digit."""
    return any(char.isalnum() for char in text)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class NoWordsFallback(GraphComponent):
    """Marks messages without words as not understood."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NoWordsFallback:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``nlu_fallback`` on every message without a letter or digit."""
        for message in messages:
            if not has_words(message.get(TEXT) or ""):
                message.set(
                    INTENT,
                    {INTENT_NAME_KEY: FALLBACK_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0},
                    add_to_output=True,
                )
        return messages
