"""Only the first ``MAX_CHARS`` characters of a message reach the model.

The entity model's time and memory grow with the square of a message's length: one
60,000-character message held Rasa for 12 s at 7.2 GB. The channels refuse long
messages already (a text over 1,600 characters, a chat message over 1,000); this
component, first in the pipeline, caps whatever else arrives (Rasa's HTTP API, a
channel added later) before anything tokenizes it.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

MAX_CHARS = 1600


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class LengthCap(GraphComponent):
    """Cuts every message to its first ``max_chars`` characters."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"max_chars": MAX_CHARS}

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LengthCap:
        return cls(int(config["max_chars"]))

    def process(self, messages: list[Message]) -> list[Message]:
        """Cap each message's text."""
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and len(text) > self.max_chars:
                message.set(TEXT, text[: self.max_chars])
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples are short: nothing to do."""
        return training_data
