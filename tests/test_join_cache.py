"""The writer keeps what the happenings join reads (`store.join_cache`): the joins must be those that
reading the store afresh for every article gives, also when another connection writes to the store in
between or a transaction is rolled back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils.db import Database

from bench.merge_cost import generate
from dateline.extract.happenings import Segment, same_happening
from dateline.extract.model import TimexValue
from dateline.store import happenings, join_cache
from dateline.store.schema import fill_event_happenings, open_store, write_transaction
from dateline.store.sources import expand_paths, read_sources, seed_files
from dateline.store.workers import extract_rows
from dateline.store.writer import ArticleRows, content_id, write_rows


@pytest.fixture(scope="module")
def alike_rows(tmp_path_factory: pytest.TempPathFactory) -> list[ArticleRows]:
    """Articles varied from the seed over a few days: their accounts join, and happenings join one another."""
    folder = tmp_path_factory.mktemp("alike")
    generate(folder, 90, 6, Path(seed_files()[0]).read_text(encoding="utf-8"))
    files, _ = expand_paths([str(folder)])
    rows = [extract_rows(article, None, content_id(article)) for _, _, article, _ in read_sources(files)]
    assert all(isinstance(r, ArticleRows) for r in rows)
    return rows  # type: ignore[return-value]


def joins(db: Database) -> tuple[list, list]:
    return (
        db.execute("select id, happening_id from segments order by id").fetchall(),
        db.execute("select * from happenings order by id").fetchall(),
    )


def write(db: Database, rows: list[ArticleRows], afresh: bool = False) -> None:
    for one in rows:
        if afresh:  # what the join reads is read from the store for this article, and parsed again
            join_cache._caches.clear()
            happenings._parsed.clear()
        with write_transaction(db):
            write_rows(db, one)


@pytest.fixture(scope="module")
def afresh(alike_rows: list[ArticleRows], tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list]:
    db = open_store(tmp_path_factory.mktemp("afresh") / "s.db")
    write(db, alike_rows, afresh=True)
    return joins(db)


def test_kept_reads_give_the_joins_of_fresh_reads(alike_rows, afresh, tmp_path: Path) -> None:
    db = open_store(tmp_path / "s.db")
    write(db, alike_rows)
    segments, happenings = joins(db)
    assert len(happenings) < len(alike_rows) / 3, "the articles' accounts joined, and happenings joined"
    assert (segments, happenings) == afresh


def test_a_cache_emptied_when_full_gives_the_same_joins(
    alike_rows, afresh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(join_cache.JoinCache, "KEYS_LIMIT", 12)  # emptied again and again while writing
    db = open_store(tmp_path / "s.db")
    write(db, alike_rows)
    assert joins(db) == afresh


def test_a_rolled_back_article_leaves_nothing_kept(alike_rows, tmp_path: Path) -> None:
    half = len(alike_rows) // 2
    db = open_store(tmp_path / "s.db")
    write(db, alike_rows[:half])
    db.conn.execute("BEGIN IMMEDIATE")
    write_rows(db, alike_rows[half])  # joins the happenings written so far (the cache takes it in) ...
    db.conn.rollback()  # ... and is undone
    write(db, alike_rows[half + 1 :])
    clean = open_store(tmp_path / "clean.db")
    write(clean, alike_rows[:half] + alike_rows[half + 1 :], afresh=True)
    assert joins(db) == joins(clean)


def test_another_connection_writing_in_between_is_seen(alike_rows, afresh, tmp_path: Path) -> None:
    one, other = open_store(tmp_path / "s.db"), open_store(tmp_path / "s.db")
    for index, rows in enumerate(alike_rows):
        write(one if index % 3 else other, [rows])
    assert joins(one) == afresh


def test_a_new_account_is_kept_as_its_row_reads_back(alike_rows, tmp_path: Path) -> None:
    """The writer keeps the accounts it writes parsed (`_as_stored`): exactly what parsing their rows
    gives, down to the order of their words, which is the order their likeness is summed in."""
    db = open_store(tmp_path / "s.db")
    write(db, alike_rows[:20])
    columns = "id, article_id, date_value, terms, actors, planned, kinds, period_end"
    for rows in alike_rows[:20]:
        for segment in rows.segments:
            row = db.execute(f"select {columns} from segments where id = ?", [segment.id]).fetchone()
            read, kept = happenings._account(*row), happenings._as_stored(segment)
            assert read == kept
            assert list(read.terms.items()) == list(kept.terms.items())
            assert (read.norm, read.date, read.event_ids) == (kept.norm, kept.date, kept.event_ids)


def test_each_events_happening_and_day_follow_the_joins(alike_rows, tmp_path: Path) -> None:
    """`event_happenings` after many joins (accounts relabelled, happenings' dates moved) is what working it
    out from the accounts and happenings gives: its day trigger rewrites only the events whose day differs (m014)."""
    db = open_store(tmp_path / "s.db")
    write(db, alike_rows)
    kept = db.execute("select rowid, happening_id, day from event_happenings order by rowid").fetchall()
    fill_event_happenings(db)
    assert kept == db.execute("select rowid, happening_id, day from event_happenings order by rowid").fetchall()
    assert len({hid for _, hid, _ in kept}) < len(alike_rows) / 3


def _account(sid: str, day: str, terms: dict[str, float], actors: set[str], kinds: set[str]) -> Segment:
    return Segment(sid, f"a-{sid}", TimexValue.parse(day), (), terms, frozenset(actors), False, frozenset(kinds))


def test_the_quick_tests_before_comparing_accounts_give_same_happenings_verdict(alike_rows) -> None:
    """`_matches` passes over accounts without comparing them in full only where `same_happening` is false:
    on every pair of the articles' accounts, and on accounts alike by their actors alone or by their words alone."""
    accounts = [s for rows in alike_rows for s in rows.segments]
    pairs = [(a, b) for a in accounts for b in accounts if a.article_id < b.article_id and a.date.day == b.date.day]
    same = [same_happening(a, b) for a, b in pairs]
    assert 0 < sum(same) < len(pairs)
    assert [happenings._matches(a, [b]) for a, b in pairs] == same
    one = _account("1", "2022-02-15", {"convoy": 3.0}, {"putin", "macron"}, {"meeting"})
    by_actors = _account("2", "2022-02-15", {"tanks": 3.0}, {"putin", "macron"}, {"meeting"})
    by_words = _account("3", "2022-02-15", {"convoy": 3.0}, set(), set())
    other_kind = _account("4", "2022-02-15", {"convoy": 3.0}, {"putin", "macron"}, {"strike"})
    for a, b, verdict in [(one, by_actors, True), (one, by_words, True), (one, other_kind, False)]:
        assert same_happening(a, b) is verdict
        assert happenings._matches(a, [other_kind, b]) is verdict


def test_the_happenings_kept_are_what_reading_them_back_gives(alike_rows, tmp_path: Path) -> None:
    """What the writer keeps of each happening it writes (`JoinCache.stored`, read when a later article joins
    it) is what `_stored` reads of its row, its headline report (with that report's rows in `event_actors`)
    and its accounts. Here each report's candidate counts more actors than it has stored (as when two of its
    names are one stored actor): the count kept is the stored one."""
    db = open_store(tmp_path / "s.db")
    write(
        db,
        [
            replace(rows, headlines={e: replace(c, actor_count=c.actor_count + 2) for e, c in rows.headlines.items()})
            for rows in alike_rows
        ],
    )
    with write_transaction(db):
        kept = join_cache.join_cache(db, happenings.ACCOUNTS_PER_HAPPENING).stored
        assert len(kept) == db.execute("select count(*) from happenings").fetchone()[0]
        fresh = join_cache.JoinCache(happenings.ACCOUNTS_PER_HAPPENING)
        assert {hid: happenings._stored(db, [hid], fresh)[0] for hid in kept} == {
            hid: values.parsed() for hid, values in kept.items()
        }
