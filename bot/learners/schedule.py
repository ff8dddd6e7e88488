"""When reminders and job alerts are due (bot/learners/schedule.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import yaml

from bot.messaging.quiet_hours import LOCAL_ZONE

SCHEDULE_FILE = Path(__file__).resolve().parent / "schedule.yml"


@dataclass(frozen=True)
class Schedule:
    """The follow-up timetable."""

    reminder_days: tuple[int, ...]
    reminder_send_at: time
    alert_every_days: dict[str, int]
    alert_send_at: time
    alert_max_jobs: int


def _time(text: str) -> time:
    hours, minutes = (int(part) for part in str(text).split(":"))
    return time(hours, minutes)


@lru_cache(maxsize=1)
def schedule() -> Schedule:
    """The timetable from schedule.yml, with every reminder day spelled out."""
    data = yaml.safe_load(SCHEDULE_FILE.read_text(encoding="utf-8"))
    reminders = data["course_reminders"]
    days = list(reminders["first_days"])
    step = int(reminders["then_every_days"])
    while days[-1] + step <= int(reminders["until_days"]):
        days.append(days[-1] + step)
    alerts = data["job_alerts"]
    return Schedule(
        reminder_days=tuple(days),
        reminder_send_at=_time(reminders["send_at"]),
        alert_every_days={
            "daily": int(alerts["daily_every_days"]),
            "weekly": int(alerts["weekly_every_days"]),
        },
        alert_send_at=_time(alerts["send_at"]),
        alert_max_jobs=int(alerts["max_jobs"]),
    )


def local_time_on(start: datetime, days: int, at: time) -> datetime:
    """Naive UTC of the local clock time ``at``, ``days`` days after ``start`` (naive UTC)."""
    local_day = start.replace(tzinfo=timezone.utc).astimezone(LOCAL_ZONE).date()
    moment = datetime.combine(local_day + timedelta(days=days), at, tzinfo=LOCAL_ZONE)
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def reminder_due(start: datetime, number: int) -> datetime | None:
    """When reminder ``number`` (1-based) for a learner who agreed at ``start`` is due;
    None past the end of the schedule."""
    days = schedule().reminder_days
    if number > len(days):
        return None
    return local_time_on(start, days[number - 1], schedule().reminder_send_at)


def next_alert_due(after: datetime, frequency: str) -> datetime:
    """The next job-alert time for a subscription, after ``after``."""
    every = schedule().alert_every_days.get(frequency, 7)
    return local_time_on(after, every, schedule().alert_send_at)
