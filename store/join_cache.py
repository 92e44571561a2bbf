"""What the happenings join reads of the store, kept in memory by the writer from one article to the next.

For each new account, the join (`store.happenings.record_segments`) reads the happenings dated near it
and the first accounts of each on the days around it. Those are index ranges, but the same ones are read
again article after article (2,000 articles asked for 81,000 (happening, day) ranges, 5,200 of them
different). The writer keeps here what it has read and what it has written since, so each is read once.

What is kept is what the store holds, or nothing: all of it is dropped when another connection has
written to the store (`PRAGMA data_version` changes), when the happenings are not as this writer left
them (`happening_total.version` changes with every write to `happenings`, and a rolled-back transaction
or savepoint puts it back), and while the writer changes it (a write that fails half-way leaves it
dropped).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from weakref import WeakKeyDictionary

from sqlite_utils.db import Database

from dateline.extract.happenings import Segment

# Happening rows as the join reads them: (id, kinds (JSON, or None)), in id order.
Nearby = list[tuple[str, str | None]]

_COARSE = ("month", "week", "year")  # granularities a day's range leaves out (compared on their own date)
_DATE = re.compile(r"\d{4}-\d\d-\d\d")


class JoinCache:
    """Happenings by the day whose range they fall in (or by their coarse date), and the first accounts
    of each happening on a day, as `_nearby_happenings` and `_accounts_near` would read them."""

    KEYS_LIMIT = 200_000  # ranges kept (days, coarse dates, (happening, day)); past this, all are read again

    def __init__(self, accounts_per_happening: int) -> None:
        self.limit = accounts_per_happening
        self.stamp: tuple[int, int] | None = None  # (data_version, happenings version) it is valid for
        self._empty()

    def _empty(self) -> None:
        self.by_day: dict[str, Nearby] = {}  # a day -> the happenings `_nearby_happenings` reads for it
        self.by_date: dict[tuple[str, str], Nearby] = {}  # (sort key, value) of a coarse date -> likewise
        self.lists_of: dict[str, list[Nearby]] = {}  # a happening -> the lists above that hold it
        self.accounts: dict[tuple[str, str], list[Segment]] = {}  # (happening, day) -> its first accounts, by id
        self.days_of: dict[str, set[str]] = {}  # a happening -> the days it has an entry in `accounts` for
        self.stored: dict[str, tuple] = {}  # a happening this writer wrote -> `happenings.StoredHappening`

    # --- reading -----------------------------------------------------------------------------------

    def nearby(self, db: Database, segment: Segment) -> Nearby:
        """The happenings dated within a day of the account (or on its coarse date), by id."""
        if len(self.by_day) + len(self.by_date) + len(self.accounts) + len(self.stored) > self.KEYS_LIMIT:
            self._empty()  # a long ingest over many years: what was kept is read again as needed
        if segment.date.day is None:
            key = (segment.date.sort_key, segment.date.value)
            if key not in self.by_date:
                rows = db.execute(  # the sort key leads the index: an index range
                    "select id, kinds from happenings where sort_key = ? and date_value = ? order by id", list(key)
                ).fetchall()
                self.by_date[key] = self._listed(rows)
            return self.by_date[key]
        day = segment.date.first_day
        key_day = day.isoformat()
        if key_day not in self.by_day:
            low, high = _day_range(day)
            rows = db.execute(
                "select id, kinds from happenings where sort_key between ? and ? and granularity not in"
                f" ({', '.join(repr(g) for g in _COARSE)}) order by id",
                [low, high],
            ).fetchall()
            self.by_day[key_day] = self._listed(rows)
        return self.by_day[key_day]

    def first_accounts(
        self,
        db: Database,
        hids: Sequence[str],
        days: Sequence[str],
        parse: Callable[[list[str]], Mapping[str, Segment]],
    ) -> list[list[list[Segment]]]:
        """For each happening, its first accounts (by id) on each of `days`: a list of them a day, parsed.
        Those not kept are read as ids, and `parse` gives each id's account (read once: see `_accounts_near`)."""
        accounts = self.accounts
        try:
            return [[accounts[hid, day] for day in days] for hid in hids]  # most often, all are kept
        except KeyError:
            pass
        missing = [[hid, day] for hid in hids for day in days if (hid, day) not in accounts]
        if missing:
            if len(accounts) + len(missing) > self.KEYS_LIMIT:
                accounts.clear()
                self.days_of.clear()
                missing = [[hid, day] for hid in hids for day in days]
            found: list[list[str]] = [[] for _ in missing]
            for index, sid in db.execute(
                "select p.key, s.id from json_each(?) p, segments s where s.rowid in (select rowid from segments"
                " where happening_id = json_extract(p.value, '$[0]') and day = json_extract(p.value, '$[1]')"
                " order by id limit ?) order by p.key, s.id",
                [json.dumps(missing), self.limit],
            ).fetchall():
                found[index].append(sid)
            parsed = parse([sid for ids in found for sid in ids])
            for (hid, day), ids in zip(missing, found, strict=True):
                accounts[hid, day] = [parsed[sid] for sid in ids]
                self.days_of.setdefault(hid, set()).add(day)
        return [[accounts[hid, day] for day in days] for hid in hids]

    # --- the writer's changes, as it makes them --------------------------------------------------

    def changing(self) -> None:
        """The writer is about to change the store and the cache: until `changed`, the cache is not trusted."""
        self.stamp = None

    def changed(self, db: Database) -> None:
        """The writer's changes are made, in the store and here alike."""
        self.stamp = _stamp(db)

    def relabelled(self, previous: str, hid: str) -> None:
        """Every account of happening `previous` now belongs to `hid`."""
        for day in self.days_of.pop(previous, set()) | self.days_of.get(hid, set()):
            theirs, ours = self.accounts.pop((previous, day), None), self.accounts.get((hid, day))
            if theirs is not None and ours is not None:
                self.accounts[hid, day] = sorted(theirs + ours, key=_id)[: self.limit]
            elif ours is not None:  # the other's accounts that day are not known here: read them again
                del self.accounts[hid, day]
                self.days_of[hid].discard(day)

    def accounts_added(self, hid: str, segments: Sequence[Segment]) -> None:
        """Accounts written into happening `hid`, as they read back (`happenings._as_stored`)."""
        for segment in segments:
            kept = self.accounts.get((hid, segment.date.sort_key[:10]))
            if kept is not None:
                bisect.insort(kept, segment, key=_id)
                del kept[self.limit :]

    def happening_removed(self, hid: str) -> None:
        self.stored.pop(hid, None)
        for listed in self.lists_of.pop(hid, []):
            index = bisect.bisect_left(listed, (hid,))
            if index < len(listed) and listed[index][0] == hid:
                del listed[index]

    def happening_added(self, row: dict[str, object], stored: tuple | None = None) -> None:
        """A happening's new row (`_joined`): into every list `nearby` keeps that the store would give it in;
        `stored`: what `happenings._stored` would read of it, when the writer knows it."""
        if stored is not None:
            self.stored[str(row["id"])] = stored
        hid, kinds, sort_key = str(row["id"]), row["kinds"], str(row["sort_key"])
        item = (hid, None if kinds is None else str(kinds))
        by_date = self.by_date.get((sort_key, str(row["date_value"])))
        if by_date is not None:
            self._insert(by_date, item)
        if row["granularity"] is None or row["granularity"] in _COARSE:
            return
        if _DATE.fullmatch(sort_key[:10]):  # ISO days sort as their text: only the day and those either side
            first = dt.date.fromisoformat(sort_key[:10])
            days = [(first + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
        else:
            days = list(self.by_day)
        for day in days:
            listed = self.by_day.get(day)
            if listed is not None:
                low, high = _day_range(dt.date.fromisoformat(day))
                if low <= sort_key <= high:
                    self._insert(listed, item)

    def _insert(self, listed: Nearby, item: tuple[str, str | None]) -> None:
        bisect.insort(listed, item)
        self.lists_of.setdefault(item[0], []).append(listed)

    def _listed(self, rows: list[tuple[str, str | None]]) -> Nearby:
        listed: Nearby = [(hid, kinds) for hid, kinds in rows]
        for hid, _ in listed:
            self.lists_of.setdefault(hid, []).append(listed)
        return listed


def _id(segment: Segment) -> str:
    return segment.id


def _day_range(day: dt.date) -> tuple[str, str]:
    """Sort keys within a day of `day`: the day before's first to the day after's last (times included)."""
    return (day - dt.timedelta(days=1)).isoformat(), (day + dt.timedelta(days=1)).isoformat() + "T99"


_caches: WeakKeyDictionary[Database, JoinCache] = WeakKeyDictionary()


def join_cache(db: Database, accounts_per_happening: int) -> JoinCache:
    """The writer's cache for `db`, emptied first if the store is not as it was when the cache was last
    left whole. Call it inside the write transaction, before reading."""
    cache = _caches.get(db)
    stamp = _stamp(db)
    if cache is None or cache.stamp != stamp:
        cache = _caches[db] = JoinCache(accounts_per_happening)
        cache.stamp = stamp
    return cache


def drop_join_cache(db: Database) -> None:
    """Let go of the writer's cache for `db` (a bulk load writes without keeping it up)."""
    _caches.pop(db, None)


def _stamp(db: Database) -> tuple[int, int]:
    data_version = db.conn.execute("pragma data_version").fetchone()[0]
    version = db.conn.execute("select version from happening_total").fetchone()
    return data_version, version[0] if version else -1
