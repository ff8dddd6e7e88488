"""Imports point down: the lower floors of bot/ never import the layers above them.

Every module's imports are read with ``ast`` (imports inside functions included), so
a forbidden import fails here, with its file and line, before it can tangle the layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ABOVE = ("bot.dialogue", "actions", "channels", "bot.web", "bot.staff")
# Floor (a package or module of bot/) -> what it must never import.
FORBIDDEN = {
    "bot/messaging": ABOVE + ("bot.learners",),
    "bot/geo": ABOVE,
    "bot/jobs": ABOVE,
    "bot/db": ABOVE,
    "bot/wages": ABOVE + ("bot.learners",),
    # The bottom floor: everything may use it, it uses nothing of the project.
    "bot/text.py": ("bot", "actions", "channels"),
}


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(root: Path, path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import in ``path`` (a file under ``root``);
    ``from a import b`` yields ``a.b`` too, as ``b`` may be a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(root, path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def _within(name: str, layer: str) -> bool:
    return name == layer or name.startswith(layer + ".")


def violations(floor: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    """Each forbidden import under ``floor`` as "file:line imports module (layer)"."""
    target = root / floor
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    found = []
    for path in files:
        seen: set[tuple[int, str]] = set()
        for line, name in imports(root, path):
            layer = next((layer for layer in forbidden if _within(name, layer)), None)
            if layer and (line, layer) not in seen:
                seen.add((line, layer))
                found.append(f"{path.relative_to(root)}:{line} imports {name} ({layer})")
    return found


@pytest.mark.parametrize("floor", sorted(FORBIDDEN))
def test_lower_floors_never_import_the_layers_above(floor):
    found = violations(floor, FORBIDDEN[floor])
    assert not found, f"{floor} must not import {', '.join(FORBIDDEN[floor])}:\n" + "\n".join(found)


def test_the_check_sees_every_kind_of_import(tmp_path):
    floor = tmp_path / "bot" / "messaging"
    floor.mkdir(parents=True)
    (floor / "__init__.py").write_text("")
    (floor / "sneaky.py").write_text(
        "import bot.web.chat\n"
        "from bot import dialogue\n"
        "from ..learners import follow_ups\n"
        "def later():\n"
        "    from channels.twilio_sms import TwilioSmsInput\n"
        "from bot.messaging import gate\n"
    )
    found = violations("bot/messaging", FORBIDDEN["bot/messaging"], root=tmp_path)
    assert found == [
        "bot/messaging/sneaky.py:1 imports bot.web.chat (bot.web)",
        "bot/messaging/sneaky.py:2 imports bot.dialogue (bot.dialogue)",
        "bot/messaging/sneaky.py:3 imports bot.learners (bot.learners)",
        "bot/messaging/sneaky.py:5 imports channels.twilio_sms (channels)",
    ]
