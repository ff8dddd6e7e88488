"""A per-number limit on inbound texts, so one flooding phone cannot crowd out others."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol


class Limiter(Protocol):
    """What the SMS channel and the chat need of a rate limit."""

    def allow(self, number: str) -> bool:
        """Count one message from ``number``; False if it is over the limit."""

    def should_warn(self, number: str) -> bool:
        """True once per window for a number over the limit."""


class RateLimiter:
    """At most ``limit`` messages per number in any ``window`` seconds."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._warned: dict[str, float] = {}
        self._lock = threading.Lock()  # channels call it from worker threads

    def allow(self, number: str) -> bool:
        """Count one message from ``number``; False if it is over the limit."""
        with self._lock:
            return self._allow(number)

    def _allow(self, number: str) -> bool:
        now = self.clock()
        seen = self._seen.setdefault(number, deque())
        while seen and now - seen[0] >= self.window:
            seen.popleft()
        if len(seen) >= self.limit:
            return False
        seen.append(now)
        if len(self._seen) > 10_000:
            self._forget_idle(now)
        return True

    def should_warn(self, number: str) -> bool:
        """True once per window for a number over the limit: it gets one polite text."""
        with self._lock:
            return self._should_warn(number)

    def _should_warn(self, number: str) -> bool:
        now = self.clock()
        last = self._warned.get(number)
        if last is not None and now - last < self.window:
            return False
        self._warned[number] = now
        return True

    def _forget_idle(self, now: float) -> None:
        for number in [
            n for n, seen in self._seen.items() if not seen or now - seen[-1] >= self.window
        ]:
            self._seen.pop(number, None)
            self._warned.pop(number, None)
