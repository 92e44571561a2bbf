"""The density strip: happenings per period over the filtered range, a click landing on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from textual.app import App, ComposeResult
from textual.message import Message

from dateline.tui.density import DensityStrip, bar_at, column_of, periods
from tests.test_app import screen_lines


@dataclass(frozen=True)
class Count:
    """A period's count (the fields of `store.records.PeriodCount`)."""

    period: str
    first_day: str
    count: int


def days(start: str, counts: list[int]) -> list[Count]:
    first = dt.date.fromisoformat(start)
    out = []
    for offset, count in enumerate(counts):
        day = (first + dt.timedelta(days=offset)).isoformat()
        if count:  # the store lists days that have happenings only
            out.append(Count(day, day, count))
    return out


def test_empty_days_are_filled_in_and_days_become_weeks_or_months_when_they_do_not_fit() -> None:
    counts = days("2022-01-30", [2, 0, 0, 5, 1])
    bars = periods(counts, 40)
    assert [(b.first_day.isoformat(), b.count) for b in bars] == [
        ("2022-01-30", 2), ("2022-01-31", 0), ("2022-02-01", 0), ("2022-02-02", 5), ("2022-02-03", 1),
    ]  # fmt: skip
    weeks = periods(days("2022-01-03", [1] * 60), 20)
    assert {b.unit for b in weeks} == {"week"} and sum(b.count for b in weeks) == 60
    assert all(b.first_day.weekday() == 0 for b in weeks)
    months = periods(days("2022-01-01", [1] * 400), 10)
    assert months[0].unit == "month" and [b.count for b in months[:3]] == [31, 28, 31]
    assert periods(counts, 40, months=True)[0].label == "Jan 2022"


def test_columns_and_bars_map_both_ways() -> None:
    for bars, columns in [(5, 40), (40, 40), (100, 37), (1, 10)]:
        for bar in range(bars):
            column = column_of(bar, bars, columns)
            if bars <= columns:
                assert bar_at(column, bars, columns) == bar


class StripApp(App[None]):
    def __init__(self, counts: list[Count]) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        yield DensityStrip()

    def on_mount(self) -> None:
        strip = self.query_one(DensityStrip)
        strip.show_counts(self.counts)
        strip.mark("2022-02-02")


@pytest.mark.parametrize("spread", [12, 90])
async def test_a_click_on_the_tallest_bar_chooses_its_day_and_the_cursor_day_is_marked(spread: int) -> None:
    """The bar clicked is the one drawn tallest, with fewer and with more periods than columns."""
    counts = [1] * spread
    counts[spread // 3] = 30
    messages: list[Message] = []
    app = StripApp(days("2022-01-20", counts))
    async with app.run_test(size=(60, 5), message_hook=messages.append) as pilot:
        await pilot.pause()
        strip = app.query_one(DensityStrip)
        top, _bottom, axis = screen_lines(app)[:3]
        tallest = next(i for i, bar in enumerate(strip.bars) if bar.count == max(b.count for b in strip.bars))
        column = column_of(tallest, len(strip.bars), strip.size.width)
        assert top[column] == "█" and top.count("█") <= max(1, strip.size.width // len(strip.bars) + 1)
        marked = strip.bars[strip.cursor_bar or 0]
        assert marked.first_day <= dt.date(2022, 2, 2)  # the period of the day marked, or the last before it
        assert f"▲ {marked.label}: {marked.count}" in axis or f"{marked.label}: {marked.count} ▲" in axis
        await pilot.click(DensityStrip, offset=(column, 0))
        await pilot.pause()
    chosen = [m.day for m in {id(m): m for m in messages}.values() if isinstance(m, DensityStrip.DayChosen)]
    assert chosen == [strip.bars[tallest].first_day.isoformat()]
    assert dt.date.fromisoformat(chosen[0]) <= dt.date(2022, 1, 20) + dt.timedelta(days=spread // 3)
