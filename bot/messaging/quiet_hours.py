"""Connecticut's calling window: proactive texts only 9:00-20:00 local time."""

from __future__ import annotations

import os
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("America/New_York")


def _window(text: str) -> tuple[time, time]:
    """``HH:MM-HH:MM`` as two times; ``24:00`` ends at midnight."""
    start, end = (part.strip() for part in text.split("-"))
    parse = lambda value: time.max if value == "24:00" else time.fromisoformat(value)  # noqa: E731
    return parse(start), parse(end)


# Connecticut's limit is 9:00-20:00. SMS_SEND_WINDOW exists for test set-ups that
# must send at any hour; production leaves it unset.
WINDOW_START, WINDOW_END = _window(os.environ.get("SMS_SEND_WINDOW", "09:00-20:00"))


def next_allowed(now: datetime) -> datetime | None:
    """None if a proactive text may go out at ``now`` (naive UTC); otherwise the
    naive-UTC moment the window next opens."""
    local = now.replace(tzinfo=timezone.utc).astimezone(LOCAL_ZONE)
    if WINDOW_START <= local.time() < WINDOW_END:
        return None
    day = local.date() if local.time() < WINDOW_START else local.date() + timedelta(days=1)
    opens = datetime.combine(day, WINDOW_START, tzinfo=LOCAL_ZONE)
    return opens.astimezone(timezone.utc).replace(tzinfo=None)
