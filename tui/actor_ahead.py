"""While the actors panel's highlight rests on an actor, find ahead what choosing (or dropping) that
actor would show, so that `space` then shows it at once. Mixed into the app; the feed keeps what was
found (`TimelineFeed.prepare`) and shows it when the same filter is asked for."""

from __future__ import annotations

from dataclasses import replace

from textual import events, on
from textual.app import App
from textual.timer import Timer
from textual.widgets import OptionList

from dateline.store.records import HappeningFilter
from dateline.tui.feed import TimelineFeed
from dateline.tui.panels import ActorsPanel
from dateline.tui.timeline import Timeline

AHEAD_DELAY = 0.05  # seconds the actors' highlight rests before its filter is found ahead (a key repeats faster)


class ActorFilterAhead(App[None]):
    """An `App` only so that its `@on` handlers (which select the actors panel) are collected."""

    # its own state (set in the app's `__init__`)
    _ahead_timer: Timer | None
    # the app's, read here
    feed: TimelineFeed
    filter: HappeningFilter
    timeline: Timeline

    @on(OptionList.OptionHighlighted, "#actors")
    def actor_highlighted(self) -> None:
        self.find_actor_filter_ahead()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, ActorsPanel):  # the timeline's cursor may have moved meanwhile
            self.find_actor_filter_ahead()

    def find_actor_filter_ahead(self) -> None:
        """Once the highlight rests (not while `j` repeats), find ahead what choosing (or dropping)
        the highlighted actor would show: `space` then shows it at once."""
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        self._ahead_timer = self.set_timer(AHEAD_DELAY, self._find_highlighted_actor_filter)

    def highlighted_actor_filter(self) -> HappeningFilter | None:
        """The filter choosing (or dropping) the highlighted actor gives."""
        panel = self.query_one(ActorsPanel)
        if panel.highlighted is None or not 0 <= panel.highlighted < len(panel.actors):
            return None
        actor_id = panel.actors[panel.highlighted].id
        ids = tuple(i for i in panel.chosen if i != actor_id) + (() if actor_id in panel.chosen else (actor_id,))
        return replace(self.filter, actor_ids=ids)

    def _find_highlighted_actor_filter(self) -> None:
        flt = self.highlighted_actor_filter()
        if flt is not None:
            keep = self.timeline.current
            self.feed.prepare(flt, keep.key if keep else None)
