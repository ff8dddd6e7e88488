"""The project's own NLU components, trained, stored and loaded the way Rasa does."""

from __future__ import annotations

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix

from bot.nlu.linear_intents import LinearIntentClassifier

CONFIG = {"C": 30, "class_weight": None, "max_iter": 3000}
# A two-word vocabulary: "jobs" and "bye".
EXAMPLES = [([3, 0], "find_jobs"), ([1, 0], "find_jobs"), ([0, 1], "goodbye"), ([0, 2], "goodbye")]


def _message(counts: list[int], intent: str | None = None) -> Message:
    message = Message(data={"text": "x", **({"intent": intent} if intent else {})})
    features = csr_matrix(np.array([counts], dtype=float))
    message.add_features(Features(features, "sentence", "text", "test"))
    return message


def test_a_trained_intent_classifier_survives_storing_and_loading(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("intents")
    context = ExecutionContext(GraphSchema({}), node_name="intents")
    trained = LinearIntentClassifier.create(
        {**LinearIntentClassifier.get_default_config(), **CONFIG}, storage, resource, context
    )
    trained.train(TrainingData([_message(counts, intent) for counts, intent in EXAMPLES]))

    # Rasa falls back to an untrained classifier when it cannot load the stored one.
    loaded = LinearIntentClassifier.load(
        {**LinearIntentClassifier.get_default_config(), **CONFIG}, storage, resource, context
    )
    [jobs, bye] = loaded.process([_message([2, 0]), _message([0, 3])])
    assert jobs.get("intent")["name"] == "find_jobs"
    assert bye.get("intent")["name"] == "goodbye"
    assert [entry["name"] for entry in jobs.get("intent_ranking")] == ["find_jobs", "goodbye"]
    assert loaded.clf.C == 30
    assert loaded.clf.class_weight is None
