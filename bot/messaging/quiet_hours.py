"""Connecticut's calling window: proactive texts only 9:00-20:00 local time."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from bot.clock import LOCAL_ZONE

__all__ = ["LOCAL_ZONE", "next_allowed"]


def next_allowed(now: datetime, window: tuple[time, time]) -> datetime | None:
    """None if a proactive text may go out at ``now`` (naive UTC) within ``window``
    (local start and end, ``Settings.sms_send_window``); otherwise the naive-UTC moment
    the window next opens."""
    start, end = window
    local = now.replace(tzinfo=timezone.utc).astimezone(LOCAL_ZONE)
    if start <= local.time() < end:
        return None
    day = local.date() if local.time() < start else local.date() + timedelta(days=1)
    opens = datetime.combine(day, start, tzinfo=LOCAL_ZONE)
    return opens.astimezone(timezone.utc).replace(tzinfo=None)
