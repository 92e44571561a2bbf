"""The density strip above the timeline: how many happenings each day (week, month) of the filtered
range holds, as Textual's `Sparkline`, with the cursor's period marked under it; a click jumps there.

The counts come from the store per day (`TimelineReader.period_counts`); days with none are filled in
here, and days are summed into weeks or months when the range has more of them than the strip has
columns (or when the timeline is zoomed out to months).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Sparkline

from dateline.tui.text import short_date

UNITS = ("day", "week", "month")


class Counted(Protocol):
    """A period's count (`store.records.PeriodCount` has these fields)."""

    first_day: str
    count: int


@dataclass(frozen=True)
class Period:
    """One bar of the strip: the first day of the period, its unit, the happenings in it."""

    first_day: dt.date
    unit: str
    count: int

    @property
    def label(self) -> str:
        day = self.first_day.isoformat()
        if self.unit == "month":
            return short_date(day[:7])
        if self.unit == "week":
            year, week, _ = self.first_day.isocalendar()
            return short_date(f"{year}-W{week:02d}")
        return day


def _start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _next(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day + dt.timedelta(days=7)
    if unit == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=1)


def periods(counts: Sequence[Counted], columns: int, months: bool = False) -> list[Period]:
    """Per-day `counts` as the strip's bars: every period from the first to the last (empty ones too),
    by day while the days fit in `columns`, else by week, else by month (by month when `months`)."""
    by_day: dict[dt.date, int] = {}
    for item in counts:
        day = dt.date.fromisoformat(item.first_day)
        by_day[day] = by_day.get(day, 0) + item.count
    if not by_day:
        return []
    first, last = min(by_day), max(by_day)
    units = ["month"] if months else list(UNITS)
    unit = units[-1]
    for candidate in units:
        if _span(first, last, candidate) <= max(columns, 1):
            unit = candidate
            break
    totals: dict[dt.date, int] = {}
    for day, count in by_day.items():
        start = _start(day, unit)
        totals[start] = totals.get(start, 0) + count
    bars, start = [], _start(first, unit)
    while start <= last:
        bars.append(Period(start, unit, totals.get(start, 0)))
        start = _next(start, unit)
    return bars


def _span(first: dt.date, last: dt.date, unit: str) -> int:
    if unit == "day":
        return (last - first).days + 1
    if unit == "week":
        return (_start(last, "week") - _start(first, "week")).days // 7 + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


def bar_at(column: int, bars: int, columns: int) -> int:
    """The bar a column of the sparkline draws (as Textual's `Sparkline` spreads `bars` over `columns`:
    the first of the bars a column sums up when there are more bars than columns)."""
    if bars == 0 or columns == 0:
        return 0
    return max(0, min(bars - 1, column * bars // columns))


def column_of(bar: int, bars: int, columns: int) -> int:
    """The first column that draws `bar`."""
    if bars == 0 or columns == 0:
        return 0
    return max(0, min(columns - 1, -(-bar * columns // bars)))


class DensityAxis(Widget):
    """The line under the sparkline: the range's first and last period, and the cursor's, marked."""

    DEFAULT_CSS = "DensityAxis { height: 1; }"

    def __init__(self) -> None:
        super().__init__()
        self.bars: list[Period] = []
        self.cursor_bar: int | None = None

    def render(self) -> Text:
        width = self.size.width
        if not self.bars or width < 4:
            return Text("")
        line = [" "] * width
        taken = (width, width)  # the cursor's label: the range's ends give way to it
        label = ""
        if self.cursor_bar is not None:
            bar = self.bars[self.cursor_bar]
            column = column_of(self.cursor_bar, len(self.bars), width)
            label = f"▲ {bar.label}: {bar.count}"
            start = column
            if column + len(label) > width:
                label = f"{bar.label}: {bar.count} ▲"
                start = max(0, column - len(label) + 1)
            taken = (start, start + len(label))
            _put(line, start, label)
        first, last = self.bars[0].label, self.bars[-1].label
        if len(first) < taken[0] - 1 or taken[0] == width:
            _put(line, 0, first)
        if len(self.bars) > 1 and width - len(last) > taken[1] + 1 and len(first) + len(last) < width:
            _put(line, width - len(last), last)
        text = Text(no_wrap=True)
        text.append("".join(line[: taken[0]]), style="dim")
        text.append("".join(line[taken[0] : taken[1]]), style="bold")
        text.append("".join(line[taken[1] :]), style="dim")
        return text


def _put(line: list[str], start: int, label: str) -> None:
    for offset, char in enumerate(label):
        if 0 <= start + offset < len(line):
            line[start + offset] = char


class DensityStrip(Widget):
    """Happenings per day (week, month) over the filtered range; the cursor's period marked; a click on
    a bar posts `DayChosen` with the first day of its period."""

    DEFAULT_CSS = """
    DensityStrip { height: 3; }
    DensityStrip Sparkline { height: 2; }
    """

    @dataclass
    class DayChosen(Message):
        day: str  # YYYY-MM-DD

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: list[Counted] = []
        self.months = False
        self.cursor_day: str | None = None
        self.bars: list[Period] = []
        self.cursor_bar: int | None = None
        # Its two parts, kept here: new counts can come while they are being mounted (or removed), when a
        # query for them finds none.
        self._sparkline = Sparkline([])
        self._axis = DensityAxis()

    def compose(self) -> ComposeResult:
        yield self._sparkline
        yield self._axis

    def show_counts(self, counts: Sequence[Counted], months: bool = False) -> None:
        """New counts (a new filter), per day; by month when `months` (the timeline zoomed out)."""
        self.counts, self.months = list(counts), months
        self._lay_out()

    def mark(self, day: str | None) -> None:
        """Mark the period holding `day` (the cursor's), YYYY-MM-DD."""
        self.cursor_day = day
        self.cursor_bar = self._bar_of(day)
        self._axis.bars, self._axis.cursor_bar = self.bars, self.cursor_bar
        self._axis.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        self.bars = periods(self.counts, self.size.width, self.months)
        self._sparkline.data = [bar.count for bar in self.bars]
        self.mark(self.cursor_day)

    def _bar_of(self, day: str | None) -> int | None:
        bars = self.bars
        if day is None or not bars:
            return None
        try:
            when = dt.date.fromisoformat(day)
        except ValueError:
            return None
        found = None
        for index, bar in enumerate(bars):
            if bar.first_day > when:
                break
            found = index
        return found if found is not None else 0

    def on_click(self, event: events.Click) -> None:
        bars = self.bars
        offset = event.get_content_offset(self)
        if not bars or offset is None:
            return
        bar = bars[bar_at(offset.x, len(bars), self.size.width)]
        self.post_message(self.DayChosen(bar.first_day.isoformat()))
