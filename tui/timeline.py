"""The timeline: a row per happening (its date, its headline wrapped in up to three lines, its sources
badge), drawn with the Line API over a scroll view; `l` expands a happening into its reports.

It draws what its feed (`tui/feed.py`) holds: `feed.row(i)` gives the happening at position `i`, or
None while its page is being read (a one-line placeholder is drawn and the row comes when the page
does). The feed holds the pages around the screen only, so a store of a million happenings costs the
same to draw as one of ten.

Rows have different heights, so the scroll unit is the row (`tui/row_scroll.py`): the scrollbar counts
rows (happenings, and the reports of the expanded ones), the screen always starts at a row's first
line, and only the rows near the screen are ever measured. The cursor is a happening position (what
the feed and the app speak of) and, on an expanded happening, the report it stands on.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dateline.store.records import HappeningReport, TimelineRow
from dateline.tui import row_scroll
from dateline.tui.row_drawing import cursor_style, happening_lines, outlet_width, report_lines
from dateline.tui.text import clean

if TYPE_CHECKING:
    from dateline.tui.feed import TimelineFeed

_CACHED_ROWS = 400  # drawn rows kept (the last drawn): moving the cursor redraws only the two rows that change
_WAIT_FOR_ROWS = 0.05  # seconds a screen moved onto rows not read yet waits for them before showing placeholders
_AHEAD_PAUSE = 0.03  # seconds after a frame before rows are drawn ahead (the panels it updates come first)
_AHEAD_PER_TURN = 2  # rows drawn ahead in one turn of the app's loop (a key arriving meanwhile waits ~1 ms)


class Timeline(ScrollView, can_focus=True):
    """Happenings in date order; the cursor row is highlighted, selected rows are marked."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("l,right", "expand", "Expand"),
        Binding("h,left", "fold", "Fold", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("ctrl+d", "half_page_down", "Half a page down", show=False),
        Binding("ctrl+u", "half_page_up", "Half a page up", show=False),
        Binding("right_square_bracket", "next_day", "Next day"),
        Binding("left_square_bracket", "previous_day", "Prev day", show=False),
        Binding("right_square_bracket", "next_month", "Next month", tooltip="once z steps by months"),
        Binding("left_square_bracket", "previous_month", "Prev month", show=False, tooltip="once z steps by months"),
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
        report: HappeningReport | None = None  # the report the cursor is on, in an expanded happening

    @dataclass
    class OpenSource(Message):
        """Open the source of a happening (its headline's paragraph)."""

        row: TimelineRow

    @dataclass
    class OpenReport(Message):
        """Open the paragraph of one report of an expanded happening."""

        report: HappeningReport

    @dataclass
    class ReportsWanted(Message):
        """`l` on a happening whose reports are not known yet: the app reads them (`show_reports`)."""

        row: TimelineRow
        index: int

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
        self.announced_missing = False  # the cursor was announced before its row was loaded
        self.display_rows = row_scroll.Rows()  # happenings, and the reports of the expanded ones
        self.report: int | None = None  # the report the cursor is on (of the cursor's happening)
        self.reports: dict[str, tuple[HappeningReport, ...]] = {}  # reports read, by happening id
        self.outlet_widths: dict[str, int] = {}  # the outlet column of each one's reports (`outlet_width`)
        self._expanding: str | None = None  # the happening `l` asked the reports of
        self._lines: OrderedDict[tuple, list[Strip]] = OrderedDict()  # drawn rows, by what they show
        self._layout = 0  # bumped when row heights may have changed (rows read, expanded, folded)
        self._map_key: tuple = ()
        self._map: list[tuple[int, int]] = []
        self._steady_size: Size | None = None  # the panel's size and base style while `_steady`
        self._steady_style: Style | None = None
        self._waiting_for_rows = False  # the screen moved onto rows being read: drawn when they come
        self._ahead_queued = False
        # drawing ahead (`_draw_ahead`): the screen it is for, the next row below it and the lines drawn
        # below, the next row above it and the lines drawn above
        self._ahead: tuple[tuple, int, int, int, int] | None = None

    # --- data ----------------------------------------------------------------------------

    def attach(self, feed: TimelineFeed) -> None:
        self.feed = feed

    def reset(self, total: int, cursor: int = 0) -> None:
        """Start over with a new result set of `total` happenings (the feed holds them); every
        happening folded."""
        self.total = total
        self.display_rows.reset(total)
        self.report = None
        self._expanding = None
        self.set_reactive(Timeline.cursor, max(0, min(cursor, total - 1)))
        self._lay_out(top=self._top_around(self.cursor))
        self.refresh()
        self._announce_cursor()

    def grow(self, total: int) -> None:
        """The result set holds `total` happenings, more than it was shown with (a search's first rows come
        before its count): the scroll range grows; the cursor, what is expanded and the screen stay."""
        self.total = total
        self.display_rows.total = total
        self._lay_out(top=self.top)
        self.refresh()

    @property
    def rows_shown(self) -> int:
        """How many rows the screen can show at most (one line each; most rows take more)."""
        return max(1, self._panel_size.height)

    @property
    def _panel_size(self) -> Size:
        """The size rows are drawn in (the panel less its border and scrollbar)."""
        return self._steady_size if self._steady_size is not None else self.scrollable_size

    @property
    def _base_style(self) -> Style:
        return self._steady_style if self._steady_style is not None else self.rich_style

    @contextmanager
    def _steady(self) -> Iterator[None]:
        """Within it, the panel's size and base style are worked out once: Textual works them out afresh
        at every call (walking the widget's ancestors), and drawing a frame or measuring a page of rows
        asks for them for every line and row (at 1M happenings, a quarter of a scrollbar jump's time)."""
        if self._steady_size is not None:
            yield
            return
        self._steady_size, self._steady_style = self.scrollable_size, self.rich_style
        try:
            yield
        finally:
            self._steady_size = self._steady_style = None

    @property
    def top(self) -> int:
        """The display row on the screen's first line."""
        return round(self.scroll_y)

    def rows_in_view(self) -> tuple[int, int]:
        """The first and last happening on screen."""
        with self._steady():
            shown = self._screen_map()
        last = shown[-1][0] if shown else self.top
        return self.display_rows.locate(self.top)[0], self.display_rows.locate(last)[0]

    def rows_shown_moving_to(self, index: int) -> tuple[int, int]:
        """The first and last happening on screen once the cursor moves to `index` (at most a
        screen of one-line rows either side: rows not read yet are measured as one line)."""
        first, last = self.rows_in_view()
        if first <= index <= last:
            return first, last
        if index < first:
            return index, index + self.rows_shown - 1
        return max(0, index - self.rows_shown + 1), index

    def lines_of(self, position: int, report: int | None = None) -> range:
        """The lines of the panel (from the top of its content) where happening `position` (or its
        report number `report`) is drawn: empty when it is not on screen."""
        index = self.display_rows.index_of(position, report)
        lines = [y for y, (shown, _line) in enumerate(self._screen_map()) if shown == index]
        return range(lines[0], lines[-1] + 1) if lines else range(0)

    def rows_arrived(self, pages: list[int]) -> None:
        """The feed has new rows: their heights are known now (the scroll range may grow), redraw
        (and tell where the cursor is, when its row was missing). Rows measured as one line while they
        were not read can push the cursor's row down when they come: it is brought back whole, unless
        the screen had been scrolled away from it."""
        self._lay_out(top=self.top)
        cursor = self.display_rows.index_of(self.cursor, self.report)
        if self.top <= cursor < self.top + self.rows_shown:
            self._show_cursor()
        waiting = self._waiting_for_rows and self.feed is not None and not self.feed.has_rows(*self.rows_in_view())
        if not waiting:  # else the screen's other page is still being read: one frame shows them all
            self._show_scroll()
        if self.feed is not None and self.announced_missing:
            self._announce_cursor()

    def row_at(self, index: int) -> TimelineRow | None:
        return self.feed.row(index) if self.feed is not None and 0 <= index < self.total else None

    @property
    def current(self) -> TimelineRow | None:
        return self.row_at(self.cursor)

    @property
    def current_report(self) -> HappeningReport | None:
        row = self.current
        if row is None or self.report is None:
            return None
        reports = self.reports.get(row.id, ())
        return reports[self.report] if self.report < len(reports) else None

    # --- expanding a happening into its reports ----------------------------------------------

    def show_reports(self, happening_id: str, reports: tuple[HappeningReport, ...]) -> None:
        """A happening's reports, read: kept for drawing, and shown when `l` asked for them."""
        self.reports[happening_id] = reports
        self.outlet_widths[happening_id] = outlet_width(reports)  # once, not for each line drawn
        if len(self.reports) > 200:
            oldest = next(iter(self.reports))
            del self.reports[oldest], self.outlet_widths[oldest]
        if self._expanding == happening_id and self.current is not None and self.current.id == happening_id:
            self._expanding = None
            self._expand(self.cursor, reports)

    def _expand(self, position: int, reports: tuple[HappeningReport, ...]) -> None:
        self.display_rows.expand(position, len(reports))
        self._lay_out(top=self.top)
        self._show_cursor()
        self.refresh()

    def action_expand(self) -> None:
        """`l`: a folded happening shows its reports under it; on an expanded one, down to its first report."""
        row = self.current
        if row is None:
            return
        if self.cursor in self.display_rows.expanded:
            if self.report is None:
                self._move(self.display_rows.index_of(self.cursor, 0))
            return
        reports = self.reports.get(row.id)
        if reports is None:
            self._expanding = row.id
            self.post_message(self.ReportsWanted(row, self.cursor))
            return
        self._expand(self.cursor, reports)

    def action_fold(self) -> None:
        """`h`: from a report, back to its happening, folded; on an expanded happening, fold it."""
        if self.cursor not in self.display_rows.expanded:
            return
        top_position, _ = self.display_rows.locate(self.top)
        self.display_rows.fold(self.cursor)
        self.report = None
        self._lay_out(top=min(self.display_rows.index_of(top_position), self.display_rows.index_of(self.cursor)))
        self._show_cursor()
        self.refresh()
        self._announce_cursor()

    # --- measuring and laying out ------------------------------------------------------------

    def _height(self, index: int) -> int:
        """Lines of display row `index` (a row not read yet: one). Measuring never asks for a page:
        only drawing does (a row measured far from the screen would be read, then let go, again)."""
        position, _report = self.display_rows.locate(index)
        if self._peek(position) is None:
            return 1
        return len(self._display_lines(index))

    def _peek(self, position: int) -> TimelineRow | None:
        """The happening at `position` when the feed holds it (never asking for its page)."""
        feed = self.feed
        if feed is None or not 0 <= position < self.total or not feed.has_rows(position, position):
            return None
        return feed.row(position)

    def _lay_out(self, top: int) -> None:
        """The scroll range (every display row, and room to show the last one at the bottom of
        the screen), and the screen's top."""
        self._layout += 1
        with self._steady():
            count, screen = self.display_rows.count, self.rows_shown
            last_top = row_scroll.max_top(count, screen, self._height)
            # Rows are as wide as the panel less its scrollbar: no horizontal scrollbar ever covers the last row.
            self.virtual_size = Size(self._panel_size.width, last_top + screen)
        top = max(0, min(top, last_top))
        if top != self.top:
            self.scroll_to(y=top, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(top=self.top)  # rows wrap again at the new width

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """The screen moved (a jump of the scrollbar, the wheel, a page key). When it moved onto rows not
        read yet, they are asked for now, not by the frame that draws them, and the screen waits for them
        a moment (at most `_WAIT_FOR_ROWS`) before drawing placeholders: a page at the middle of 1M
        happenings is read in a few ms, and Textual draws at most 60 frames a second, so a frame of
        placeholders put the frame with the rows a whole frame later (~17 ms)."""
        if round(old_value) == round(new_value) or self.feed is None or not self.total:
            super().watch_scroll_y(old_value, new_value)
            return
        first, last = self.rows_in_view()  # rows not read yet measured as a line: at most a screen of them
        if self.feed.has_rows(first, last):
            super().watch_scroll_y(old_value, new_value)
            return
        self.feed.want(first, last)
        self._waiting_for_rows = True  # `rows_arrived` draws them, or `_stop_waiting` the placeholders
        self.set_timer(_WAIT_FOR_ROWS, self._stop_waiting)

    def _stop_waiting(self) -> None:
        if self._waiting_for_rows:
            self._show_scroll()

    def _show_scroll(self) -> None:
        """The screen drawn where it was scrolled to, with its scrollbar (in one frame)."""
        self._waiting_for_rows = False
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = self.scroll_y
        self.refresh()

    def _top_around(self, position: int) -> int:
        """The top that shows happening `position` in the middle of the screen."""
        index = self.display_rows.index_of(position)
        return row_scroll.top_for_bottom(index, max(1, self.rows_shown // 2 + 1), self._height)

    # --- drawing -------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        with self._steady():  # the frame's lines
            lines = super().render_lines(crop)
        if not self._ahead_queued:
            self._ahead_queued = True
            self.set_timer(_AHEAD_PAUSE, self._draw_ahead)  # once the frame and what it set off are done
        return lines

    def _draw_ahead(self) -> None:
        """Draw the rows a page down and a page up would show, a few a turn of the app's loop, while the
        user reads the screen: a page key then finds them drawn (at 1M happenings, drawing a screen of
        rows new to it was half the time of PgDn). Only the rows of the pages held are drawn (measuring
        never asks for a page); a row arriving later is drawn by the frame that shows it."""
        self._ahead_queued = False
        if self.total == 0:
            return
        with self._steady():
            count, screen = self.display_rows.count, self.rows_shown
            key = (self.top, count, screen, self._panel_size.width, self._layout, self.cursor, self.report)
            if self._ahead is None or self._ahead[0] != key:
                shown = self._screen_map()
                self._ahead = (key, (shown[-1][0] + 1) if shown else self.top, 0, self.top - 1, 0)
            _key, below, below_lines, above, above_lines = self._ahead
            for _ in range(_AHEAD_PER_TURN):
                if below < count and below_lines < screen:
                    below_lines += self._height(below)  # drawn (and kept) to be measured
                    below += 1
                elif above >= 0 and above_lines < screen:
                    above_lines += self._height(above)
                    above -= 1
                else:
                    break
            self._ahead = (key, below, below_lines, above, above_lines)
        if (below < count and below_lines < screen) or (above >= 0 and above_lines < screen):
            self._ahead_queued = True
            self.call_later(self._draw_ahead)

    def render_line(self, y: int) -> Strip:
        width = self._panel_size.width
        base = self._base_style
        if self.total == 0:
            lines = self.empty_text.splitlines()
            if y < len(lines):
                text = Text(f" {clean(lines[y])}", style="italic", no_wrap=True, overflow="ellipsis")
                text.truncate(max(width, 1), overflow="ellipsis", pad=True)
                return Strip(text.render(self.app.console), width)
            return Strip.blank(width, base)
        shown = self._screen_map()
        if y >= len(shown):
            return Strip.blank(width, base)
        index, line = shown[y]
        lines = self._display_lines(index)
        return _fitted(lines[min(line, len(lines) - 1)], width, base)

    def _screen_map(self) -> list[tuple[int, int]]:
        """(display row, line of it) for each line of the screen, worked out once for a layout."""
        count, screen = self.display_rows.count, self.rows_shown
        key = (self.top, count, screen, self._panel_size.width, self._layout)
        if self._map_key != key:
            self._map_key = key
            self._map = list(row_scroll.screen_rows(self.top, count, screen, self._height))
        return self._map

    def _display_lines(self, index: int) -> list[Strip]:
        """The lines of display row `index`, drawn once for what they show (cached by it)."""
        position, report = self.display_rows.locate(index)
        row = self.row_at(position)
        width = max(self._panel_size.width, 1)
        if row is None:
            return [Strip([Segment("  …".ljust(width), self._base_style + Style(dim=True))], width)]
        on_cursor = position == self.cursor and report == self.report
        cursor = (on_cursor, on_cursor and self.has_focus)
        if report is not None:
            reports = self.reports.get(row.id, ())
            if report >= len(reports):
                return [Strip([Segment("  …".ljust(width), self._base_style + Style(dim=True))], width)]
            outlets = self.outlet_widths[row.id]  # one column for the outlets of all its reports
            key: tuple = ("report", reports[report].event_id, report == len(reports) - 1, width, cursor,
                          tuple(self.search_words), outlets)  # fmt: skip
            drawn = self._cached(key)
            if drawn is None:
                texts = report_lines(
                    reports[report], width, last=report == len(reports) - 1, search_words=self.search_words,
                    outlet_w=outlets,
                )  # fmt: skip
                drawn = self._cache(key, texts, cursor)
            return drawn
        previous = self._peek(position - 1) if position else None
        new_day = previous is None or previous.sort_key[:10] != row.sort_key[:10]  # a sort key opens with its day
        new_month = previous is None or previous.sort_key[:7] != row.sort_key[:7]
        expanded = position in self.display_rows.expanded
        key = ("row", row.id, new_day, new_month, expanded, row.id in self.selected, width, cursor,
               tuple(self.search_words))  # fmt: skip
        drawn = self._cached(key)
        if drawn is None:
            texts = happening_lines(
                row, width, new_day=new_day, new_month=new_month, selected=row.id in self.selected,
                expanded=expanded, search_words=self.search_words,
            )  # fmt: skip
            drawn = self._cache(key, texts, cursor)
        return drawn

    def _cache(self, key: tuple, texts: list[Text], cursor: tuple[bool, bool]) -> list[Strip]:
        if cursor[0]:
            for text in texts:
                text.stylize_before(cursor_style(cursor[1]))
        drawn = [Strip(text.render(self.app.console), text.cell_len) for text in texts]
        self._lines[key] = drawn
        if len(self._lines) > _CACHED_ROWS:
            self._lines.popitem(last=False)  # the row drawn longest ago
        return drawn

    def _cached(self, key: tuple) -> list[Strip] | None:
        drawn = self._lines.get(key)
        if drawn is not None:
            self._lines.move_to_end(key)
        return drawn

    # --- cursor --------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._show_cursor()
        self.refresh()
        self._announce_cursor()

    def _announce_cursor(self) -> None:
        current = self.current
        self.announced_missing = current is None and self.total > 0  # told again when its row comes
        self.post_message(self.CursorMoved(current, self.cursor, self.current_report))

    def _show_cursor(self) -> None:
        """Scroll as little as needed for all of the cursor's row to show."""
        rows = self.display_rows
        index = rows.index_of(self.cursor, self.report)
        with self._steady():
            top = row_scroll.top_showing(index, self.top, rows.count, self.rows_shown, self._height)
        if top != self.top:
            self._lay_out(top=top)

    def move_to(self, index: int) -> None:
        """The cursor to happening `index` (on the happening itself, not one of its reports)."""
        self.report = None
        self.cursor = max(0, min(index, self.total - 1))

    def _move(self, display_index: int) -> None:
        """The cursor to a display row: a happening or one of an expanded happening's reports."""
        rows = self.display_rows
        position, report = rows.locate(max(0, min(display_index, rows.count - 1)))
        if position == self.cursor and report != self.report:
            self.report = report
            self._show_cursor()
            self.refresh()
            self._announce_cursor()
            return
        self.report = report
        self.cursor = position

    @property
    def _display_cursor(self) -> int:
        return self.display_rows.index_of(self.cursor, self.report)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # the click's line inside the border, not the widget's
        if offset is None or offset.x >= self.scrollable_size.width:
            return
        rows = self.display_rows
        index = row_scroll.row_at(self.top, rows.count, self.rows_shown, self._height, offset.y)
        if index is not None:
            self._move(index)

    def action_cursor_down(self) -> None:
        self._move(self._display_cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self._display_cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.total - 1)

    def action_page_down(self) -> None:
        rows = self.display_rows
        with self._steady():
            cursor, top = row_scroll.page_down(
                self._display_cursor, self.top, rows.count, self.rows_shown, self._height
            )
            self._lay_out(top=top)
        self._move(cursor)

    def action_page_up(self) -> None:
        rows = self.display_rows
        with self._steady():
            cursor, top = row_scroll.page_up(self._display_cursor, self.top, rows.count, self.rows_shown, self._height)
            self._lay_out(top=top)
        self._move(cursor)

    def _half_page(self) -> int:
        rows = self.display_rows
        with self._steady():
            last = row_scroll.last_whole_row(self.top, rows.count, self.rows_shown, self._height)
        return max(1, (last - self.top + 1) // 2)

    def action_half_page_down(self) -> None:
        self._move(self._display_cursor + self._half_page())

    def action_half_page_up(self) -> None:
        self._move(self._display_cursor - self._half_page())

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
        report = self.current_report
        if report is not None:
            self.post_message(self.OpenReport(report))
        elif self.current:
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


def _fitted(strip: Strip, width: int, style: Style) -> Strip:
    """`strip` cut or padded to `width` cells. A strip already that wide is handed back as it is:
    Textual's `crop_extend` would keep it in its own cache (a strip referring to itself), a cycle that
    only a full garbage collection frees, so every row drawn would outlive its use by far (paging
    through 100,000 rows grew the process by 140 MB)."""
    return strip if strip.cell_length == width else strip.crop_extend(0, width, style)
