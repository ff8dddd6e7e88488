"""The texts the code and the templates mark for translation, and the catalogs' gaps.

``python -m bot.cli messages`` adds new texts to every catalog and lists the ones
still without a translation; tests/i18n/test_catalog.py fails while any is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, po_path

ROOT = Path(__file__).resolve().parents[2]
# Where marked texts live, and how each kind of file is read.
SOURCES = ("bot", "actions", "channels")
METHODS = [
    ("**/tests/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2"),
    ("**/eligibility/rules.yml", "bot.i18n.extract:yaml_texts"),
]
# Data files whose texts people read: the keys that hold such texts (program staff
# write them in English in the file; the catalogs translate them where they are used).
OPTIONS = {
    "**/eligibility/rules.yml": {
        "keys": "description text explain reason_if_no reason next_step message "
        "no_basis_reason what_would_help"
    },
}
# The marking functions: _("..."), N_("..."), t.plural("one", "many", n) and the
# gettext/ngettext names Flask-Babel gives templates.
KEYWORDS = {"_": None, "N_": None, "gettext": None, "plural": (1, 2), "ngettext": (1, 2)}


@dataclass(frozen=True)
class Gap:
    """A text a catalog lacks or leaves untranslated."""

    language: str
    message: str
    where: str


def marked_texts(root: Path = ROOT) -> Catalog:
    """Every marked text of the project, with where it is used."""
    template = Catalog(domain=DOMAIN)
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            root / folder, METHODS, OPTIONS, keywords=KEYWORDS, strip_comment_tags=True
        ):
            template.add(
                message,
                locations=[(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def yaml_texts(
    fileobj: BinaryIO, keywords: object, comment_tags: object, options: dict[str, str]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """A Babel extraction method for YAML data: every text held under one of the keys
    named in ``options["keys"]``, with its line."""
    keys = set(options.get("keys", "").split())
    stack = [yaml.compose(fileobj.read().decode("utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value in keys and isinstance(value, yaml.ScalarNode) and value.value:
                    yield value.start_mark.line + 1, None, value.value, []
                else:
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def read_catalog(language: str) -> Catalog:
    """``language``'s catalog as it is on disk."""
    with po_path(language).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def gaps(root: Path = ROOT) -> list[Gap]:
    """Every marked text some translated language lacks, is fuzzy on, or leaves empty."""
    template = marked_texts(root)
    found: list[Gap] = []
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        catalog = read_catalog(language)
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id, context=message.context)
            strings = translated.string if translated else None
            texts = strings if isinstance(strings, tuple) else (strings,)
            if translated is None or translated.fuzzy or not all(texts):
                where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])
                key = message.id if isinstance(message.id, str) else message.id[0]
                found.append(Gap(language, key, where))
    return found


def update_catalogs(root: Path = ROOT) -> None:
    """Add every new marked text to each translated catalog (untranslated) and drop
    texts no longer used, keeping every translation that still applies."""
    template = marked_texts(root)
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        catalog = read_catalog(language)
        created = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True)
        # Kept, so that a run that finds nothing new leaves the file as it was.
        catalog.creation_date = created
        with po_path(language).open("wb") as po:
            write_po(
                po,
                catalog,
                width=88,
                omit_header=False,
                ignore_obsolete=True,
                include_previous=False,
            )
