"""What a dialogue step knows about the conversation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.i18n import DEFAULT_LANGUAGE, Translator, translator
from bot.text import fold

_NUMBER = re.compile(r"\b(\d{1,2})\b")
# Ordinals that pick from a list ("the second one", "el segundo"), as folded words.
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "1st": 1, "2nd": 2, "3rd": 3,
    "primero": 1, "primera": 1, "primer": 1, "segundo": 2, "segunda": 2, "tercero": 3,
    "tercera": 3, "tercer": 3, "1ro": 1, "1ra": 1, "1er": 1, "2do": 2, "2da": 2, "3ro": 3,
    "3ra": 3, "3er": 3,
}  # fmt: skip


@dataclass
class Context:
    """The person (channel + address), their latest message (text, intent, entities),
    the conversation's slots and the person's last few messages."""

    channel: str
    address: str
    text: str = ""
    intent: str | None = None
    # How sure the language model is of ``intent`` (0-1).
    confidence: float = 1.0
    entities: dict[str, str] = field(default_factory=dict)
    slots: dict[str, Any] = field(default_factory=dict)
    recent_texts: list[str] = field(default_factory=list)
    # The conversation's language ("en", "es"): every reply is in it.
    language: str = DEFAULT_LANGUAGE
    # True while the assistant has not yet said anything in this conversation.
    first_reply: bool = False

    @property
    def translate(self) -> Translator:
        """The conversation's translator: ``_ = context.translate; _("Jobs near %(town)s",
        town=town)``."""
        return translator(self.language)

    def slot(self, name: str) -> Any:
        """A slot's value, or None."""
        return self.slots.get(name)

    def option_number(self) -> int | None:
        """The list number the person picked ("2", "#2", "the second one", "INSCRIBIR 2",
        "el segundo"), if any."""
        lowered = fold(self.text.replace("#", " "))
        for word, number in _ORDINALS.items():
            if re.search(rf"\b{word}\b", lowered):
                return number
        match = _NUMBER.search(lowered)
        return int(match.group(1)) if match else None

    def listed_before(self, listed: str, page: int, page_size: int) -> list:
        """The ids the earlier pages of the ``listed`` list ("jobs", "courses") showed,
        so that page ``page`` numbers on from them (4-6 after 1-3); none on the first
        page, or when the earlier pages are not all remembered."""
        ids = list(self.slot("last_ids") or [])
        if page > 1 and self.slot("last_list") == listed and len(ids) == (page - 1) * page_size:
            return ids
        return []
