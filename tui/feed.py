"""The timeline's feed: the one owner of what the timeline shows and of the work that reads it.

Given the timeline widget and the store's `TimelineReader`, it runs the workers that count a filter
and read pages of rows, numbers each filter it is asked to show (a generation) so that late answers
for an older one are dropped, cancels the reader's queries a new filter makes useless, and holds the
pages of rows around the screen: a page more than `WINDOW` pages from the screen (and the cursor) is
let go, so paging through a million rows holds what a screen needs, not what it has passed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from dateline.store.queries import ends_in_short_prefix
from dateline.store.records import HappeningFilter, TimelineRow
from dateline.store.timeline import Cancelled, TimelineReader

if TYPE_CHECKING:
    from dateline.tui.timeline import Timeline

PAGE_SIZE = 100
WINDOW = 3  # pages kept either side of the pages on screen


def first_row_for(cursor: int, rows_shown: int) -> int:
    """The first row shown when a result set opens on `cursor`: the cursor mid-screen."""
    return max(0, cursor - rows_shown // 2)


def pages_of(first: int, last: int) -> list[int]:
    """The pages holding rows `first` to `last` (inclusive)."""
    return list(range(first // PAGE_SIZE, max(first, last) // PAGE_SIZE + 1))


@dataclass(frozen=True)
class _Prepared:
    """What showing a filter with the cursor on a row gives: found ahead, or found to show it now."""

    filter: HappeningFilter
    keep: tuple[str, str] | None
    total: int
    all_total: int
    cursor: int
    pages: dict[int, list[TimelineRow]]


class TimelineFeed:
    """Owns the timeline's workers, their generations and cancellation, and the pages of rows it holds
    (a window around the screen; pages outside it are evicted)."""

    @dataclass
    class Shown(Message):
        """A filter's rows are on screen: how many it keeps, of how many in the store. A search's first
        rows are shown before they are counted (`counted` False, `total` the rows read): a second
        message brings the count."""

        filter: HappeningFilter
        total: int
        all_total: int
        counted: bool = True

    def __init__(self, timeline: Timeline, reader: TimelineReader) -> None:
        self.timeline = timeline
        self.reader = reader
        self._filter = HappeningFilter()
        self._total = 0
        self._all_total = 0
        self._counted = True
        self._early_count: tuple[int, int] | None = None  # (generation, count) come before its first rows
        self._asked = 0  # the generation of the filter asked for last
        self._asked_filter = HappeningFilter()
        self._showing = 0  # the generation of the rows held (and shown)
        self._pages: dict[int, list[TimelineRow]] = {}
        self._requested: set[int] = set()
        self._ahead: _Prepared | None = None  # a filter found ahead (`prepare`)
        timeline.attach(self)

    # --- what the timeline reads -------------------------------------------------------------

    @property
    def filter(self) -> HappeningFilter:
        """The filter whose rows are shown."""
        return self._filter

    @property
    def total(self) -> int:
        """Rows the shown filter keeps."""
        return self._total

    @property
    def counted(self) -> bool:
        """Whether `total` is the filter's count (not yet, while a search's first rows are shown)."""
        return self._counted

    @property
    def all_total(self) -> int:
        """Happenings in the store."""
        return self._all_total

    @property
    def pages_held(self) -> int:
        return len(self._pages)

    def row(self, index: int) -> TimelineRow | None:
        """The row at `index`; None when it is not loaded yet (its page is asked for)."""
        page = self._pages.get(index // PAGE_SIZE)
        if page is None:
            if 0 <= index < self._total:
                self._request(index // PAGE_SIZE)
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def has_rows(self, first: int, last: int) -> bool:
        """Whether every page holding rows `first` to `last` is loaded."""
        return all(page in self._pages for page in pages_of(first, min(last, self._total - 1)))

    # --- showing a filter --------------------------------------------------------------------------

    def show(self, flt: HappeningFilter, keep: tuple[str, str] | None = None) -> None:
        """Show the rows `flt` keeps, the cursor on `keep` (or where it would stand). Queries still
        running for an earlier filter are cancelled; the rows shown stay until the new ones come."""
        self._asked += 1
        self._asked_filter = flt
        generation = self._asked
        ahead, self._ahead = self._ahead, None
        if ahead is not None and (ahead.filter, ahead.keep) == (flt, keep):
            self._shown(generation, ahead)  # found while the user looked at what would be chosen
            return
        rows_shown = self.timeline.rows_shown
        if flt.search and keep is None:  # a search typed: its first rows drawn before it is counted
            self.reader.cancel(sparing={flt})  # its matches read and its count made as it was typed
            self._run(lambda: self._show_first(generation, flt, rows_shown), "feed-count", True)
            self._run(lambda: self._back(self._count_arrived, generation, self.reader.count(flt)), "feed-total", True)
            return
        self.reader.cancel()
        self._run(lambda: self._back(self._shown, generation, self._prepare(flt, keep, rows_shown)), "feed-count", True)

    def search_typed(self, flt: HappeningFilter) -> None:
        """A search being typed, which `show(flt)` follows if no other letter comes meanwhile: its matching
        events are read (what its first rows walk with) and counted now, and `show` finds them made or
        being made. What was started for a search typed before is cancelled; what the filter shown and
        the filter asked for last wait for is not. A search ending in a prefix of one or two letters is
        not read ahead (it reads widely, and the next letter comes soon)."""
        self.reader.cancel(sparing={flt, self._filter, self._asked_filter})
        if flt.search and ends_in_short_prefix(flt.search):
            return
        self._run(lambda: self.reader.read_matches(flt), "feed-search-matches", True)
        self._run(lambda: self.reader.count(flt), "feed-search-count", True)

    def _show_first(self, generation: int, flt: HappeningFilter, rows_shown: int) -> None:
        """(In a worker.) The first screen of a search's rows, found by walking the timeline from its start,
        shown at once, while another worker counts them (a count visits every match: a tenth of a
        million-happening store); the count sets how far the timeline scrolls. When the first pages hold
        every match, they are the count."""
        pages = pages_of(0, rows_shown - 1)
        wanted = len(pages) * PAGE_SIZE
        rows = self.reader.rows_after(flt, None, wanted)
        held = {page: rows[(page - pages[0]) * PAGE_SIZE :][:PAGE_SIZE] for page in pages}
        counted = len(rows) < wanted
        self._back(self._shown, generation, _Prepared(flt, None, len(rows), self.reader.total(), 0, held), counted)

    def _count_arrived(self, generation: int, total: int) -> None:
        if generation != self._asked:
            return  # a newer filter was asked for meanwhile
        if generation != self._showing:
            self._early_count = (generation, total)  # counted before the first rows were read: shown with them
            return
        self._early_count = None
        if self._counted:
            return  # the first pages held every match
        self._total, self._counted = total, True
        self.timeline.grow(total)
        self.timeline.post_message(self.Shown(self._filter, total, self._all_total))

    def prepare(self, flt: HappeningFilter, keep: tuple[str, str] | None = None) -> None:
        """Find ahead what `show(flt, keep)` would show, so that it then shows at once."""
        self._ahead = None
        rows_shown = self.timeline.rows_shown

        def found(prepared: _Prepared) -> None:
            self._ahead = prepared

        self._run(lambda: self._back(found, self._prepare(flt, keep, rows_shown)), "feed-ahead", True)

    def keep_ahead(self, prepared: _Prepared) -> None:
        """What `read_first_screen` found: `show` of its filter shows it at once."""
        self._ahead = prepared

    def prepared(self, flt: HappeningFilter, keep: tuple[str, str] | None = None) -> bool:
        """Whether `show(flt, keep)` would show at once (it was found ahead)."""
        return self._ahead is not None and (self._ahead.filter, self._ahead.keep) == (flt, keep)

    def _prepare(self, flt: HappeningFilter, keep: tuple[str, str] | None, rows_shown: int) -> _Prepared:
        """(In a worker.) The count, the cursor's row and the pages a screen on it shows."""
        return _prepare(self.reader, flt, keep, rows_shown)

    def _shown(self, generation: int, prepared: _Prepared, counted: bool = True) -> None:
        if generation != self._asked:
            return  # a newer filter was asked for meanwhile
        self._showing = generation
        self._filter, self._total, self._all_total = prepared.filter, prepared.total, prepared.all_total
        self._counted = counted
        self._pages = dict(prepared.pages)
        self._requested.clear()
        self.timeline.reset(prepared.total, prepared.cursor)
        self.timeline.post_message(self.Shown(prepared.filter, prepared.total, prepared.all_total, counted))
        if self._early_count is not None and self._early_count[0] == generation:
            self._count_arrived(*self._early_count)

    # --- pages ----------------------------------------------------------------------------------

    def want(self, first: int, last: int) -> None:
        """The screen moved to show rows `first` to `last` (or fewer): the pages holding them that are not
        held are asked for now, before the frame that shows them is drawn."""
        for page in pages_of(first, min(last, self._total - 1)):
            if page not in self._pages:
                self._request(page, now=True)

    def _request(self, page: int, now: bool = False) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        generation, flt = self._showing, self._filter
        before = self._pages.get(page - 1)
        after = self._pages.get(page + 1)
        after_key = before[-1].key if before else None
        before_key = after[0].key if after else None

        def load() -> None:
            if after_key is not None:  # keyset from a loaded neighbour: the cheapest read
                rows = self.reader.rows_after(flt, after_key, PAGE_SIZE)
            elif before_key is not None:
                rows = self.reader.rows_before(flt, before_key, PAGE_SIZE)
            else:
                rows = self.reader.rows_at(flt, page * PAGE_SIZE, PAGE_SIZE)
            self._back(self._page_loaded, generation, {page: rows})

        if now:
            self._run(load, "feed-pages", False, lambda: self._requested.discard(page))
        else:  # asked for by a frame being drawn: started from the timeline's own loop, after the frame
            self.timeline.call_later(self._run, load, "feed-pages", False, lambda: self._requested.discard(page))

    def _page_loaded(self, generation: int, pages: dict[int, list[TimelineRow]]) -> None:
        if generation != self._showing:
            return
        self._pages.update(pages)
        self._requested.difference_update(pages)
        self.evict()
        self.timeline.rows_arrived(pages_of(min(pages) * PAGE_SIZE, max(pages) * PAGE_SIZE))

    def evict(self) -> None:
        """Let go of the pages more than WINDOW pages away from the screen and from the cursor, but those
        of the first and the last screen (`g` and `G` then land without reading a page: at most four)."""
        top, bottom = self.timeline.rows_in_view()
        near = set(pages_of(max(0, top - WINDOW * PAGE_SIZE), bottom + WINDOW * PAGE_SIZE))
        cursor_page = self.timeline.cursor // PAGE_SIZE
        near.update(range(cursor_page - WINDOW, cursor_page + WINDOW + 1))
        screen = self.timeline.rows_shown
        near.update(pages_of(0, min(screen, self._total) - 1))
        near.update(pages_of(max(0, self._total - screen), self._total - 1))
        for page in [p for p in self._pages if p not in near]:
            del self._pages[page]

    def go_to(self, index: int) -> None:
        """Move the cursor to `index` once the rows a screen there shows are loaded (one frame shows
        the new place whole)."""
        first, last = self.timeline.rows_shown_moving_to(index)
        if self.has_rows(first, last):
            self.timeline.move_to(index)
            return
        generation, flt = self._showing, self._filter
        pages = pages_of(first, min(last, self._total - 1))

        def load() -> None:
            rows = self.reader.rows_at(flt, pages[0] * PAGE_SIZE, len(pages) * PAGE_SIZE)
            held = {page: rows[(page - pages[0]) * PAGE_SIZE :][:PAGE_SIZE] for page in pages}
            self._back(self._landed, generation, held, index)

        self._run(load, "feed-jump", True)

    def _landed(self, generation: int, pages: dict[int, list[TimelineRow]], index: int) -> None:
        if generation != self._showing:
            return
        self._pages.update(pages)
        self.timeline.move_to(index)
        self.evict()

    # --- workers --------------------------------------------------------------------------------

    def _run(
        self, work: Callable[[], None], group: str, exclusive: bool, cancelled: Callable[[], None] | None = None
    ) -> None:
        """Run `work` in a thread worker (the app's, which reports a worker's error); what it hands back
        (through `_back`) runs on the app's loop. A query cancelled for a newer filter ends the worker
        quietly, after `cancelled`."""

        def run() -> None:
            try:
                work()
            except Cancelled:
                if cancelled is not None:
                    self._back(cancelled)

        self.timeline.app.run_worker(run, thread=True, group=group, exclusive=exclusive, exit_on_error=False)

    def _back(self, callback: Callable[..., None], *args: object) -> None:
        """(In a worker.) Run `callback` on the app's loop, where the timeline and the feed's state live."""
        self.timeline.app.call_from_thread(callback, *args)


