"""The store-side timeline service on real stores: a crisis-like store ingested from articles, and a store
of many happenings over uneven days, whose every position is checked against the full list."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from dateline.store import timeline
from dateline.store.happening_queries import happening_ids
from dateline.store.records import HappeningFilter
from dateline.store.rows import insert_rows
from dateline.store.schema import open_store
from dateline.store.timeline import Cancelled, HappeningNotFound, TimelineReader
from tests.crisis_store import add_articles, aid_headline, write_aid_store, write_crisis_store

ALL = HappeningFilter()


@pytest.fixture
def crisis(tmp_path: Path) -> TimelineReader:
    reader = TimelineReader(write_crisis_store(tmp_path))
    yield reader
    reader.close()


def test_rows_of_the_crisis_store(crisis: TimelineReader) -> None:
    rows = crisis.rows_after(ALL, None, 100)
    assert crisis.total() == crisis.count(ALL) == len(rows) >= 5
    assert [r.key for r in rows] == sorted(r.key for r in rows), "timeline order"
    geneva = next(r for r in rows if "Geneva" in r.headline)
    assert geneva.date == "2022-01-21" and geneva.source_count == 3
    assert set(geneva.outlets) == {"Wire Service", "State Daily", "Evening Courier"}
    happening = crisis.happening(geneva.id)
    assert {a.outlet for a in happening.sources} == set(geneva.outlets)
    assert any(q.speaker == "Antony Blinken" for q in happening.quotes)
    with pytest.raises(HappeningNotFound):
        crisis.happening("h-none")


def test_filters_count_and_list_the_same_rows(crisis: TimelineReader) -> None:
    everything = crisis.rows_after(ALL, None, 100)
    filters = [
        HappeningFilter(outlets=("wire service",)),
        HappeningFilter(not_outlets=("Wire Service",)),
        HappeningFilter(search="Geneva"),
        HappeningFilter(date_from="2022-02-01"),
        HappeningFilter(date_to="2022-01-31", outlets=("State Daily",)),
    ]
    for flt in filters:
        rows = crisis.rows_after(flt, None, 100)
        assert crisis.count(flt) == len(rows) >= 1, flt
        assert len(rows) < len(everything), flt
        for position, row in enumerate(rows):
            assert crisis.rows_at(flt, position, 1) == [row]
            assert crisis.position_of(flt, row.key) == position
    assert all("Wire Service" in r.outlets for r in crisis.rows_after(filters[0], None, 100))
    assert all("Wire Service" not in r.outlets for r in crisis.rows_after(filters[1], None, 100))
    assert crisis.position_of_day(HappeningFilter(), "2022-02-01") == sum(r.sort_key < "2022-02" for r in everything)


def test_period_counts_cover_the_range_with_empty_periods(crisis: TimelineReader) -> None:
    rows = crisis.rows_after(ALL, None, 100)
    weeks = crisis.period_counts(ALL, "week")
    assert sum(p.count for p in weeks) == len(rows)
    assert weeks[0].period == "2022-W03" and weeks[0].first_day == "2022-01-17"
    assert any(p.count == 0 for p in weeks), "a week with nothing is there, as zero"
    months = crisis.period_counts(ALL, "month")
    assert [p.period for p in months] == ["2022-01", "2022-02"]
    days = crisis.period_counts(HappeningFilter(outlets=("Wire Service",)), "day")
    assert days[0].period == "2022-01-21" and sum(p.count for p in days) == crisis.count(
        HappeningFilter(outlets=("Wire Service",))
    )


def test_a_filter_matching_nothing_reads_as_empty(crisis: TimelineReader) -> None:
    nothing = HappeningFilter(search="zzzqx")
    assert crisis.count(nothing) == 0
    assert crisis.rows_after(nothing, None, 10) == []
    assert crisis.rows_at(nothing, 0, 10) == []
    assert crisis.period_counts(nothing, "day") == []
    assert crisis.position_of_day(nothing, "2022-02-01") == 0


def _many_store(path: Path, count: int, seed: int = 3) -> list[tuple[str, str]]:
    """A store of `count` happenings over uneven days (some days hold one, some hundreds), written as the
    store writes happening rows; their keys in timeline order."""
    rng = random.Random(seed)
    db = open_store(path)
    days = [f"2022-03-{d:02d}" for d in range(1, 29)]
    weights = [rng.choice([1, 1, 5, 40, 200]) for _ in days]
    rows = []
    for n in range(count):
        day = rng.choices(days, weights)[0]
        key = day + rng.choice(["", "", "T09:00", "T15:30"])
        rows.append({
            "id": f"h{n:05d}", "date_value": key, "granularity": "time" if "T" in key else "day", "sort_key": key,
            "period_end": day, "planned": 0, "date_conflicts": "[]", "headline": f"Happening {n}",
            "headline_event_id": None, "source_count": 1, "report_count": 1, "date_sources": "{}",
        })  # fmt: skip
    with db.atomic():
        insert_rows(db, "happenings", rows)
    db.close()
    return sorted((r["sort_key"], r["id"]) for r in rows)


def test_every_position_of_many_rows_over_uneven_days(tmp_path: Path) -> None:
    keys = _many_store(tmp_path / "many.db", 700)
    reader = TimelineReader(tmp_path / "many.db")
    assert reader.total() == reader.count(ALL) == 700
    for position in range(0, 700, 7):
        assert [r.key for r in reader.rows_at(ALL, position, 13)] == keys[position : position + 13]
        assert reader.position_of(ALL, keys[position]) == position
    assert reader.rows_at(ALL, 700, 5) == [] and reader.rows_at(ALL, 695, 10)[-1].key == keys[-1]
    assert [r.key for r in reader.rows_before(ALL, keys[400], 30)] == keys[370:400]
    assert [r.key for r in reader.rows_after(ALL, keys[400], 30)] == keys[401:431]
    assert reader.position_of(ALL, ("2022-03-10", "")) == sum(k < ("2022-03-10", "") for k in keys)
    for day in ("2022-02-01", "2022-03-05", "2022-03-28", "2022-04-01"):
        assert reader.position_of_day(ALL, day) == sum(k[0] >= "" and k[0][:10] < day for k in keys)
    late = HappeningFilter(date_from="2022-03-15")
    late_keys = [k for k in keys if k[0][:10] >= "2022-03-15"]
    assert reader.count(late) == len(late_keys)
    for position in range(0, len(late_keys), 11):
        assert reader.rows_at(late, position, 1)[0].key == late_keys[position]
    reader.close()


def test_the_day_counts_follow_every_write(tmp_path: Path) -> None:
    """Rows replaced (as the writer does when happenings join), moved to another day, deleted: the
    counts the triggers keep equal a recount, and a reader sees the change."""
    path = tmp_path / "many.db"
    _many_store(path, 300)
    reader = TimelineReader(path)
    assert reader.count(ALL) == 300
    db = open_store(path)
    with db.atomic():
        db.execute("delete from happenings where id in ('h00001', 'h00002')")
        db.execute("update happenings set sort_key = '2022-05-01' where id = 'h00003'")
        row = dict(next(db.query("select * from happenings where id = 'h00004'")))
        insert_rows(db, "happenings", [{**row, "sort_key": "2022-06-01"}], replace=True)
    recount = dict(db.execute("select substr(sort_key, 1, 10), count(*) from happenings group by 1").fetchall())
    kept = dict(db.execute("select day, n from happening_days where n > 0").fetchall())
    assert kept == recount
    assert db.execute("select n from happening_total").fetchone()[0] == 298
    db.close()
    assert reader.count(ALL) == 298
    assert reader.position_of_day(ALL, "2022-05-01") == 296
    assert [r.id for r in reader.rows_at(ALL, 296, 5)] == ["h00003", "h00004"]
    reader.close()


def _slow_query(reader: TimelineReader, outcome: list[object], flt: HappeningFilter | None = None) -> threading.Thread:
    """A thread running a long query for `flt` on a cancellable connection, started 0.2 s ago: it puts
    "finished" or the `Cancelled` it raised in `outcome`."""

    def slow() -> None:
        try:
            with reader.connection(cancellable=True, flt=flt) as db:
                db.execute(
                    "with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000000)"
                    " select count(*) from n"
                ).fetchone()
            outcome.append("finished")
        except Cancelled as error:
            outcome.append(error)

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.2)
    return worker


def test_cancel_interrupts_a_query_in_flight(crisis: TimelineReader) -> None:
    outcome: list[object] = []
    worker = _slow_query(crisis, outcome)
    crisis.cancel()
    worker.join(5)
    assert isinstance(outcome[0], Cancelled)
    assert crisis.count(ALL) >= 5, "the reader goes on after a cancel"


@pytest.mark.parametrize("walk", [3, 40, 20_000])
def test_a_search_pages_the_same_rows_walked_or_gathered(tmp_path: Path, monkeypatch, walk: int) -> None:  # type: ignore[no-untyped-def]
    """A page of a search's matches is first looked for among the next `_WALK` happenings, tested one by
    one, and read from every match when fewer are found there: both give the rows the search keeps."""
    days = [f"2022-03-{d:02d}" for d in range(1, 9)]
    path = write_aid_store(tmp_path, days, 9)
    monkeypatch.setattr(timeline, "_WALK", walk)
    reader = TimelineReader(path)
    everything = [r.key for r in reader.rows_after(ALL, None, 1000)]
    for word in ("grain", "Kharkiv OR insulin", "Spain"):
        flt = HappeningFilter(search=word)
        with reader.connection() as db:
            kept = set(happening_ids(db, flt, 1000))  # every match gathered from the full-text index
        keys = [k for k in everything if k[1] in kept]
        assert 1 < len(keys) < len(everything) / 3, word
        assert [r.key for r in reader.rows_after(flt, None, 1000)] == keys
        for limit in (1, 4):
            for position, key in enumerate(keys):
                assert [r.key for r in reader.rows_after(flt, key, limit)] == keys[position + 1 : position + 1 + limit]
                assert [r.key for r in reader.rows_before(flt, key, limit)] == keys[max(0, position - limit) : position]
                assert [r.key for r in reader.rows_at(flt, position, limit)] == keys[position : position + limit]
        between = everything[len(everything) // 2]  # a row the search does not keep: the next match after it
        assert [r.key for r in reader.rows_after(flt, between, 1)] == [k for k in keys if k > between][:1]
    reader.close()


def test_a_search_finds_what_was_written_since_it_was_last_read(tmp_path: Path) -> None:
    path = write_crisis_store(tmp_path)
    reader = TimelineReader(path)
    flt = HappeningFilter(search="hospital")
    before = [r.headline for r in reader.rows_after(flt, None, 10)]
    assert len(before) == 1 and reader.count(flt) == 1
    article = {"title": "A second hospital", "published": "2022-02-20", "outlet": "Wire Service",
               "text": "Poland opened a field hospital near the border with Ukraine on Sunday."}  # fmt: skip
    add_articles(path, tmp_path, article)
    after = reader.rows_after(flt, None, 10)
    assert len(after) == 2 and reader.count(flt) == 2
    assert [r.key for r in reader.rows_before(flt, after[-1].key, 1)] == [after[0].key]
    reader.close()


def test_cancel_spares_the_queries_of_the_filters_it_is_told_to(crisis: TimelineReader) -> None:
    typed, other = HappeningFilter(search="Geneva"), HappeningFilter(search="talks")
    outcome: list[object] = []
    worker = _slow_query(crisis, outcome, typed)
    crisis.cancel(sparing={typed, other})
    time.sleep(0.2)
    assert not outcome, "spared"
    crisis.cancel(sparing={other})
    worker.join(5)
    assert isinstance(outcome[0], Cancelled)


class _Traced:
    """The statements every connection the reader opens runs (by thread), and a statement that, once,
    stops in the thread running it until `go` is set (when `stop_at` is in its text)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, stop_at: str | None = None) -> None:
        self.statements: list[str] = []
        self.stopped, self.go = threading.Event(), threading.Event()
        self._stopping: set[int] = set()
        opened = timeline.open_store

        def open_store(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            db = opened(*args, **kwargs)
            db.conn.set_trace_callback(self._ran if stop_at is None else lambda sql: self._ran(sql, stop_at))
            db.conn.set_progress_handler(self._progress, 10)
            return db

        monkeypatch.setattr(timeline, "open_store", open_store)

    def _ran(self, sql: str, stop_at: str | None = None) -> None:
        self.statements.append(sql)
        if stop_at and stop_at in sql and not self.stopped.is_set():
            self._stopping.add(threading.get_ident())

    def _progress(self) -> int:
        if threading.get_ident() in self._stopping:
            self._stopping.discard(threading.get_ident())
            self.stopped.set()
            self.go.wait(5)
        return 0

    def ran(self, text: str) -> int:
        return sum(text in sql for sql in self.statements)


def test_a_count_asked_for_while_it_is_made_is_waited_for_not_made_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A search is counted as it is typed, and asked for again when its rows are shown."""
    traced = _Traced(monkeypatch, stop_at="count(distinct m.happening_number)")
    reader = TimelineReader(write_crisis_store(tmp_path))
    flt = HappeningFilter(search="Geneva")
    counts: list[int] = []
    first = threading.Thread(target=lambda: counts.append(reader.count(flt)))
    first.start()
    assert traced.stopped.wait(5), "the first count is being made"
    second = threading.Thread(target=lambda: counts.append(reader.count(flt)))
    second.start()
    time.sleep(0.2)
    assert not counts, "the second waits"
    traced.go.set()
    first.join(5)
    second.join(5)
    assert counts == [1, 1]
    assert traced.ran("count(distinct m.happening_number)") == 1
    assert reader.count(flt) == 1 and traced.ran("count(distinct m.happening_number)") == 1, "kept"
    reader.close()


def test_a_searchs_matches_read_ahead_are_walked_by_its_rows(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    traced = _Traced(monkeypatch)
    reader = TimelineReader(write_crisis_store(tmp_path))
    flt = HappeningFilter(search="Geneva OR talks")
    with reader.connection(), reader.connection():
        pass  # two connections in the pool
    reader.read_matches(flt)
    with reader.connection() as db:  # another query meanwhile takes the other
        db.execute("select count(*) from happenings").fetchone()
    rows = reader.rows_after(flt, None, 10)
    assert traced.ran("insert into temp.search_matches") == 1
    with reader.connection() as db:
        assert [r.id for r in rows] == happening_ids(db, flt, 10)
    reader.close()


def test_a_searchs_rows_asked_for_while_its_matches_are_read_wait_for_them(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    traced = _Traced(monkeypatch, stop_at="insert into temp.search_matches")
    reader = TimelineReader(write_crisis_store(tmp_path))
    flt = HappeningFilter(search="Geneva OR talks")
    reading = threading.Thread(target=reader.read_matches, args=[flt])
    reading.start()
    assert traced.stopped.wait(5), "its matches are being read"
    rows: list[object] = []
    asking = threading.Thread(target=lambda: rows.extend(reader.rows_after(flt, None, 10)))
    asking.start()
    time.sleep(0.2)
    assert not rows, "waits"
    traced.go.set()
    reading.join(5)
    asking.join(5)
    assert len(rows) >= 2 and traced.ran("insert into temp.search_matches") == 1
    reader.close()


def _monthly_headline(k: int, day: str) -> str:
    """Aid articles, one in four dated by its month only: a happening whose period is all of March."""
    return aid_headline(k, day).replace(f"on {day}", "in March 2022") if k % 4 == 1 else aid_headline(k, day)


@pytest.mark.parametrize("walk", [3, 40, 20_000])
def test_a_search_with_dates_pages_what_it_keeps_from_its_first_day(tmp_path: Path, monkeypatch, walk: int) -> None:  # type: ignore[no-untyped-def]
    """A search's rows read forward start at the filter's first day, and before it only the happenings whose
    period reaches into it (March, from the 5th): every row and page as gathered from every match."""
    days = [f"2022-03-{d:02d}" for d in range(1, 13)]
    path = write_aid_store(tmp_path, days, 6, headline=_monthly_headline)
    monkeypatch.setattr(timeline, "_WALK", walk)
    reader = TimelineReader(path)
    everything = [r.key for r in reader.rows_after(ALL, None, 1000)]
    for word in ("medicine OR grain", "Sumy OR Kharkiv", "donated"):
        for first, last in (("2022-03-05", None), ("2022-03-05", "2022-03-06"), ("2022-03-11", None)):
            flt = HappeningFilter(search=word, date_from=first, date_to=last)
            with reader.connection() as db:
                kept = set(happening_ids(db, flt, 1000))  # every match gathered from the full-text index
            keys = [k for k in everything if k[1] in kept]
            assert any(k[0] < first for k in keys), (word, first)  # a month reaching into the dates
            assert any(k[0] >= first for k in keys), (word, first)
            assert [r.key for r in reader.rows_after(flt, None, 1000)] == keys
            for limit in (1, 4):
                assert [r.key for r in reader.rows_after(flt, None, limit)] == keys[:limit]
                for position, key in enumerate(keys):
                    later, earlier = (
                        keys[position + 1 : position + 1 + limit],
                        keys[max(0, position - limit) : position],
                    )
                    assert [r.key for r in reader.rows_after(flt, key, limit)] == later
                    assert [r.key for r in reader.rows_before(flt, key, limit)] == earlier
            assert reader.count(flt) == len(keys)
    reader.close()


def test_each_days_reach_is_where_its_happenings_periods_end_at_the_latest(tmp_path: Path) -> None:
    """`happening_days.reach` (m018) after a day's happenings were written in any order: an article dated
    the 1st written after the month's happening keeps that day reaching to the month's end."""
    days = [f"2022-03-{d:02d}" for d in range(1, 5)]
    path = write_aid_store(tmp_path, days, 6, headline=_monthly_headline)
    article = {"title": "Later", "published": "2022-03-01", "outlet": "Wire",
               "text": "Chile trucked field kitchens to Kherson on 2022-03-01."}  # fmt: skip
    db = open_store(path)
    add_articles(db, tmp_path, article)
    short = db.execute(
        "select d.day, d.reach, max(h.period_end) from happening_days d join happenings h"
        " on substr(h.sort_key, 1, 10) = d.day group by d.day having coalesce(d.reach, '') < max(h.period_end)"
    ).fetchall()
    reach = db.execute("select reach from happening_days where day = '2022-03-01'").fetchone()[0]
    db.close()
    assert short == []
    assert reach == "2022-03-31"


def test_an_older_store_gets_each_days_reach_on_upgrading(tmp_path: Path) -> None:
    days = [f"2022-03-{d:02d}" for d in range(1, 5)]
    path = write_aid_store(tmp_path, days, 6, headline=_monthly_headline)
    with sqlite3.connect(path) as conn:
        kept = conn.execute("select day, reach from happening_days order by day").fetchall()
        for trigger in ("happenings_days_insert", "happenings_days_update"):
            conn.execute(f"drop trigger {trigger}")
        conn.execute("alter table happening_days drop column reach")  # as before m018
        conn.execute("delete from _sqlite_migrations where name = 'm018_happening_days_reach'")
        conn.execute("pragma user_version = 17")
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("select day, reach from happening_days order by day").fetchall() == kept
        assert ("2022-03-01", "2022-03-31") in kept
