"""The staff dashboard's charts: what happened each day over the last two weeks.

Texts, enrollments, opt-outs, deliveries, clicks and searches are counted from the
service's own tables; conversations, the fallback rate and the top intents from
Rasa's tracker store (bot/staff/conversation_stats.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from bot.clock import connecticut_today, day_bounds, day_start
from bot.db.models import Enrollment, InboundMessage, JobClick, JobSearch, OptOut, OutboundMessage
from bot.messaging.gate import FAILED
from bot.messaging.optouts import OPTED_OUT
from bot.staff.conversation_stats import ConversationStats
from bot.staff.intent_labels import intent_label

DAYS = 14
# Pixels: each bar and the gap after it; the bars' height at the peak; room above the
# bars for their values and below them for the dates on the axis.
BAR_WIDTH, BAR_GAP, CHART_HEIGHT = 24, 8, 80
VALUE_SPACE, AXIS_SPACE = 16, 18
# The axis names every other day, counting back from today (always named).
LABEL_EVERY = 2
TOP_MISSES = 8

# (title, the moment counted, an extra condition or None)
SERIES = (
    ("Texts received", InboundMessage.received_at, None),
    ("Job searches with no results", JobSearch.searched_at, JobSearch.found.is_(False)),
    ("Enrollments", Enrollment.enrolled_at, None),
    ("Courses completed", Enrollment.completed_at, None),
    ("Numbers that opted out", OptOut.updated_at, OptOut.status == OPTED_OUT),
    ("Texts not delivered", OutboundMessage.updated_at, OutboundMessage.status == FAILED),
    ("Apply-link clicks", JobClick.clicked_at, None),
)


@dataclass(frozen=True)
class Bar:
    """One day of a chart, with its place in the drawing: the bar, its value written
    above it and (every other day) its date written under the axis."""

    day: str
    count: int
    x: int
    y: int
    height: int
    value: str
    axis_label: str

    @property
    def center(self) -> float:
        """Where the bar's value and date are centred."""
        return self.x + BAR_WIDTH / 2

    @property
    def value_y(self) -> int:
        """The baseline of the value written just above the bar."""
        return self.y - 4


@dataclass(frozen=True)
class Chart:
    """One series over the last ``DAYS`` days."""

    title: str
    summary: str
    peak: int
    bars: tuple[Bar, ...]
    width: int
    height: int = VALUE_SPACE + CHART_HEIGHT + AXIS_SPACE
    axis_y: int = VALUE_SPACE + CHART_HEIGHT
    label_y: int = VALUE_SPACE + CHART_HEIGHT + AXIS_SPACE - 4


@dataclass(frozen=True)
class Ranked:
    """A name and how often it came up, with its bar's share of the longest."""

    name: str
    count: int
    percent_of_top: int


@dataclass(frozen=True)
class Ranking:
    """A table of the most frequent things of one kind."""

    title: str
    column: str
    rows: list[Ranked]


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard page draws."""

    charts: list[Chart]
    rankings: list[Ranking]
    conversations_readable: bool


def window(today: date | None = None) -> list[date]:
    """The days the dashboard covers (Connecticut's days), oldest first."""
    today = today or connecticut_today()
    return [today - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]


def _per_day(session: Session, moment, condition, days: list[date]) -> dict[str, int]:
    """How many rows fell on each of ``days`` by ``moment``, in Connecticut's days (a
    text at 9 pm is counted on its evening, not on the next UTC day)."""
    bounds = day_bounds(days)
    counts = [func.count(case((and_(moment >= start, moment < end), 1))) for start, end in bounds]
    query = select(*counts).where(moment >= bounds[0][0], moment < bounds[-1][1])
    if condition is not None:
        query = query.where(condition)
    row = session.execute(query).one()
    return {day.isoformat(): count for day, count in zip(days, row)}


def day_label(day: date) -> str:
    """``Dec 7``: a day as the axis names it."""
    return f"{day:%b} {day.day}"


def _chart(title: str, values: list[int], days: list[date], summary: str, unit: str = "") -> Chart:
    peak = max(values)
    bars = []
    for position, (day, count) in enumerate(zip(days, values)):
        height = round(CHART_HEIGHT * count / peak) if peak else 0
        x = position * (BAR_WIDTH + BAR_GAP)
        named = (len(days) - 1 - position) % LABEL_EVERY == 0
        bars.append(
            Bar(
                day=day.isoformat(),
                count=count,
                x=x,
                y=VALUE_SPACE + CHART_HEIGHT - height,
                height=height,
                value=f"{count}{unit}",
                axis_label=day_label(day) if named else "",
            )
        )
    return Chart(title, summary, peak, tuple(bars), DAYS * (BAR_WIDTH + BAR_GAP))


def count_chart(title: str, counts: dict[str, int], days: list[date]) -> Chart:
    """A chart of a count per day."""
    values = [counts.get(day.isoformat(), 0) for day in days]
    return _chart(
        title, values, days, f"{title}: {sum(values)} in all, at most {max(values)} a day"
    )


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def rate_chart(title: str, part: dict[str, int], whole: dict[str, int], days: list[date]) -> Chart:
    """A chart of ``part`` as a percentage of ``whole`` per day."""
    keys = [day.isoformat() for day in days]
    values = [_percent(part.get(key, 0), whole.get(key, 0)) for key in keys]
    total = sum(whole.get(key, 0) for key in keys)
    overall = _percent(sum(part.get(key, 0) for key in keys), total)
    summary = f"{title}: {overall}% of {total} messages, at most {max(values)}% a day"
    return _chart(title, values, days, summary, unit="%")


def ranked(pairs: list[tuple[str, int]]) -> list[Ranked]:
    """Names with counts, most frequent first, each bar sized against the top one."""
    top = max((count for _, count in pairs), default=0)
    return [Ranked(name, count, _percent(count, top)) for name, count in pairs]


def top_misses(session: Session, first: date) -> list[Ranked]:
    """The job searches that most often found nothing: keyword and town."""
    keyword = func.coalesce(JobSearch.keyword, "any job")
    town = func.coalesce(JobSearch.town, "anywhere")
    rows = session.execute(
        select(keyword, town, func.count())
        .where(JobSearch.searched_at >= day_start(first), JobSearch.found.is_(False))
        .group_by(keyword, town)
        .order_by(func.count().desc(), keyword, town)
        .limit(TOP_MISSES)
    ).all()
    return ranked([(f"{what} near {where}", count) for what, where, count in rows])


def dashboard(
    session: Session, conversations: ConversationStats | None, today: date | None = None
) -> Dashboard:
    """Every chart, oldest day first; ``conversations`` None means Rasa's tracker store
    could not be read, and its charts are left out."""
    days = window(today)
    charts = []
    stats = conversations or ConversationStats()
    if conversations is not None:
        charts.append(count_chart("Conversations", stats.conversations, days))
        charts.append(rate_chart("Messages not understood", stats.fallbacks, stats.messages, days))
    for title, moment, condition in SERIES:
        charts.append(count_chart(title, _per_day(session, moment, condition, days), days))
    return Dashboard(
        charts=charts,
        rankings=[
            Ranking(
                "What people asked for most",
                "Asked for",
                ranked([(intent_label(name), count) for name, count in stats.top_intents]),
            ),
            Ranking("Job searches that found nothing", "Search", top_misses(session, days[0])),
        ],
        conversations_readable=conversations is not None,
    )
