"""The density strip's data (happenings per day of what the filter keeps, a click jumping to a day) and
the outlet filter (`o`: outlets kept or left out). Mixed into the app: it uses the app's reader, feed,
timeline and filter, and posts back what its workers find."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import work
from textual.message import Message
from textual.timer import Timer

from dateline.store import queries
from dateline.store.records import HappeningFilter, PeriodCount, TimelineRow
from dateline.store.timeline import TimelineReader
from dateline.tui.density import DensityStrip
from dateline.tui.feed import TimelineFeed
from dateline.tui.messages import StepFound
from dateline.tui.outlets import OutletChoice, OutletScreen
from dateline.tui.timeline import Timeline

DENSITY_PAUSE = 0.4  # seconds a filter stays before the strip counts its days


@dataclass
class DensityLoaded(Message):
    filter: HappeningFilter
    counts: list[PeriodCount]


@dataclass
class OutletsLoaded(Message):
    outlets: list[tuple[str, int]]


class DensityAndOutlets:
    """The app's density strip and outlet filter; handlers found by name (no `@on` in a mixin)."""

    # the app's, read here
    reader: TimelineReader
    feed: TimelineFeed
    timeline: Timeline
    filter: HappeningFilter

    # --- the density strip -------------------------------------------------------------------

    _density_timer: Timer | None = None

    def count_days(self, flt: HappeningFilter) -> None:
        """The strip's counts for a filter just shown: at once for the whole store (its day index is
        kept), after a pause for a filter (a search counted per day takes seconds on a million
        happenings, and the user may still be typing: each letter shows a new filter)."""
        if self._density_timer is not None:
            self._density_timer.stop()
            self._density_timer = None
        if not flt.active:
            self.load_density(flt)
            return
        self._density_timer = self.set_timer(DENSITY_PAUSE, lambda: self.load_density(flt))

    @work(thread=True, exclusive=True, group="density", exit_on_error=False)
    def load_density(self, flt: HappeningFilter) -> None:
        """Happenings per day of what `flt` keeps (the strip sums days into weeks or months itself)."""
        self.post_message(DensityLoaded(flt, self.reader.period_counts(flt, "day")))

    def on_density_loaded(self, message: DensityLoaded) -> None:
        if message.filter != self.feed.filter:
            return  # counts of a filter no longer shown
        for strip in self.query(DensityStrip):  # none once the app is closing (a late worker's answer)
            strip.show_counts(message.counts, months=self.timeline.zoomed_out)
            self.mark_density(self.timeline.current)

    def mark_density(self, row: TimelineRow | None) -> None:
        day = row.sort_key[:10] if row is not None else None
        for strip in self.query(DensityStrip):
            strip.mark(day or None)

    def on_density_strip_day_chosen(self, message: DensityStrip.DayChosen) -> None:
        self.find_day(self.feed.filter, message.day)

    @work(thread=True, exclusive=True, group="periods", exit_on_error=False)
    def find_day(self, flt: HappeningFilter, day: str) -> None:
        target: int | None = self.reader.position_of_day(flt, day)
        if target is not None and target >= self.reader.count(flt):
            target = None
        self.post_message(StepFound(flt, target, f"No happenings on or after {day}."))

    # --- the outlet filter ---------------------------------------------------------------------

    def action_outlets(self) -> None:
        self.load_outlets()

    @work(thread=True, exclusive=True, group="outlets", exit_on_error=False)
    def load_outlets(self) -> None:
        with self.reader.connection() as db:
            outlets = queries.list_outlets(db)
        self.post_message(OutletsLoaded(outlets))

    def on_outlets_loaded(self, message: OutletsLoaded) -> None:
        chosen = OutletChoice(self.filter.outlets, self.filter.not_outlets)
        self.push_screen(OutletScreen(message.outlets, chosen), self.outlets_chosen)

    def outlets_chosen(self, choice: OutletChoice | None) -> None:
        if choice is None or (choice.keep, choice.leave_out) == (self.filter.outlets, self.filter.not_outlets):
            return
        flt = replace(self.filter, outlets=choice.keep, not_outlets=choice.leave_out)
        self.apply_filter(flt, keep=self.timeline.current)
