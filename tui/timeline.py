"""The timeline: one line per happening, drawn with the Line API over a scroll view.

It draws what its feed (`tui/feed.py`) holds: `feed.row(i)` gives the row at `i`, or None while its
page is being read (a placeholder is drawn and the row comes when the page does). The feed holds the
pages around the screen only, so a store of a million happenings costs the same to draw as one of ten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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

from dateline.store.records import TimelineRow
from dateline.tui.feed import first_row_for
from dateline.tui.text import clean, highlight_words, short_date

if TYPE_CHECKING:
    from dateline.tui.feed import TimelineFeed

DATE_WIDTH = 17


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
    """Happenings in date order; the cursor row is highlighted, selected rows are marked."""

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
    class CursorMoved(Message):
        row: TimelineRow | None
        index: int

    @dataclass
    class OpenSource(Message):
        row: TimelineRow

    @dataclass
    class PeriodWanted(Message):
        """Move to the next (or previous) day or month from this row."""

        row: TimelineRow
        index: int
        forward: bool

    @dataclass
    class MatchWanted(Message):
        """Move to the next (or previous) happening matching the search from this row."""

        row: TimelineRow
        index: int
        forward: bool

    @dataclass
    class SelectionChanged(Message):
        count: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.feed: TimelineFeed | None = None  # what it draws: set by the feed, given this widget
        self.total = 0
        self.selected: set[str] = set()
        self.search_words: list[str] = []
        self.empty_text = ""  # what an empty result set says in place of rows (a line each)
        self.zoomed_out = False  # `[`/`]` move by month instead of day
        self._strips: dict[tuple, Strip] = {}  # rendered rows, so moving the cursor redraws only what changed
        self.announced_missing = False  # the cursor was announced before its row was loaded

    # --- data ----------------------------------------------------------------------------

    def attach(self, feed: TimelineFeed) -> None:
        self.feed = feed

    def reset(self, total: int, cursor: int = 0) -> None:
        """Start over with a new result set of `total` rows (the feed holds them)."""
        self.total = total
        # Rows are as wide as the panel less its scrollbar: no horizontal scrollbar ever covers the last row.
        self.virtual_size = Size(self.scrollable_size.width, total)
        self.set_reactive(Timeline.cursor, max(0, min(cursor, total - 1)))
        self.scroll_to(y=first_row_for(self.cursor, self.rows_shown), animate=False, immediate=True)
        self.refresh()
        self._announce_cursor()

    @property
    def rows_shown(self) -> int:
        """How many rows the screen shows (the panel's height less any scrollbar)."""
        return max(1, self.scrollable_size.height)

    def rows_in_view(self) -> tuple[int, int]:
        """The first and last row on screen."""
        top = round(self.scroll_y)
        return top, top + self.rows_shown - 1

    def rows_shown_moving_to(self, index: int) -> tuple[int, int]:
        """The first and last row on screen once the cursor moves to `index` (scrolling as little as it can)."""
        top = round(self.scroll_y)
        height = self.rows_shown
        if index < top:
            top = index
        elif index >= top + height:
            top = index - height + 1
        return top, top + height - 1

    def rows_arrived(self, pages: list[int]) -> None:
        """The feed has new rows: redraw (and tell where the cursor is, when its row was missing)."""
        self.refresh()
        if self.feed is not None and self.announced_missing:
            self._announce_cursor()

    def row_at(self, index: int) -> TimelineRow | None:
        return self.feed.row(index) if self.feed is not None and 0 <= index < self.total else None

    @property
    def current(self) -> TimelineRow | None:
        return self.row_at(self.cursor)

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
        row = self.row_at(index)
        if row is None:
            return Strip([Segment("  …".ljust(width), base + Style(dim=True))], width)
        strip = self._strip(row, self.row_at(index - 1) if index else None, index == self.cursor)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _strip(self, row: TimelineRow, previous: TimelineRow | None, is_cursor: bool) -> Strip:
        """The rendered row, from the cache when this row was drawn the same way before. The key holds
        what the row shows, not where it is, so a row drawn for one result set serves any other that
        shows it after the same day."""
        width = self.scrollable_size.width
        key = (
            row.id, previous.sort_key[:10] if previous else None, is_cursor, is_cursor and self.has_focus,
            row.id in self.selected, width, tuple(self.search_words),
        )  # fmt: skip
        strip = self._strips.get(key)
        if strip is None:
            text = self._row_text(previous, row, width)
            if is_cursor:
                text.stylize(Style(reverse=True, bold=True) if self.has_focus else Style(reverse=True))
            strip = Strip(text.render(self.app.console), text.cell_len)
            if len(self._strips) > 4000:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _row_text(self, previous: TimelineRow | None, row: TimelineRow, width: int) -> Text:
        """One plain line: the date (on a day's first row), how many sources, the headline."""
        day = row.sort_key[:10]
        new_day = previous is None or previous.sort_key[:10] != day
        new_month = previous is None or previous.sort_key[:7] != row.sort_key[:7]
        marker = "●" if row.id in self.selected else " "
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(marker, style="bold magenta")
        if new_day:
            label = short_date(row.date, row.granularity)
            text.append(f"{label:<{DATE_WIDTH}.{DATE_WIDTH}}", style="bold yellow" if new_month else "bold")
        else:
            suffix = row.date[10:].replace("T", " ") if row.granularity == "time" else ""
            text.append(f"{'│ ' + suffix:<{DATE_WIDTH}.{DATE_WIDTH}}", style="dim")
        text.append(f"{row.source_count:>3} src  ", style="cyan")
        body = Text(clean(row.headline))
        highlight_words(body, self.search_words, "black on yellow")
        text.append_text(body)
        text.truncate(max(width, 1), overflow="ellipsis", pad=True)
        return text

    # --- cursor --------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self._announce_cursor()

    def _announce_cursor(self) -> None:
        current = self.current
        self.announced_missing = current is None and self.total > 0  # told again when its row comes
        self.post_message(self.CursorMoved(current, self.cursor))

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
            self.post_message(self.PeriodWanted(self.current, self.cursor, forward))

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
        row = self.current
        if row is None:
            return
        self.selected.symmetric_difference_update({row.id})
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