def read_first_screen(reader: TimelineReader, flt: HappeningFilter) -> _Prepared:
    """(In a worker.) What `TimelineFeed.show(flt)` shows first, for `keep_ahead`: the app's start reads it
    in the worker that opens the store, before the timeline is laid out (a page: more rows than a screen
    shows), so that the first rows are drawn as soon as the store is ready."""
    return _prepare(reader, flt, None, PAGE_SIZE)


def _prepare(reader: TimelineReader, flt: HappeningFilter, keep: tuple[str, str] | None, rows_shown: int) -> _Prepared:
    """The count, the cursor's row and the pages a screen of `rows_shown` rows on it shows."""
    if not flt.active and keep is None:  # the first screen: no day index needed (the count is kept)
        total = reader.total()
        pages = pages_of(0, min(total, rows_shown) - 1) if total else []
        rows = reader.rows_after(flt, None, len(pages) * PAGE_SIZE) if pages else []
        held = {page: rows[page * PAGE_SIZE :][:PAGE_SIZE] for page in pages}
        return _Prepared(flt, keep, total, total, 0, held)
    total = reader.count(flt)
    all_total = reader.total() if flt.active else total
    cursor = min(reader.position_of(flt, keep), max(total - 1, 0)) if keep else 0
    top = first_row_for(cursor, rows_shown)
    pages = pages_of(top, min(total, top + rows_shown) - 1) if total else []
    rows = reader.rows_at(flt, pages[0] * PAGE_SIZE, len(pages) * PAGE_SIZE) if pages else []
    held = {page: rows[(page - pages[0]) * PAGE_SIZE :][:PAGE_SIZE] for page in pages}
    return _Prepared(flt, keep, total, all_total, cursor, held)
