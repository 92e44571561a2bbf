"""While the actors panel's highlight rests on an actor, find ahead what choosing (or dropping) that
actor would show, so that `space` then shows it at once. Mixed into the app, which applies the
filter and uses what was found (`filter_ahead`) when it matches."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

from textual import events, on, work
from textual.app import App
from textual.timer import Timer
from textual.widgets import OptionList

from dateline.store.records import EventFilter, TimelineEvent
from dateline.tui.data import StoreReader
from dateline.tui.messages import FilterFoundAhead
from dateline.tui.panels import ActorsPanel
from dateline.tui.timeline import Timeline
from dateline.tui.timeline_data import count_and_pages

AHEAD_DELAY = 0.05  # seconds the actors' highlight rests before its filter is found ahead (a key repeats faster)


class ActorFilterAhead(App[None]):
    """An `App` only so that its `@on` handlers (which select the actors panel) are collected."""

    # its own state (set in the app's `__init__`; the app applies `filter_ahead` and clears it)
    filter_ahead: FilterFoundAhead | None
    _ahead_wanted: tuple[EventFilter, str | None] | None
    _ahead_timer: Timer | None
    _ahead_counting: sqlite3.Connection | None  # the connection of the look-ahead in flight
    # the app's, read here
    reader: StoreReader
    filter: EventFilter
    timeline: Timeline

    @on(OptionList.OptionHighlighted, "#actors")
    def actor_highlighted(self) -> None:
        self.find_actor_filter_ahead()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, ActorsPanel):  # the timeline's cursor may have moved meanwhile
            self.find_actor_filter_ahead()

    def find_actor_filter_ahead(self) -> None:
        """Once the highlight rests (not while `j` repeats), find ahead what choosing (or dropping)
        the highlighted actor would show, and draw its rows while the user reads the list: `space`
        then shows it at once. A query still running for an earlier highlight is interrupted."""
        self.filter_ahead = self._ahead_wanted = None
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        if self._ahead_counting is not None:
            self._ahead_counting.interrupt()
        self._ahead_timer = self.set_timer(AHEAD_DELAY, self._find_highlighted_actor_filter)

    def _find_highlighted_actor_filter(self) -> None:
        panel = self.query_one(ActorsPanel)
        if panel.highlighted is None or not 0 <= panel.highlighted < len(panel.actors):
            return
        actor_id = panel.actors[panel.highlighted].id
        ids = tuple(i for i in panel.chosen if i != actor_id) + (() if actor_id in panel.chosen else (actor_id,))
        keep = self.timeline.current
        flt = replace(self.filter, actor_ids=ids)
        self._ahead_wanted = (flt, keep.id if keep else None)
        self.find_filter_ahead(flt, keep, self.timeline.pages_shown_at)

    @work(thread=True, exclusive=True, group="ahead", exit_on_error=False)
    def find_filter_ahead(
        self, flt: EventFilter, keep: TimelineEvent | None, pages_shown_at: Callable[[int, int], list[int]]
    ) -> None:
        with self.reader.connection() as db:
            self._ahead_counting = db.conn
            try:
                count = count_and_pages(db, 0, flt, keep, pages_shown_at)
            except sqlite3.OperationalError as error:
                if "interrupted" in str(error):
                    return  # the highlight moved on
                raise
            finally:
                self._ahead_counting = None
        self.post_message(FilterFoundAhead(flt, keep.id if keep else None, count))

    def on_filter_found_ahead(self, message: FilterFoundAhead) -> None:
        if (message.filter, message.keep_id) != self._ahead_wanted:
            return  # the highlight moved on
        self.filter_ahead = message
        previous = None
        for page in sorted(message.count.pages):
            rows = message.count.pages[page]
            self.timeline.predraw(rows, previous, lambda: self.filter_ahead is message)
            previous = rows[-1] if rows else previous
