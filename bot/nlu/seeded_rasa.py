"""Run Rasa's command line with NumPy's global random state seeded first.

``rasa test nlu --cross-validation`` splits the data with an unseeded shuffle, so
each run scores different folds and the figure moves by about 0.005 between runs.
Seeding makes ``make nlu-eval`` repeatable:

    python -m bot.nlu.seeded_rasa SEED test nlu --cross-validation ...
"""

from __future__ import annotations

import random
import sys

import numpy


def seed_global_random_state(seed: int) -> None:
    """Seed Python's and NumPy's global random generators."""
    random.seed(seed)
    numpy.random.seed(seed)


def main(argv: list[str]) -> None:
    """Seed with ``argv[0]``, then run ``rasa`` with the rest of ``argv``."""
    seed_global_random_state(int(argv[0]))
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])
