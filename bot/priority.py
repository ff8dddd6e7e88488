"""CPU priority of threads (Linux keeps a nice value per thread).

The Rasa process answers Twilio's webhooks on its main loop and runs conversations on
other threads. On a busy machine the webhook must not wait for a core behind
conversation work, so everything but the answering loop runs at a lower priority.
Elsewhere than Linux, or where it is not allowed, these do nothing.
"""

from __future__ import annotations

import os
import threading

from bot.config import load_settings


def _renice(thread_id: int, niceness: int) -> bool:
    try:
        os.setpriority(os.PRIO_PROCESS, thread_id, niceness)
    except (AttributeError, OSError):
        return False
    return True


def lower_other_threads(niceness: int | None = None) -> int:
    """Lower every other thread of this process that exists now (for example the
    model's compute pools) to ``niceness`` (BACKGROUND_NICENESS by default); returns
    how many were lowered."""
    if niceness is None:
        niceness = load_settings().background_niceness
    me = threading.get_native_id()
    try:
        threads = [int(name) for name in os.listdir("/proc/self/task")]
    except OSError:
        return 0
    return sum(_renice(tid, niceness) for tid in threads if tid != me)
