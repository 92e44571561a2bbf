"""Everything the timeline screen reads, as plain records: the store-side timeline service.

Rows are happenings in timeline order (sort key, id). Positions come from a *day index*: how many
happenings each day holds (the first ten characters of their sort key). Without a filter it is the
`happening_days` table the store keeps by triggers; with one, a single grouped pass over what the
filter keeps, made once and kept until the store changes (`happening_total.version`); for a search
alone, a pass over its matching events in `event_happenings` (each event's happening and its day). A jump to any
position is then a binary search over the days and a walk inside one day; the count of a filter,
where a day starts and the density of every day are read from the index without another query.
A search alone is counted without its day index when none is kept (what the status line and the scroll
range need): the distinct happening numbers of its matching events, a set filled nearly in order, where
grouping them by day sorts every match (at 5M happenings, 'security': 0.2 s against 0.45 s of CPU).

Queries run on a small pool of read-only connections, so the reader can be called from worker
threads; `cancel()` interrupts the timeline queries in flight (but those for the filters it spares),
which then raise `Cancelled`. A count or a day index asked for while another thread makes the same one
is waited for, not made twice: a search is counted as it is typed (`TimelineFeed.search_typed`), and the
count asked for when its rows are shown is that one.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils.db import Database

from dateline.store.errors import DatelineError
from dateline.store.happening_queries import fill_search_matches, happening_by_id, happening_where
from dateline.store.queries import fts_query, last_sort_key
from dateline.store.records import Happening, HappeningFilter, PeriodCount, TimelineRow
from dateline.store.schema import open_store

OUTLETS_SHOWN = 5
_INDEXES_KEPT = 32  # day indexes of recent filters (a few KB each)
_WALK = 20_000  # happenings a page of a search's matches is first looked for among

_ROW_COLUMNS = (
    "h.id, h.date_value, h.granularity, h.sort_key, h.planned, h.date_conflicts, h.headline,"
    " h.source_count, h.report_count"
)


class Cancelled(Exception):
    """A query was cancelled by TimelineReader.cancel()."""


class _Making:
    """A count or day index being made by one thread, that others asking for it wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.failed = False


class HappeningNotFound(DatelineError):
    """No happening has this id (the store changed since the row was read)."""


@dataclass(frozen=True)
class _DayIndex:
    """The days holding rows under one filter, in order, and how many rows come before each."""

    days: list[str]
    before: list[int]  # before[i]: rows on days earlier than days[i]
    total: int

    def day_of(self, position: int) -> tuple[str, int]:
        """The day holding the row at `position`, and that row's place within its day."""
        i = bisect_right(self.before, position) - 1
        return self.days[i], position - self.before[i]

    def rows_before_day(self, day: str) -> int:
        i = bisect_left(self.days, day)
        return self.before[i] if i < len(self.days) else self.total

    def counts(self) -> Iterator[tuple[str, int]]:
        ends = [*self.before[1:], self.total] if self.days else []  # no days: no counts, not one of zero rows
        for day, start, end in zip(self.days, self.before, ends, strict=True):
            yield day, end - start


