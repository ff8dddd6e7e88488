"""Connecticut's calling window: proactive texts only 9:00-20:00 local time."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("America/New_York")
WINDOW_START = time(9, 0)
WINDOW_END = time(20, 0)


def next_allowed(now: datetime) -> datetime | None:
    """None if a proactive text may go out at ``now`` (naive UTC); otherwise the
    naive-UTC moment the window next opens."""
    local = now.replace(tzinfo=timezone.utc).astimezone(LOCAL_ZONE)
    if WINDOW_START <= local.time() < WINDOW_END:
        return None
    day = local.date() if local.time() < WINDOW_START else local.date() + timedelta(days=1)
    opens = datetime.combine(day, WINDOW_START, tzinfo=LOCAL_ZONE)
    return opens.astimezone(timezone.utc).replace(tzinfo=None)
