"""``bot`` is the domain core: everything in it imports without Rasa, rasa-sdk or
TensorFlow, except the few modules that exist to plug into Rasa."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from bot.config import PROJECT_ROOT

# Loaded by Rasa itself: the NLU pipeline components (config.yml) and the tracker and
# lock stores (endpoints.yml).
RASA_FACING = ("bot.nlu", "bot.rasa_stores")

CHECK = textwrap.dedent(
    """
    import importlib, importlib.abc, pkgutil, sys, traceback

    REFUSED = ("rasa", "rasa_sdk", "tensorflow")
    RASA_FACING = {rasa_facing!r}

    class RefuseRasa(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in REFUSED:
                raise ImportError(f"{{name}} is refused here")
            return None

    sys.meta_path.insert(0, RefuseRasa())
    import bot

    failures = []
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        name = module.name
        if name.startswith(RASA_FACING) or name.startswith("bot.db.migrations"):
            continue
        try:
            importlib.import_module(name)
        except ImportError as exc:
            failures.append(f"{{name}}: {{exc}}")
    print("\\n".join(failures))
    sys.exit(1 if failures else 0)
    """
)


def test_every_module_of_bot_but_the_rasa_facing_ones_imports_without_rasa():
    code = CHECK.format(rasa_facing=RASA_FACING)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, "these modules pull Rasa in:\n" + result.stdout + result.stderr