class TimelineReader:
    """Everything the timeline screen reads, as plain records; safe to call from worker threads
    (a small pool of read-only connections); cancel() interrupts every query in flight."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._idle: list[Database] = []
        self._busy: dict[Database, HappeningFilter | None] = {}  # each running query's filter
        self._lock = threading.Lock()
        self._indexes: OrderedDict[tuple[HappeningFilter, int], _DayIndex] = OrderedDict()
        self._totals: OrderedDict[tuple[HappeningFilter, int], int] = OrderedDict()  # searches counted alone
        self._matches_held: dict[Database, tuple[str, int]] = {}  # each connection's temp.search_matches
        self._making: dict[tuple[str, HappeningFilter, int], _Making] = {}
        self._reading: dict[str, threading.Event] = {}  # searches whose matches `read_matches` reads

    # --- connections ---------------------------------------------------------------------

    @contextmanager
    def connection(
        self, cancellable: bool = False, flt: HappeningFilter | None = None, walks: bool = False
    ) -> Iterator[Database]:
        """A read-only connection for the calling thread, back in the pool when the block ends (for the
        store's other queries: actors, quotes, the source view). `cancel()` interrupts the timeline's
        own queries and those run in a `cancellable` block (they raise `Cancelled`), never the other
        panels' queries, which a new filter does not make useless. `flt`: the filter the queries are for
        (`cancel` may spare it). For queries that `walks` with its search's matching events (see
        `_fill_matches`), a connection holding them is preferred, and one reading them waited for; other
        queries take one holding none if they can. Raises `StoreError` for a store that cannot be read."""
        search = flt.search if flt is not None and walks else None
        while True:
            with self._lock:
                held = [d for d in self._idle if search and self._matches_held.get(d, ("",))[0] == search]
                reading = self._reading.get(search) if search and not held else None
                if reading is None:  # else one holding no search's matches (they may be wanted next)
                    free = [d for d in self._idle if d not in self._matches_held]
                    db = held[-1] if held else free[-1] if free else self._idle[0] if self._idle else None
                    if db is not None:
                        self._idle.remove(db)
                    break
            reading.wait()  # its matches are being read into a connection: that one, when they are
        if db is None:
            db = open_store(self.path, create=False)
        if cancellable:
            with self._lock:
                self._busy[db] = flt
        try:
            yield db
        except sqlite3.OperationalError as error:
            if "interrupted" in str(error):
                raise Cancelled() from None
            raise
        finally:
            with self._lock:
                self._busy.pop(db, None)
                self._idle.append(db)

    def cancel(self, sparing: Collection[HappeningFilter] = ()) -> None:
        """Interrupt every timeline query in flight but those for the filters `sparing`: each raises
        `Cancelled` in its thread."""
        with self._lock:
            for db, flt in self._busy.items():
                if flt is None or flt not in sparing:
                    db.conn.interrupt()

    def close(self) -> None:
        with self._lock:
            for db in self._idle:
                db.conn.close()
            self._idle.clear()
            self._matches_held.clear()

    # --- counts and positions ----------------------------------------------------------------

    def total(self) -> int:
        """All happenings in the store (kept by triggers)."""
        with self.connection(cancellable=True) as db:
            return db.execute("select n from happening_total").fetchone()[0]

    def count(self, flt: HappeningFilter) -> int:
        """How many happenings `flt` keeps: from its day index when one is kept; a search alone is
        counted without making one (see the module's note), other filters make it."""
        query = _search_alone(flt)
        if query is None:
            with self.connection(cancellable=True, flt=flt) as db:
                return self._index(db, flt).total

        def kept(key: tuple[HappeningFilter, int]) -> int | None:
            index = self._indexes.get(key)
            return index.total if index is not None else self._totals.get(key)

        def make(db: Database) -> int:
            return db.execute(
                "select count(distinct m.happening_number) from events_fts f"
                " join event_happenings m on m.rowid = f.rowid where events_fts match ?",
                [query],
            ).fetchone()[0]

        total = self._once("total", flt, kept, make, self._totals)
        assert isinstance(total, int)
        return total

    def read_matches(self, flt: HappeningFilter) -> None:
        """Read a search's matching events into a pooled connection, which its first rows (`rows_after`)
        then walk with (a thread asking for its rows meanwhile waits for them): for a search being typed,
        while the app waits to see if another letter comes."""
        if not flt.search:
            return
        read = threading.Event()
        try:
            with self.connection(cancellable=True, flt=flt, walks=True) as db:
                with self._lock:
                    if flt.search in self._reading:
                        return  # another thread reads them
                    self._reading[flt.search] = read
                self._fill_matches(db, flt)
        finally:
            with self._lock:
                if self._reading.get(flt.search) is read:
                    del self._reading[flt.search]
            read.set()

    def position_of(self, flt: HappeningFilter, key: tuple[str, str]) -> int:
        """How many rows under `flt` come before `key` (sort key, id): its row, or where it would stand."""
        with self.connection(cancellable=True, flt=flt, walks=True) as db:
            index = self._index(db, flt)
            day = key[0][:10]
            self._fill_matches(db, flt)
            where, params = happening_where(flt, walk=True)
            within = db.execute(
                f"select count(*) from happenings h where {where} and h.sort_key >= ? and (h.sort_key, h.id) < (?, ?)",
                [*params, day, *key],
            ).fetchone()[0]
            return index.rows_before_day(day) + within

    def position_of_day(self, flt: HappeningFilter, day: str) -> int:
        """The first row on or after `day` (YYYY-MM-DD); the count when there is none."""
        with self.connection(cancellable=True, flt=flt) as db:
            return self._index(db, flt).rows_before_day(day)

    def period_counts(self, flt: HappeningFilter, unit: str) -> list[PeriodCount]:
        """Rows per day, ISO week or month (`unit`), from the first period holding a row to the last,
        the periods between with none included (as zero)."""
        with self.connection(cancellable=True, flt=flt) as db:
            index = self._index(db, flt)
        counts: dict[str, list] = {}
        for day, n in index.counts():
            try:
                date = dt.date.fromisoformat(day)
            except ValueError:
                continue  # a sort key that names no day (not written by Dateline)
            period, first = _period_of(date, unit)
            counts.setdefault(period, [first, 0])[1] += n
        if not counts:
            return []
        periods = []
        first_day = dt.date.fromisoformat(next(iter(counts.values()))[0])
        last_day = dt.date.fromisoformat(list(counts.values())[-1][0])
        date = first_day
        while date <= last_day:
            period, first = _period_of(date, unit)
            periods.append(PeriodCount(period, first, counts.get(period, [first, 0])[1]))
            date = _next_period(date, unit)
        return periods

    # --- rows --------------------------------------------------------------------------------

    def rows_after(self, flt: HappeningFilter, key: tuple[str, str] | None, limit: int) -> list[TimelineRow]:
        """Up to `limit` rows following `key` (from the first row when None), in timeline order."""
        with self.connection(cancellable=True, flt=flt, walks=True) as db:
            self._fill_matches(db, flt)
            return _rows_from(db, flt, key, "asc", limit)

    def rows_before(self, flt: HappeningFilter, key: tuple[str, str], limit: int) -> list[TimelineRow]:
        """Up to `limit` rows preceding `key`, in timeline order."""
        with self.connection(cancellable=True, flt=flt, walks=True) as db:
            self._fill_matches(db, flt)
            rows = _rows_from(db, flt, key, "desc", limit)
        rows.reverse()
        return rows

    def rows_at(self, flt: HappeningFilter, position: int, limit: int) -> list[TimelineRow]:
        """Up to `limit` rows from row `position` on: a binary search over the days, then a walk
        inside the day that holds it (a search tested on each happening walked, up to the last day
        holding a match)."""
        with self.connection(cancellable=True, flt=flt, walks=True) as db:
            index = self._index(db, flt)
            if position >= index.total or position < 0:
                return []
            day, offset = index.day_of(position)
            self._fill_matches(db, flt)
            where, params = happening_where(flt, walk=True)
            where += " and h.sort_key >= ? and h.sort_key <= ?"
            return _rows(db, where, [*params, day, index.days[-1] + "\uffff"], "asc", limit, offset)

    def happening(self, happening_id: str) -> Happening:
        """The detail panel's happening: its reports, sources and quotes."""
        with self.connection() as db:
            found = happening_by_id(db, happening_id)
        if found is None:
            raise HappeningNotFound(f"no happening {happening_id} in {self.path} (reload with r)")
        return found

    def _fill_matches(self, db: Database, flt: HappeningFilter) -> None:
        """The search's matching events in this connection's `temp.search_matches`, read from the full-text
        index only when it holds another search's (or the store changed since)."""
        if not flt.search:
            return
        wanted = (flt.search, db.execute("select version from happening_total").fetchone()[0])
        with self._lock:
            if self._matches_held.get(db) == wanted:
                return
            self._matches_held.pop(db, None)  # until filled whole (a query cancelled midway leaves it part-filled)
        fill_search_matches(db, flt)
        with self._lock:
            self._matches_held[db] = wanted

    # --- the day index -------------------------------------------------------------------------

    def _once(
        self,
        kind: str,
        flt: HappeningFilter,
        kept: Callable[[tuple[HappeningFilter, int]], object | None],
        make: Callable[[Database], object],
        keep: OrderedDict,
        db: Database | None = None,
    ) -> object:
        """What `kept` finds for `flt` in the store as it is now, else what `make` makes (kept in `keep`),
        on `db` or a pooled connection, made once: a thread asking for it while another makes it waits for
        that one (taking no connection meanwhile; `db`, when given, stays its caller's), and raises
        `Cancelled` if that one was cancelled or failed (the one making it raises why)."""
        while True:
            with self.connection(cancellable=True, flt=flt) if db is None else _as_is(db) as conn:
                key = (flt, conn.execute("select version from happening_total").fetchone()[0])
                with self._lock:
                    found = kept(key)
                    if found is not None:
                        if key in keep:
                            keep.move_to_end(key)
                        return found
                    making = self._making.get((kind, *key))
                    mine = making is None
                    if mine:
                        making = self._making[(kind, *key)] = _Making()
                if mine:
                    try:
                        made = make(conn)
                    except BaseException:
                        making.failed = True
                        raise
                    else:
                        with self._lock:
                            _keep(keep, key, made)
                        return made
                    finally:
                        with self._lock:
                            del self._making[(kind, *key)]
                        making.done.set()
            making.done.wait()
            if making.failed:
                raise Cancelled()

    def _index(self, db: Database, flt: HappeningFilter) -> _DayIndex:
        index = self._once("index", flt, self._indexes.get, lambda conn: self._make_index(conn, flt), self._indexes, db)
        assert isinstance(index, _DayIndex)
        return index

    def _make_index(self, db: Database, flt: HappeningFilter) -> _DayIndex:
        if query := _search_alone(flt):
            # its matching events, in rowid order, each with its happening's day and number
            found = db.execute(
                "select m.day, count(distinct m.happening_number) from events_fts f"
                " join event_happenings m on m.rowid = f.rowid where events_fts match ? group by m.day order by m.day",
                [query],
            ).fetchall()
        elif flt.active:
            where, params = happening_where(flt)
            found = db.execute(
                f"select substr(h.sort_key, 1, 10) as day, count(*) from happenings h where {where}"
                " group by day order by day",
                params,
            ).fetchall()
        else:
            found = db.execute("select day, n from happening_days where n > 0 order by day").fetchall()
        days, before, total = [], [], 0
        for day, n in found:
            days.append(day)
            before.append(total)
            total += n
        return _DayIndex(days, before, total)


@contextmanager
def _as_is(db: Database) -> Iterator[Database]:
    yield db


def _search_alone(flt: HappeningFilter) -> str | None:
    """The full-text query of a filter that is a search and nothing else (None for any other)."""
    if flt.active and flt == HappeningFilter(search=flt.search):
        return fts_query(flt.search or "")
    return None


def _keep(kept: OrderedDict, key: object, value: object) -> None:
    """Keep `value` as the newest of `kept`, which holds at most `_INDEXES_KEPT`."""
    kept[key] = value
    kept.move_to_end(key)
    while len(kept) > _INDEXES_KEPT:
        kept.popitem(last=False)


def _rows_from(
    db: Database, flt: HappeningFilter, key: tuple[str, str] | None, order: str, limit: int
) -> list[TimelineRow]:
    """Up to `limit` rows after `key` (`order` asc) or before it (desc), nearest first. A search is first
    tested on each of the next `_WALK` happenings (its events looked up among the search's matching
    events): a page of a word one happening in a hundred has costs the happenings walked to find it,
    not a lookup of every match's account and happening; a rarer word is read the other way round.
    With a first day, rows read forward from before it are the few whose period reaches into it, looked
    for among the matches dated before it (`_reaching_in`), then the walk starts at that day."""
    rows: list[TimelineRow] = []
    if order == "asc" and flt.date_from and fts_query(flt.search or "") and (key is None or key[0] < flt.date_from):
        rows = _reaching_in(db, flt, key, limit)
        if len(rows) == limit:
            return rows
        key, limit = (flt.date_from, ""), limit - len(rows)  # every row from here on is on or after that day
    after, upto = (">", "<=") if order == "asc" else ("<", ">=")
    keyed, key_params = (f" and (h.sort_key, h.id) {after} (?, ?)", [*key]) if key is not None else ("", [])
    if flt.search:
        where, params = happening_where(flt, walk=True)
        end = db.execute(  # the last happening of the walk: an index range of _WALK entries
            f"select h.sort_key, h.id from happenings h where 1{keyed}"
            f" order by h.sort_key {order}, h.id {order} limit 1 offset ?",
            [*key_params, _WALK - 1],
        ).fetchone()
        if end is None:  # the walk reaches the end of the timeline
            return rows + _rows(db, where + keyed, [*params, *key_params], order, limit)
        within = f"{keyed} and (h.sort_key, h.id) {upto} (?, ?)"
        found = _rows(db, where + within, [*params, *key_params, *end], order, limit)
        last_day = last_sort_key(flt.date_to) if flt.date_to else None
        if len(found) == limit or (order == "asc" and last_day is not None and end[0] > last_day):
            return rows + found  # a page, or every row up to the filter's last day
    where, params = happening_where(flt)
    return rows + _rows(db, where + keyed, [*params, *key_params], order, limit)


def _reaching_in(db: Database, flt: HappeningFilter, key: tuple[str, str] | None, limit: int) -> list[TimelineRow]:
    """Up to `limit` rows after `key` dated before the filter's first day (`flt.date_from`, set) that it
    keeps because their period reaches into it (a month, a year): read on the days before it whose
    happenings reach that far (`happening_days.reach`), the few a month or a year starts on."""
    where, params = happening_where(flt, walk=True)
    keyed, key_params = (" and (h.sort_key, h.id) > (?, ?)", [*key]) if key is not None else ("", [])
    found = db.execute(
        f"select {_ROW_COLUMNS} from happening_days d cross join happenings h"  # the few days first
        " on h.sort_key >= d.day and h.sort_key <= d.day || char(65535)"
        f" where d.day < ? and d.reach >= ? and h.sort_key < ? and {where}{keyed}"
        " order by h.sort_key, h.id limit ?",
        [flt.date_from, flt.date_from, flt.date_from, *params, *key_params, limit],
    ).fetchall()
    return _timeline_rows(db, found)


def _rows(
    db: Database,
    where: str,
    params: list[object],
    order: str,
    limit: int,
    offset: int = 0,
) -> list[TimelineRow]:
    found = db.execute(
        f"select {_ROW_COLUMNS} from happenings h where {where}"
        f" order by h.sort_key {order}, h.id {order} limit ? offset ?",
        [*params, limit, offset],
    ).fetchall()
    return _timeline_rows(db, found)


def _timeline_rows(db: Database, found: list[tuple]) -> list[TimelineRow]:
    """Timeline rows of happenings read with `_ROW_COLUMNS`, each with its first outlets."""
    if not found:
        return []
    ids = [r[0] for r in found]
    outlets: dict[str, list[tuple[int, str]]] = {}
    marks = ",".join("?" * len(ids))
    for hid, outlet, sources in db.execute(
        "select s.happening_id, a.outlet, count(distinct s.article_id) from segments s"
        f" join articles a on a.id = s.article_id where s.happening_id in ({marks}) and a.outlet is not null"
        " group by s.happening_id, a.outlet",
        ids,
    ).fetchall():
        outlets.setdefault(hid, []).append((-sources, outlet))
    rows = []
    for hid, date, granularity, sort_key, planned, conflicts, headline, sources, reports in found:
        shown = tuple(outlet for _, outlet in sorted(outlets.get(hid, []))[:OUTLETS_SHOWN])
        conflicting = bool(json.loads(conflicts or "[]"))
        rows.append(
            TimelineRow(
                hid,
                date,
                granularity,
                sort_key,
                bool(planned),
                conflicting,
                headline,
                sources or 0,
                shown,
                reports or 0,
            )
        )
    return rows


def _period_of(date: dt.date, unit: str) -> tuple[str, str]:
    """The period holding `date` (day, ISO week or month) and its first day."""
    if unit == "day":
        return date.isoformat(), date.isoformat()
    if unit == "week":
        year, week, weekday = date.isocalendar()
        return f"{year}-W{week:02d}", (date - dt.timedelta(days=weekday - 1)).isoformat()
    if unit == "month":
        return date.strftime("%Y-%m"), date.replace(day=1).isoformat()
    raise ValueError(f"unknown period unit {unit!r} (day, week or month)")


def _next_period(date: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return date + dt.timedelta(days=1)
    if unit == "week":
        return date + dt.timedelta(days=7 - date.weekday())
    return (date.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
