"""`[` and `]`: step to the previous or next day (or month) holding an event.

A step needs two queries (where the next day starts, how many events lie before it) and often a
page that is not loaded. So while the cursor rests on a day, the next and previous day are found
ahead, with the pages they show, and a step then moves at once; a step pressed while its day is
being found waits for that answer. Mixed into the app: it uses the app's store reader, filter,
filter generation and timeline.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work

from dateline.store import queries
from dateline.store.records import EventFilter, TimelineEvent
from dateline.tui.data import StoreReader
from dateline.tui.messages import PeriodFound
from dateline.tui.timeline import PAGE_SIZE, Timeline


class DaySteps:
    """The app's day (or month) steps; its handlers are found by name (no `@on` in a mixin)."""

    # the app's, read here
    reader: StoreReader
    filter: EventFilter
    generation: int
    timeline: Timeline

    def reset_day_steps(self) -> None:
        """Forget what was found: called whenever the filter (and so every position) changes."""
        # (filter generation, day or month, forward) -> where `]`/`[` lands (None: nothing there)
        self.periods: dict[tuple[int, str, bool], int | None] = {}
        self.periods_asked: set[tuple[int, str]] = set()
        self.step_pending: tuple[int, str, bool] | None = None  # a `[`/`]` waiting for its day found ahead

    def on_timeline_period_wanted(self, message: Timeline.PeriodWanted) -> None:
        timeline = self.timeline
        period = _period(message.event, timeline.zoomed_out)
        key = (self.generation, period, message.forward)
        if key in self.periods:  # found ahead while the cursor rested on this day
            self._step_to(self.periods[key], message.forward)
            return
        if (self.generation, period) in self.periods_asked and self.step_pending != key:
            self.step_pending = key  # being found ahead: step when it lands (pressed again: ask anew)
            return
        self._ask_periods(message.event, (message.forward,), ahead=False)

    def find_periods_ahead(self, event: TimelineEvent) -> None:
        """Find the next and previous day (or month) of the cursor's event in the background, with the
        pages they show, so that `[` and `]` move at once."""
        asked = (self.generation, _period(event, self.timeline.zoomed_out))
        if asked in self.periods_asked:
            return
        self.periods_asked.add(asked)
        self._ask_periods(event, (True, False), ahead=True)

    def _ask_periods(self, event: TimelineEvent, directions: tuple[bool, ...], ahead: bool) -> None:
        """Start the worker that finds where steps from `event` land, as the timeline stands now."""
        timeline = self.timeline
        self.find_periods(
            self.generation, timeline.generation, self.filter, event, timeline.cursor, timeline.total,
            frozenset(timeline.pages), directions, timeline.zoomed_out, timeline.pages_shown_moving_to, ahead,
        )  # fmt: skip

    @work(thread=True, exclusive=True, group="periods", exit_on_error=False)
    def find_periods(
        self,
        generation: int,
        page_generation: int,
        flt: EventFilter,
        event: TimelineEvent,
        index: int,
        total: int,
        loaded: frozenset[int],
        directions: tuple[bool, ...],
        by_month: bool,
        pages_shown_moving_to: Callable[[int], list[int]],
        ahead: bool = False,
    ) -> None:
        period = _period(event, by_month)
        with self.reader.connection() as db:
            for forward in directions:
                target, pages = None, {}
                key = queries.neighbour_period(db, flt, event.sort_key, forward, length=len(period))
                if key is not None:
                    here = (event.sort_key, event.id)
                    target, pages = landing(
                        db, flt, here, (key, ""), index, forward, pages_shown_moving_to, loaded, total
                    )
                self.post_message(PeriodFound(generation, page_generation, period, forward, target, pages, ahead))

    def on_period_found(self, message: PeriodFound) -> None:
        if message.generation != self.generation:
            return
        for page, rows in message.pages.items():  # added before the move, so one frame shows the new day
            self.timeline.add_page(message.page_generation, page, rows)
        key = (message.generation, message.period, message.forward)
        self.periods[key] = message.target
        if not message.ahead or self.step_pending == key:
            self.step_pending = None
            self._step_to(message.target, message.forward)

    def _step_to(self, target: int | None, forward: bool) -> None:
        if target is None:
            self.notify("No later events." if forward else "No earlier events.")
        else:
            self.timeline.move_to(target)


def _period(event: TimelineEvent, by_month: bool) -> str:
    """The day (or month) of `event` that `[` and `]` step from."""
    return event.sort_key[: 7 if by_month else 10]


def landing(
    db,
    flt: EventFilter,
    here: tuple[str, str],
    there: tuple[str, str],
    index: int,
    forward: bool,
    pages_shown_moving_to: Callable[[int], list[int]],
    loaded: frozenset[int],
    total: int,
) -> tuple[int, dict[int, list[TimelineEvent]]]:  # type: ignore[no-untyped-def]
    """Where a step from `here` (the event at row `index`) to the position `there` lands within `flt`:
    its row, counted from `index`, and the pages shown there not yet `loaded` (`[`/`]` and `n`/`N`)."""
    if forward:
        target = index + queries.count_between(db, flt, here, there)
    else:
        target = index - queries.count_between(db, flt, there, here)
    missing = [page for page in pages_shown_moving_to(target) if page not in loaded]
    return target, _pages_around(db, flt, there, target, missing, total)


def _pages_around(
    db, flt: EventFilter, there: tuple[str, str], target: int, pages: list[int], total: int
) -> dict[int, list[TimelineEvent]]:  # type: ignore[no-untyped-def]
    """`pages` (a run of neighbouring pages), read by keyset from `there`, the row at `target`."""
    if not pages:
        return {}
    first = min(pages) * PAGE_SIZE
    end = min(total, (max(pages) + 1) * PAGE_SIZE)
    rows = queries.page_events(db, flt, before=there, limit=target - first) if target > first else []
    rows += queries.page_events(db, flt, after=there, limit=end - target)
    return {page: rows[page * PAGE_SIZE - first : (page + 1) * PAGE_SIZE - first] for page in pages}
