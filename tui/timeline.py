"""The timeline: one line per event, drawn with the Line API over a scroll view.

It only ever holds the pages of events that have been drawn (100 events a page). When a
line needs a page it does not have, it draws a placeholder and posts `PageWanted`; the app
loads the page in a worker and hands it back with `add_page`. So a store of a million
events costs the same to draw as one of ten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dateline.store.records import TimelineEvent
from dateline.tui.text import clean, highlight_words, short_date

PAGE_SIZE = 100
PREDRAW_CHUNK = 20  # rows pre-drawn per idle moment (about 1 ms)
DATE_WIDTH = 17
OUTLET_WIDTH = 14


def actor_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where an actor's name, or its last word (a surname), stands as a whole word in `text`.
    Plain string search: compiling a pattern per actor costs more than drawing the row."""
    spans: list[tuple[int, int]] = []
    for form in dict.fromkeys(f for f in [name, *name.split()[-1:]] if f):  # the full name wins an overlap
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            whole_word = (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
            if whole_word and not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = text.find(form, end)
    return spans


class Timeline(ScrollView, can_focus=True):
    """Events in date order; the cursor row is highlighted, selected rows are marked."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("ctrl+d", "half_page_down", "Half a page down", show=False),
        Binding("ctrl+u", "half_page_up", "Half a page up", show=False),
        Binding("right_square_bracket", "next_day", "Next day"),
        Binding("left_square_bracket", "previous_day", "Prev day", show=False),
        Binding("right_square_bracket", "next_month", "Next month"),
        Binding("left_square_bracket", "previous_month", "Prev month", show=False),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("space", "toggle_selection", "Select"),
        Binding("enter", "open_source", "Source"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class PageWanted(Message):
        """A page of events is needed to draw the screen."""

        page: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Timeline.PageWanted) and message.page == self.page

    @dataclass
    class CursorMoved(Message):
        event: TimelineEvent | None
        index: int

    @dataclass
    class OpenSource(Message):
        event: TimelineEvent

    @dataclass
    class PeriodWanted(Message):
        """Move to the next (or previous) day or month from this event."""

        event: TimelineEvent
        forward: bool

    @dataclass
    class MatchWanted(Message):
        """Move to the next (or previous) event matching the search from this event."""

        event: TimelineEvent
        index: int
        forward: bool

    @dataclass
    class SelectionChanged(Message):
        count: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0
        self.generation = 0  # bumped on every reset, so late pages of an old query are ignored
        self.pages: dict[int, list[TimelineEvent]] = {}
        self.requested: set[int] = set()
        self.selected: set[str] = set()
        self.search_words: list[str] = []
        self.empty_text = ""  # what an empty result set says in place of rows (a line each)
        self.zoomed_out = False  # `[`/`]` move by month instead of day
        self._strips: dict[tuple, Strip] = {}  # rendered rows, so moving the cursor redraws only what changed

    # --- data ----------------------------------------------------------------------------

    def reset(self, total: int, cursor: int = 0) -> None:
        """Start over with a new result set of `total` events."""
        self.generation += 1
        self.total = total
        self.pages.clear()
        self.requested.clear()
        # Rows are as wide as the panel less its scrollbar: no horizontal scrollbar ever covers the last row.
        self.virtual_size = Size(self.scrollable_size.width, total)
        self.set_reactive(Timeline.cursor, max(0, min(cursor, total - 1)))
        self.scroll_to(y=self._top_for(self.cursor), animate=False, immediate=True)
        self.refresh()
        self._announce_cursor()

    @property
    def rows_shown(self) -> int:
        """How many rows the screen shows (the panel's height less any scrollbar)."""
        return max(1, self.scrollable_size.height)

    def _top_for(self, cursor: int) -> int:
        """The first row shown when a new result set opens on `cursor`: the cursor mid-screen."""
        return max(0, cursor - self.rows_shown // 2)

    def pages_shown_at(self, cursor: int, total: int) -> list[int]:
        """The pages a reset to `cursor` draws, so the worker that counts can load them all."""
        return self._pages_from(self._top_for(cursor), total)

    def pages_shown_moving_to(self, index: int) -> list[int]:
        """The pages on screen once the cursor moves to `index` (scrolling as little as it can)."""
        top = round(self.scroll_y)
        height = self.rows_shown
        if index < top:
            top = index
        elif index >= top + height:
            top = index - height + 1
        return self._pages_from(top, self.total)

    def _pages_from(self, top: int, total: int) -> list[int]:
        """The pages holding the rows of a screen whose first row is `top`."""
        bottom = max(top, min(total, top + self.rows_shown) - 1)
        return list(range(top // PAGE_SIZE, bottom // PAGE_SIZE + 1))

    def add_page(self, generation: int, page: int, events: list[TimelineEvent]) -> None:
        if generation != self.generation:
            return
        self.pages[page] = events
        self.requested.discard(page)
        top = round(self.scroll_y)
        first, last = page * PAGE_SIZE, (page + 1) * PAGE_SIZE  # the next page's first row needs this one's last
        shown = first <= top + self.rows_shown and last + 1 >= top
        if shown:
            self.refresh()
        if page == self.cursor // PAGE_SIZE:
            self._announce_cursor()
        previous = self.event_at(page * PAGE_SIZE - 1) if page else None
        # The rest of the page is drawn after the frame that shows it; a page loaded ahead, at once.
        later = self.call_after_refresh if shown else self.call_later
        later(self.predraw, events, previous, lambda: generation == self.generation)

    def event_at(self, index: int) -> TimelineEvent | None:
        page = self.pages.get(index // PAGE_SIZE)
        if page is None:
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> TimelineEvent | None:
        return self.event_at(self.cursor)

    def neighbours(self, page: int) -> tuple[TimelineEvent | None, TimelineEvent | None]:
        """The last event before `page` and the first after it, when those pages are loaded."""
        before = self.pages.get(page - 1)
        after = self.pages.get(page + 1)
        return (before[-1] if before else None), (after[0] if after else None)

    # --- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_size.width
        base = self.rich_style
        if index >= self.total:
            lines = self.empty_text.splitlines() if self.total == 0 else []
            if y < len(lines):
                text = Text(f" {clean(lines[y])}", style="italic", no_wrap=True, overflow="ellipsis")
                text.truncate(max(width, 1), overflow="ellipsis", pad=True)
                return Strip(text.render(self.app.console), width)
            return Strip.blank(width, base)
        event = self.event_at(index)
        if event is None:
            self._want(index // PAGE_SIZE)
            return Strip([Segment("  …".ljust(width), base + Style(dim=True))], width)
        strip = self._strip(event, self.event_at(index - 1) if index else None, index == self.cursor)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _strip(self, event: TimelineEvent, previous: TimelineEvent | None, is_cursor: bool) -> Strip:
        """The rendered row, from the cache when this row was drawn (or pre-drawn) the same way before.
        The key holds what the row shows, not where it is, so a row pre-drawn for one result set
        (a page, or a filter found ahead) serves any other that shows it after the same day."""
        width = self.scrollable_size.width
        key = (
            event.id, previous.sort_key[:10] if previous else None, is_cursor, is_cursor and self.has_focus,
            event.id in self.selected, width, tuple(self.search_words),
        )  # fmt: skip
        strip = self._strips.get(key)
        if strip is None:
            text = self._row_text(previous, event, width)
            if is_cursor:
                text.stylize(Style(reverse=True, bold=True) if self.has_focus else Style(reverse=True))
            strip = Strip(text.render(self.app.console), text.cell_len)
            if len(self._strips) > 4000:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def predraw(self, events: list[TimelineEvent], previous: TimelineEvent | None, wanted: Callable[[], bool]) -> None:
        """Draw rows while the app is idle, so showing them later costs nothing: `events` in order,
        after `previous`. A few rows at a time: a key pressed meanwhile waits for one chunk, not for
        all; `wanted()` says whether the rows are still worth drawing."""
        if not wanted() or not events or not self.scrollable_size.width:
            return
        for event in events[:PREDRAW_CHUNK]:
            self._strip(event, previous, False)
            previous = event
        if len(events) > PREDRAW_CHUNK:  # behind whatever is queued now (a key, say); not after a
            # refresh: with nothing left to repaint, that could wait until the next key press
            self.call_later(self.predraw, events[PREDRAW_CHUNK:], previous, wanted)

    def _want(self, page: int) -> None:
        if page not in self.requested:
            self.requested.add(page)
            # Not posted from here: during a render the screen is the message's sender, and a
            # message stops bubbling at its sender. From the timeline's own loop it reaches the app.
            self.call_later(lambda: self.post_message(self.PageWanted(page)))

    def _row_text(self, previous: TimelineEvent | None, event: TimelineEvent, width: int) -> Text:
        day = event.sort_key[:10]
        new_day = previous is None or previous.sort_key[:10] != day
        new_month = previous is None or previous.sort_key[:7] != event.sort_key[:7]
        marker = "●" if event.id in self.selected else " "
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(marker, style="bold magenta")
        if new_day:
            label = short_date(event.date, event.granularity)
            text.append(f"{label:<{DATE_WIDTH}.{DATE_WIDTH}}", style="bold yellow" if new_month else "bold")
        else:
            suffix = event.date[10:].replace("T", " ") if event.granularity == "time" else ""
            text.append(f"{'│ ' + suffix:<{DATE_WIDTH}.{DATE_WIDTH}}", style="dim")
        outlet = clean(event.article.outlet or "")
        text.append(f" {outlet:<{OUTLET_WIDTH}.{OUTLET_WIDTH}} ", style="cyan")
        body = Text(clean(event.text))
        for actor in event.actors:
            for start, end in actor_spans(body.plain, actor):
                body.stylize("bold", start, end)
        highlight_words(body, self.search_words, "black on yellow")
        text.append_text(body)
        if event.date_source == "publication":
            text.append("  (reported)", style="dim italic")
        elif event.sort_key[:10] != event.article.published:
            text.append(f"  · reported {event.article.published}", style="dim italic")
        text.truncate(max(width, 1), overflow="ellipsis", pad=True)
        return text

    # --- cursor --------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self._announce_cursor()

    def _announce_cursor(self) -> None:
        self.post_message(self.CursorMoved(self.current, self.cursor))

    def _scroll_cursor_into_view(self) -> None:
        height = self.rows_shown
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        self.cursor = max(0, min(index, self.total - 1))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # the click's row inside the border, not the widget's
        if offset is not None and offset.x < self.scrollable_size.width:
            self.move_to(round(self.scroll_y) + offset.y)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.total - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(1, self.rows_shown - 1))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.rows_shown - 1))

    def action_half_page_down(self) -> None:
        self.move_to(self.cursor + max(1, self.rows_shown // 2))

    def action_half_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.rows_shown // 2))

    def zoom(self) -> None:
        """`[` and `]` step by month instead of day, or back; the footer says which."""
        self.zoomed_out = not self.zoomed_out
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The day steps or the month steps are bound, never both (so the footer names the one `]` does)."""
        if action in ("next_day", "previous_day"):
            return not self.zoomed_out
        if action in ("next_month", "previous_month"):
            return self.zoomed_out
        return True

    def _step(self, forward: bool) -> None:
        if self.current:
            self.post_message(self.PeriodWanted(self.current, forward))

    def action_next_day(self) -> None:
        self._step(True)

    def action_previous_day(self) -> None:
        self._step(False)

    def action_next_month(self) -> None:
        self._step(True)

    def action_previous_month(self) -> None:
        self._step(False)

    def action_next_match(self) -> None:
        if self.current:
            self.post_message(self.MatchWanted(self.current, self.cursor, True))

    def action_previous_match(self) -> None:
        if self.current:
            self.post_message(self.MatchWanted(self.current, self.cursor, False))

    def action_open_source(self) -> None:
        if self.current:
            self.post_message(self.OpenSource(self.current))

    # --- selection -----------------------------------------------------------------------

    def action_toggle_selection(self) -> None:
        event = self.current
        if event is None:
            return
        self.selected.symmetric_difference_update({event.id})
        self.refresh()
        self.post_message(self.SelectionChanged(len(self.selected)))
        self.move_to(self.cursor + 1)

    def select(self, ids: list[str]) -> None:
        self.selected.update(ids)
        self.refresh()
        self.post_message(self.SelectionChanged(len(self.selected)))

    def unselect_all(self) -> None:
        self.selected.clear()
        self.refresh()
        self.post_message(self.SelectionChanged(0))
