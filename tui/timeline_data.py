"""The timeline's rows read from the store, for the app's workers: one page, and the count of a filter
with the pages shown around a row. Plain functions on a connection: no widgets, no messages posted."""

from __future__ import annotations

from collections.abc import Callable

from dateline.store import queries
from dateline.store.records import EventFilter, TimelineEvent
from dateline.tui.messages import CountLoaded
from dateline.tui.timeline import PAGE_SIZE


def read_page(
    db, flt: EventFilter, page: int, before: TimelineEvent | None, after: TimelineEvent | None, total: int
) -> list[TimelineEvent]:  # type: ignore[no-untyped-def]
    """One page of the timeline, by keyset from a loaded neighbour when there is one."""
    start = page * PAGE_SIZE
    size = min(PAGE_SIZE, total - start)
    if size <= 0:
        return []
    if before is not None:  # keyset: the rows after the previous page's last row
        return queries.page_events(db, flt, after=(before.sort_key, before.id), limit=size)
    if after is not None:  # keyset: the rows before the next page's first row
        return queries.page_events(db, flt, before=(after.sort_key, after.id), limit=size)
    if start > total // 2:  # a jump nearer the end: count back from it
        return queries.page_events_from_end(db, flt, total - start - size, size)
    return queries.page_events(db, flt, offset=start, limit=size)


def count_and_pages(
    db, generation: int, flt: EventFilter, keep: TimelineEvent | None, pages_shown_at: Callable[[int, int], list[int]]
) -> CountLoaded:  # type: ignore[no-untyped-def]
    """How many events match `flt`, where `keep` stands among them, and the pages shown around it."""
    total = queries.count_events(db, flt)
    all_events = queries.count_events(db) if flt.active else total  # O(1): kept by triggers
    cursor = queries.position_of(db, flt, keep.sort_key, keep.id) if keep else 0
    cursor = min(cursor, max(total - 1, 0))
    pages: dict[int, list[TimelineEvent]] = {}
    for page in pages_shown_at(cursor, total):
        before = pages[page - 1][-1] if pages.get(page - 1) else None
        pages[page] = read_page(db, flt, page, before, None, total)
    return CountLoaded(generation, total, all_events, cursor, pages)
