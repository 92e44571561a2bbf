"""`event_happenings` (each event's happening and that happening's day, kept by triggers) is what a search's
day index reads: it follows every write, happenings joined across articles included; an older store gets
it on upgrading; a search's counts from it are those of reading each match's account and happening."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dateline.store.records import HappeningFilter
from dateline.store.schema import EVENT_HAPPENINGS_TRIGGERS, fill_event_happenings, open_store
from dateline.store.timeline import TimelineReader
from tests.crisis_store import add_articles, write_crisis_store

WORDS = ["security", "Geneva", "talks", "Lavrov OR drills", "sanction*", "-Blinken meeting"]


def _kept(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("select rowid, happening_id, day from event_happenings order by rowid").fetchall()


def _misnumbered(path: Path) -> int:
    """Events whose happening number is not their happening's (`happening_numbers`), or have none."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "select count(*) from event_happenings m left join happening_numbers n on n.n = m.happening_number"
            " where n.id is not m.happening_id"
        ).fetchone()[0]


def _worked_out(path: Path) -> list[tuple]:
    """What the table holds when worked out from the store's accounts and happenings, in a copy."""
    db = open_store(path)
    db.conn.execute("savepoint check_fill")
    fill_event_happenings(db)
    rows = db.execute("select rowid, happening_id, day from event_happenings order by rowid").fetchall()
    db.conn.execute("rollback to check_fill")
    db.close()
    return rows


@pytest.fixture(scope="module")
def crisis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_crisis_store(tmp_path_factory.mktemp("crisis"))


def test_the_triggers_keep_each_events_happening_and_day(crisis: Path) -> None:
    kept = _kept(crisis)
    with sqlite3.connect(crisis) as conn:
        joined = conn.execute("select count(*) from happenings where source_count > 1").fetchone()[0]
        events = conn.execute("select count(*) from events where segment_id is not null").fetchone()[0]
    assert joined >= 1, "happenings were joined across articles (their accounts relabelled)"
    assert len(kept) == events
    assert kept == _worked_out(crisis)
    assert _misnumbered(crisis) == 0


def test_a_happening_keeps_its_number_as_articles_join_it(tmp_path: Path) -> None:
    """Its accounts written again (`insert or replace`) and relabelled never renumber a happening."""
    path = write_crisis_store(tmp_path)
    with sqlite3.connect(path) as conn:
        before = dict(conn.execute("select id, n from happening_numbers").fetchall())
    article = {"title": "Geneva", "published": "2022-01-23", "outlet": "Fifth Outlet",
               "text": "Sergey Lavrov and Antony Blinken held talks in Geneva on January 21."}  # fmt: skip
    add_articles(path, tmp_path, article)
    with sqlite3.connect(path) as conn:
        after = dict(conn.execute("select id, n from happening_numbers").fetchall())
        joined = conn.execute("select source_count from happenings where headline like '%Geneva%'").fetchone()[0]
    assert joined >= 3, "the article joined the Geneva meeting"
    assert {hid: after[hid] for hid in before} == before
    assert _misnumbered(path) == 0


def test_a_searchs_day_counts_are_those_of_its_matches_happenings(crisis: Path) -> None:
    reader = TimelineReader(crisis)
    for word in WORDS:
        alone = HappeningFilter(search=word)  # read from event_happenings
        gathered = HappeningFilter(search=word, date_from="1900-01-01")  # every match's account and happening
        assert reader.count(alone) == reader.count(gathered) > 0, word  # counted without its day index
        assert reader.period_counts(alone, "day") == reader.period_counts(gathered, "day"), word
        assert sum(p.count for p in reader.period_counts(alone, "day")) == reader.count(alone), word
    reader.close()


def test_an_older_store_gets_them_on_upgrading(crisis: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.write_bytes(crisis.read_bytes())
    with sqlite3.connect(old) as conn:  # as the store was before migration m013
        conn.execute("drop table event_happenings")  # and its index
        conn.execute("drop table happening_numbers")
        for trigger in EVENT_HAPPENINGS_TRIGGERS:
            conn.execute(f"drop trigger {trigger}")
        conn.execute(
            "delete from _sqlite_migrations where name in"
            " ('m013_event_happenings', 'm014_event_happenings_by_day', 'm017_happening_numbers')"
        )
        conn.execute("pragma user_version = 12")
    open_store(old).close()
    assert _kept(old) == _kept(crisis)
    assert _misnumbered(old) == 0
    with sqlite3.connect(old) as conn:  # numbered in the order of their first events
        firsts = conn.execute(
            "select min(rowid) from event_happenings group by happening_number order by happening_number"
        ).fetchall()
    assert firsts == sorted(firsts)


def test_an_article_joining_a_happening_rewrites_only_its_own_events(tmp_path: Path) -> None:
    """A happening's row is written again with each article joining it: the events it had keep their
    row in `event_happenings` untouched when its day stays (a join costs the same however large it is)."""
    path = write_crisis_store(tmp_path)
    db = open_store(path)
    geneva = db.execute("select id, source_count from happenings where headline like '%Geneva%'").fetchone()
    before = db.execute("select count(*) from event_happenings where happening_id = ?", [geneva[0]]).fetchone()[0]
    db.execute("create table rewritten (n integer)")  # in the test's store (ingest's pragmas clear temp ones)
    db.execute("insert into rewritten values (0)")
    db.execute(
        "create trigger count_rewrites after update on event_happenings begin update rewritten set n = n + 1; end"
    )
    db.conn.commit()
    article = {"title": "Geneva talks", "published": "2022-01-22", "outlet": "Fourth Outlet",
               "text": "Antony Blinken and Sergey Lavrov met in Geneva on Friday, January 21, for talks on the"
                       " Ukraine crisis."}  # fmt: skip
    add_articles(db, tmp_path, article)
    joined = db.execute("select id, source_count from happenings where headline like '%Geneva%'").fetchall()
    assert joined == [(geneva[0], geneva[1] + 1)], "the article joined the Geneva meeting"
    after = db.execute("select count(*) from event_happenings where happening_id = ?", [geneva[0]]).fetchone()[0]
    assert after > before >= 3
    assert db.execute("select n from rewritten").fetchone()[0] <= after - before  # its own, at most
    db.close()
    assert _kept(path) == _worked_out(path)
