"""`n` and `N`: step to the next or previous happening matching the search (the one typed last, kept
when escape clears the search filter, so its matches can be visited among the happenings around them).

Mixed into the app: it uses the app's reader, feed and timeline; where a step lands is handled with
the day steps' (`StepFound`).
"""

from __future__ import annotations

from dataclasses import replace

from textual import work

from dateline.store.records import HappeningFilter, TimelineRow
from dateline.store.timeline import TimelineReader
from dateline.tui.feed import TimelineFeed
from dateline.tui.messages import StepFound
from dateline.tui.timeline import Timeline


class SearchSteps:
    """The app's search steps; its handlers are found by name (no `@on` in a mixin)."""

    # the app's, read here
    reader: TimelineReader
    feed: TimelineFeed
    filter: HappeningFilter
    match_search: str | None  # owned by the app's command bar handling: the search typed last

    def on_timeline_match_wanted(self, message: Timeline.MatchWanted) -> None:
        search = self.filter.search or self.match_search
        if not search:
            self.notify("No search to repeat: / searches.", markup=False)
            return
        self.find_match(self.feed.filter, search, message.row, message.forward)

    @work(thread=True, exclusive=True, group="match", exit_on_error=False)
    def find_match(self, flt: HappeningFilter, search: str, row: TimelineRow, forward: bool) -> None:
        """The row of the next (previous) happening after `row` that matches `search` within `flt`."""
        matching = replace(flt, search=search)
        reader = self.reader
        found = reader.rows_after(matching, row.key, 1) if forward else reader.rows_before(matching, row.key, 1)
        target = reader.position_of(flt, found[0].key) if found else None
        self.post_message(StepFound(flt, target, f"No {'later' if forward else 'earlier'} match for “{search}”."))
