"""`n` and `N`: step to the next or previous event matching the search (the one typed last, kept when
escape clears the search filter, so its matches can be visited among the events around them).

Mixed into the app: it uses the app's store reader, filter, filter generation and timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import work

from dateline.store import queries
from dateline.store.records import EventFilter, TimelineEvent
from dateline.tui.data import StoreReader
from dateline.tui.day_steps import landing
from dateline.tui.messages import MatchFound
from dateline.tui.timeline import Timeline


class SearchSteps:
    """The app's search steps; its handlers are found by name (no `@on` in a mixin)."""

    # the app's, read here
    reader: StoreReader
    filter: EventFilter
    generation: int
    timeline: Timeline
    match_search: str | None  # owned by the app's command bar handling: the search typed last

    def on_timeline_match_wanted(self, message: Timeline.MatchWanted) -> None:
        search = self.filter.search or self.match_search
        if not search:
            self.notify("No search to repeat: / searches.", markup=False)
            return
        timeline = self.timeline
        self.find_match(
            self.generation, timeline.generation, self.filter, search, message.event, message.index,
            message.forward, timeline.pages_shown_moving_to, frozenset(timeline.pages), timeline.total,
        )  # fmt: skip

    @work(thread=True, exclusive=True, group="match", exit_on_error=False)
    def find_match(
        self,
        generation: int,
        page_generation: int,
        flt: EventFilter,
        search: str,
        event: TimelineEvent,
        index: int,
        forward: bool,
        pages_shown_moving_to: Callable[[int], list[int]],
        loaded: frozenset[int],
        total: int,
    ) -> None:
        with self.reader.connection() as db:
            target, pages = find_match(db, flt, search, event, index, forward, pages_shown_moving_to, loaded, total)
        self.post_message(MatchFound(generation, page_generation, search, forward, target, pages))

    def on_match_found(self, message: MatchFound) -> None:
        if message.generation != self.generation:
            return
        for page, rows in message.pages.items():  # added before the move, so one frame shows the match
            self.timeline.add_page(message.page_generation, page, rows)
        if message.target is None:
            self.notify(f"No {'later' if message.forward else 'earlier'} match for “{message.search}”.", markup=False)
        else:
            self.timeline.move_to(message.target)


def find_match(
    db,
    flt: EventFilter,
    search: str,
    event: TimelineEvent,
    index: int,
    forward: bool,
    pages_shown_moving_to: Callable[[int], list[int]],
    loaded: frozenset[int],
    total: int,
) -> tuple[int | None, dict[int, list[TimelineEvent]]]:  # type: ignore[no-untyped-def]
    """The row of the next (previous) event after `event` (at row `index`) that matches `search` within
    `flt`, and the pages not yet `loaded` that show it; (None, {}) when there is none."""
    here = (event.sort_key, event.id)
    matching = replace(flt, search=search)
    found = queries.page_events(db, matching, **({"after": here} if forward else {"before": here}), limit=1)
    if not found:
        return None, {}
    there = (found[-1].sort_key, found[-1].id)
    return landing(db, flt, here, there, index, forward, pages_shown_moving_to, loaded, total)
