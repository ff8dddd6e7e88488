"""What a dialogue step returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reply:
    """Texts to send, in order, and slots to set on the conversation."""

    messages: list[str] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    # Names the texts for the outbound gate (a follow-up's key), so a retried
    # delivery never sends them twice.
    key: str | None = None
    # The one confirmation of an opt-out: it goes out although the number just
    # opted out (the outbound gate's "compliance" kind).
    compliance: bool = False
    # An action to run right after this reply, e.g. a form to start ("eligibility_form")
    # when a numbered menu pick or a left form hands over to it.
    then: str | None = None

    def say(self, *texts: str) -> Reply:
        """Append texts; returns self so calls can be chained."""
        self.messages.extend(t for t in texts if t)
        return self

    def say_first(self, text: str) -> Reply:
        """Put ``text`` before the texts already in the reply; returns self."""
        self.messages.insert(0, text)
        return self

    def followed_by(self, action: str) -> Reply:
        """Run ``action`` after this reply; returns self."""
        self.then = action
        return self

    def set(self, **slots: Any) -> Reply:
        """Record slot updates; returns self."""
        self.slots.update(slots)
        return self
