"""Files and stores under abuse: special files, huge lines, paths too long, full disks, read-only
stores and folders, empty stores, two ingests at once and reads during an ingest. Each gets one
clear line, loses nothing, and never a traceback."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import dateline.store.sources
from dateline.cli.main import main
from dateline.store.ingest import ingest_paths
from dateline.store.schema import StoreError, migrations, open_store
from tests.helpers_fs import read_only

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
PLACES = ["Geneva", "Vienna", "Minsk", "Warsaw", "Paris", "Berlin", "Brussels", "Ankara"]


def write_articles(folder: Path, count: int, first: int = 0) -> Path:
    """`count` articles of 16 dated sentences each, their dates spread over a year (so one
    article's events lie on many pages of a listing)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(first, first + count):
        rng = random.Random(number)
        paragraphs = []
        for part in range(8):
            month, day = rng.randrange(12), rng.randint(1, 28)
            paragraphs.append(
                f"Negotiators met in {rng.choice(PLACES)} on {MONTHS[month]} {day}, 2021, to discuss round "
                f"{number}-{part}. The delegation left {rng.choice(PLACES)} on {MONTHS[(month + 3) % 12]} {day}, 2021."
            )
        body = "\n\n".join(paragraphs)
        (folder / f"a{number:04d}.txt").write_text(
            f"Test Wire\nTalks round {number}\nPublished March 3, 2022\n\n{body}\n"
        )
    return folder


def cli(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", *argv], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    assert stderr.count("\n") == 1, stderr
    return stderr


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


# --- files -----------------------------------------------------------------------------------


def test_a_fifo_and_a_device_link_are_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    write_articles(tmp_path / "good", 1)
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    # Before, the FIFO hung the batch for ever and /dev/zero was read until memory ran out.
    result = cli("ingest", str(fifo), str(zero), str(tmp_path / "good"), "--db", str(tmp_path / "s.db"), timeout=60)
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert f"error: {fifo}: not a regular file (a FIFO): not read" in errors
    assert f"error: {zero}: not a regular file (a device): not read" in errors
    assert "1 article added" in result.stdout


def test_an_overlong_json_lines_line_is_skipped_without_reading_it_whole(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(dateline.store.sources, "MAX_LINE_BYTES", 4096)
    good = {"title": "Fine", "published": "2022-03-01", "text": "Kyiv said on Monday that talks failed."}
    huge = {**good, "title": "Huge", "text": "Talks went on. " * 2000}
    source = tmp_path / "feed.jsonl"
    source.write_text(json.dumps(huge) + "\n" + json.dumps(good) + "\n" + json.dumps(huge)[:5000])
    reads: list[int] = []
    real_lines = dateline.store.sources._lines

    def watched(stream):  # every read from the file is bounded by the limit, not the line
        original = stream.readline

        def readline(size: int = -1) -> bytes:
            reads.append(size)
            return original(size)

        stream.readline = readline
        return real_lines(stream)

    monkeypatch.setattr(dateline.store.sources, "_lines", watched)
    assert main(["ingest", str(source), "--db", str(tmp_path / "s.db")]) == 1
    captured = capsys.readouterr()
    assert f"error: {source}:1: the line is too long" in captured.err
    assert f"error: {source}:3: the line is too long" in captured.err
    assert "1 article added" in captured.out
    assert reads and all(0 < size <= 1 << 20 for size in reads)  # never a whole line, however long


def test_a_path_too_long_is_named_and_the_batch_goes_on(tmp_path: Path, capsys) -> None:
    write_articles(tmp_path / "good", 1)
    too_long = str(tmp_path) + ("/" + "x" * 200) * 30 + "/a.txt"  # beyond PATH_MAX
    assert main(["ingest", too_long, str(tmp_path / "good"), "--db", str(tmp_path / "s.db")]) == 1
    captured = capsys.readouterr()
    assert "File name too long" in captured.err and too_long[:100] in captured.err
    assert "Traceback" not in captured.err and "1 article added" in captured.out


# --- stores that cannot be written -------------------------------------------------------------


def test_a_full_disk_stops_the_batch_with_one_line_and_what_was_stored(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "full.db"
    db = open_store(db_path)
    assert not ingest_paths(db, [str(write_articles(tmp_path / "first", 2))]).failures
    pages = db.execute("pragma page_count").fetchone()[0]
    db.execute(f"pragma max_page_count = {pages + 12}")  # the disk fills after a few more articles
    report = ingest_paths(db, [str(write_articles(tmp_path / "more", 40, first=2))])
    assert report.stopped and "the disk is full" in report.stopped and "was not stored" in report.stopped
    assert 0 < report.added < 40
    assert report.summary().startswith(f"stopped early: {report.added} articles added")
    db.conn.close()
    # every article stored is whole: its events are all there
    assert rows(db_path, "select count(*) from articles")[0][0] == 2 + report.added
    assert rows(db_path, "select count(*) from events")[0][0] == 16 * (2 + report.added)


def test_a_read_only_store_is_read_but_not_written(tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    assert main(["ingest", str(write_articles(tmp_path / "a", 1)), "--db", str(db), "--quiet"]) == 0
    with read_only(db):
        result = cli("ingest", str(write_articles(tmp_path / "b", 1, first=1)), "--db", str(db))
        assert result.returncode == 2
        assert "is read-only: nothing can be added to it" in one_line(result.stderr)
        listing = cli("events", "--db", str(db), "--limit", "3")
        assert listing.returncode == 0 and len(listing.stdout.splitlines()) == 3, listing.stderr


def test_a_store_in_a_read_only_folder_is_read_but_not_written(tmp_path: Path) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    db = folder / "s.db"
    assert cli("ingest", str(write_articles(tmp_path / "a", 1)), "--db", str(db), "--quiet").returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]
    with read_only(folder):
        listing = cli("events", "--db", str(db), "--json")
        assert listing.returncode == 0, listing.stderr
        assert len(listing.stdout.splitlines()) == 16
        exported = cli("export", "--db", str(db), "-o", str(tmp_path / "out.md"))
        assert exported.returncode == 0, exported.stderr
        result = cli("ingest", str(write_articles(tmp_path / "b", 1, first=1)), "--db", str(db))
        assert result.returncode == 2 and "cannot open" in one_line(result.stderr)
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]


@pytest.mark.parametrize("command", [["events"], ["actors"], ["quotes"], ["export", "-o", "out.md"]])
def test_read_commands_leave_a_zero_byte_store_alone(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    result = cli(*command, "--db", str(db))
    assert result.returncode == 2
    assert "is empty, not a store yet" in one_line(result.stderr)
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_reading_never_creates_or_migrates_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()
    old = tmp_path / "old.db"
    db = open_store(old)
    last = migrations.applied(db)[-1].name
    db.conn.close()
    with sqlite3.connect(old) as conn:
        conn.execute("delete from _sqlite_migrations where name = ?", [last])  # as an older Dateline left it
    conn.close()
    with pytest.raises(StoreError, match="older Dateline"):
        open_store(old, create=False)
    assert last not in {m.name for m in migrations.applied(_raw(old))}


def _raw(path: Path):  # type: ignore[no-untyped-def]
    from sqlite_utils import Database

    return Database(sqlite3.connect(path))


# --- two writers, and readers during a write ---------------------------------------------------


def test_two_concurrent_ingests_both_finish_and_store_everything_once(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", 40)
    db = tmp_path / "shared.db"  # created by whichever process comes first: the schema only once
    command = [sys.executable, "-m", "dateline.cli.main", "ingest", str(folder), "--db", str(db)]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]  # fmt: skip
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert err == ""
    added = [int(out.split(" article")[0]) for out, _ in outputs]
    assert sum(added) == 40, outputs
    assert rows(db, "select count(*), count(distinct title) from articles") == [(40, 40)]
    assert rows(db, "select count(*) from events")[0][0] == 40 * 16
    assert rows(db, "select count(*) from paragraphs")[0][0] == 40 * 8
    assert rows(db, "select n from event_total")[0][0] == 40 * 16


def test_a_listing_during_an_ingest_shows_whole_articles(tmp_path: Path, capsys) -> None:
    db = tmp_path / "busy.db"
    assert main(["ingest", str(write_articles(tmp_path / "first", 40)), "--db", str(db), "--quiet"]) == 0
    more = write_articles(tmp_path / "more", 120, first=40)
    writer = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli.main", "ingest", str(more), "--db", str(db), "--quiet"], cwd=ROOT
    )
    listings = []
    try:
        while writer.poll() is None and len(listings) < 200:
            capsys.readouterr()
            assert main(["events", "--json", "--db", str(db)]) == 0
            listings.append([json.loads(line)["article"]["id"] for line in capsys.readouterr().out.splitlines()])
            time.sleep(0.01)
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0
    assert len(listings) >= 3
    torn = []
    for listing in listings:
        counts: dict[str, int] = {}
        for article_id in listing:
            counts[article_id] = counts.get(article_id, 0) + 1
        torn += [n for n in counts.values() if n != 16]
    assert torn == [], f"{len(torn)} articles seen in part"


async def test_an_older_store_is_refused_by_reads_and_upgraded_by_the_app(tmp_path: Path) -> None:
    from tests.test_app import opened

    old = tmp_path / "old.db"
    last = migrations._migrations[-1].name
    db = _raw(old)
    migrations.apply(db, stop_before=last)  # a store as the Dateline before the last migration left it
    db.conn.close()
    result = cli("events", "--db", str(old))
    assert result.returncode == 2 and "older Dateline" in one_line(result.stderr)
    assert last not in {m.name for m in migrations.applied(_raw(old))}  # reading changed nothing
    async with opened(old) as (_pilot, app):
        assert app.timeline.total == 0
    assert last in {m.name for m in migrations.applied(_raw(old))}
    assert cli("events", "--db", str(old)).returncode == 0


def test_ctrl_c_in_an_ingest_is_one_line_and_loses_no_whole_article(tmp_path: Path, monkeypatch, capsys) -> None:
    import dateline.store.ingest

    folder = write_articles(tmp_path / "in", 6)
    real, calls = dateline.store.ingest._finish, []

    def interrupted_at_the_fourth(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 4:
            raise KeyboardInterrupt  # as Ctrl-C would, mid-batch
        return real(*args, **kwargs)

    monkeypatch.setattr(dateline.store.ingest, "_finish", interrupted_at_the_fourth)
    db = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--db", str(db), "--jobs", "1"]) == 130
    error = capsys.readouterr().err
    assert (
        error.splitlines()[-1]
        == ("dateline: interrupted; every article stored so far is whole: ingest again to add the rest")
        and "Traceback" not in error
    )
    monkeypatch.undo()
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    assert sqlite3.connect(db).execute("select count(*) from events").fetchone()[0] == 6 * 16


def test_a_store_whose_name_is_not_utf8_is_read(tmp_path: Path, capsys) -> None:
    folder = write_articles(tmp_path / "in", 2)
    db = tmp_path / os.fsdecode(b"caf\xe9.db")  # a Latin-1 name, as an old archive may give
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--limit", "1"]) == 0
    assert capsys.readouterr().out.strip()
