"""Connecticut's calling window: proactive texts only 9:00-20:00 local time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.config import load_settings

LOCAL_ZONE = ZoneInfo("America/New_York")


def next_allowed(now: datetime) -> datetime | None:
    """None if a proactive text may go out at ``now`` (naive UTC); otherwise the
    naive-UTC moment the window next opens."""
    start, end = load_settings().sms_send_window
    local = now.replace(tzinfo=timezone.utc).astimezone(LOCAL_ZONE)
    if start <= local.time() < end:
        return None
    day = local.date() if local.time() < start else local.date() + timedelta(days=1)
    opens = datetime.combine(day, start, tzinfo=LOCAL_ZONE)
    return opens.astimezone(timezone.utc).replace(tzinfo=None)
