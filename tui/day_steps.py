"""`[` and `]`: step to the previous or next day (or month) holding a happening.

Where a day starts is read from the reader's day index (a binary search, no count), so a step costs a
lookup and, when the rows there are not loaded, one page read; the feed moves the cursor once the
screen there can be drawn whole. Mixed into the app: it uses the app's reader, feed and timeline.
"""

from __future__ import annotations

from textual import work

from dateline.store.records import HappeningFilter, TimelineRow
from dateline.store.timeline import TimelineReader
from dateline.tui.feed import TimelineFeed
from dateline.tui.messages import StepFound
from dateline.tui.timeline import Timeline


class DaySteps:
    """The app's day (or month) steps; its handlers are found by name (no `@on` in a mixin)."""

    # the app's, read here
    reader: TimelineReader
    feed: TimelineFeed
    timeline: Timeline

    def on_timeline_period_wanted(self, message: Timeline.PeriodWanted) -> None:
        self.find_period(self.feed.filter, message.row, message.forward, self.timeline.zoomed_out)

    @work(thread=True, exclusive=True, group="periods", exit_on_error=False)
    def find_period(self, flt: HappeningFilter, row: TimelineRow, forward: bool, by_month: bool) -> None:
        period = row.sort_key[: 7 if by_month else 10]
        reader = self.reader
        if forward:  # the first row after every key of this period
            target: int | None = reader.position_of_day(flt, period + "\uffff")
            if target >= reader.count(flt):
                target = None
        else:  # the first row of the period holding the row before this period's first
            start = reader.position_of_day(flt, period)
            previous = reader.rows_at(flt, start - 1, 1) if start else []
            target = reader.position_of_day(flt, previous[0].sort_key[: len(period)]) if previous else None
        notice = "No later happenings." if forward else "No earlier happenings."
        self.post_message(StepFound(flt, target, notice))

    def on_step_found(self, message: StepFound) -> None:
        if message.filter != self.feed.filter:
            return  # the filter changed meanwhile: its positions are another's
        if message.target is None:
            self.notify(message.notice, markup=False)
        else:
            self.feed.go_to(message.target)
