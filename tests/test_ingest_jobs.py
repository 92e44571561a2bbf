"""`ingest --jobs N`: extraction in worker processes, one writer; the store and the report are the
same as with one job, in the same order, whatever the workers do."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

import dateline.store.workers
from dateline.extract.model import Article
from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store
from tests.test_store_safety import write_articles


def mixed_batch(folder: Path) -> Path:
    write_articles(folder, 12)
    (folder / "empty.txt").write_text("")
    (folder / "dateless.txt").write_text("Some Outlet\nA headline without a date\n\nA body paragraph.\n")
    lines = [json.dumps({"title": f"Line {n}", "published": "2022-03-01", "text": f"Kyiv said on Monday {n}."})
             for n in range(5)]  # fmt: skip
    (folder / "feed.jsonl").write_text("\n".join([*lines[:2], "{not json", *lines[2:], lines[0]]) + "\n")
    (folder / "a0003-again.txt").write_text((folder / "a0003.txt").read_text())  # the same article twice
    return folder


def dump(path: Path) -> dict[str, list[tuple]]:
    tables = {
        "articles": "select id, title, outlet, published, source, event_count from articles order by rowid",
        "events": "select id, article_id, date_value, sort_key, text, segment_id from events order by rowid",
        "mentions": "select id, actor_id, article_id, paragraph, start, event_id from mentions order by id",
        "actors": "select id, name, aliases, mention_count from actors order by rowid",
        "quotes": "select id, speaker_id, event_id from quotes order by rowid",
        "date_mentions": "select id, article_id, start, value from date_mentions order by id",
        "event_total": "select n from event_total",
    }
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in tables.items()}


def before_each_extraction(
    monkeypatch: pytest.MonkeyPatch,
    in_a_worker: Callable[[Article], None],
    in_the_writer: Callable[[Article], None] = lambda article: None,
) -> None:
    """Run `in_a_worker(article)` before each extraction in a worker process (they are forked: they see the
    patch), `in_the_writer(article)` before each in the writer's (this test's) process."""
    parent, real = os.getpid(), dateline.store.workers.extract_article

    def extract_article(article, published=None):  # type: ignore[no-untyped-def]
        (in_the_writer if os.getpid() == parent else in_a_worker)(article)
        return real(article, published)

    monkeypatch.setattr(dateline.store.workers, "extract_article", extract_article)


def refuse(article: Article) -> None:
    raise RuntimeError("extracted in a worker")


def test_two_jobs_store_and_report_exactly_what_one_job_does(tmp_path: Path) -> None:
    folder = mixed_batch(tmp_path / "in")
    reports = {}
    for jobs in (1, 2):
        db = open_store(tmp_path / f"jobs{jobs}.db")
        reports[jobs] = ingest_paths(db, [str(folder)], jobs=jobs)
        db.conn.close()
    one, two = reports[1], reports[2]
    assert (one.added, one.unchanged, one.events, one.quotes) == (two.added, two.unchanged, two.events, two.quotes)
    assert one.failures == two.failures and one.warnings == two.warnings and one.article_ids == two.article_ids
    assert one.added == 12 + 5 and one.unchanged == 2 and len(one.failures) == 3
    assert dump(tmp_path / "jobs1.db") == dump(tmp_path / "jobs2.db")


def test_a_local_worker_hands_each_article_over_as_one_pickled_blob_of_the_rows_one_job_writes(tmp_path: Path) -> None:
    """The writer's process receives bytes (nothing to unpickle on arrival, no object kept alive for the
    collector while it waits) and unpickles an article's rows when it writes them: the same rows the
    writer's own process works out with one job."""
    from dateline.store.sources import expand_paths, read_sources
    from dateline.store.writer import content_id

    files, _ = expand_paths([str(mixed_batch(tmp_path / "in"))])
    articles = [result for _, _, result, _ in read_sources(files) if isinstance(result, Article)]
    articles = [a for a in articles if a.published is not None]
    workers = dateline.store.workers.Workers(2, None)
    workers.start()
    try:
        parts = [workers.submit(article, None, content_id(article)) for article in articles]
        workers.flush()
        chunks = list({id(part.chunk): part.chunk for part in parts}.values())  # type: ignore[union-attr]
        blobs = [blob for chunk in chunks if chunk.future is not None for blob in chunk.future.result()]
        received = [part.result() for part in parts]  # type: ignore[union-attr]
    finally:
        workers.close()
    assert len(articles) == 19 and len(chunks) == 3 and len(blobs) == 16  # the third was not sent: run here
    assert all(isinstance(blob, bytes) for blob in blobs)
    assert received == [dateline.store.workers.extract_rows(a, None, content_id(a)) for a in articles]


def test_a_worker_that_dies_loses_no_article(tmp_path: Path, monkeypatch) -> None:
    folder = write_articles(tmp_path / "in", 30)

    def crash(article: Article) -> None:
        if article.title.endswith(" 5"):
            os._exit(9)  # as the kernel's out-of-memory killer would end it

    before_each_extraction(monkeypatch, crash)
    db = open_store(tmp_path / "s.db")
    report = ingest_paths(db, [str(folder)], jobs=2)
    assert report.failures == [] and report.added == 30
    assert db.execute("select count(*) from events").fetchone()[0] == 30 * 16


def test_the_dask_path_stores_what_one_job_does(tmp_path: Path) -> None:
    from distributed import LocalCluster

    folder = mixed_batch(tmp_path / "in")
    one = ingest_paths(open_store(tmp_path / "one.db"), [str(folder)])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        db = open_store(tmp_path / "dask.db")
        report = ingest_paths(db, [str(folder)], dask=cluster.scheduler_address)
        db.conn.close()
        extracted = cluster.scheduler.task_prefixes["extract_rows"].state_counts["memory"]
    assert extracted >= report.added == 17  # on the cluster's workers, not in this process
    assert (report.added, report.unchanged, report.failures, report.article_ids) == (
        one.added, one.unchanged, one.failures, one.article_ids,
    )  # fmt: skip
    assert dump(tmp_path / "one.db") == dump(tmp_path / "dask.db")


def test_articles_written_several_to_a_transaction_are_counted_once_committed(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", 12)
    db = open_store(tmp_path / "s.db")
    seen: list[int] = []

    def stop_at_the_ninth(done: int, total: int, source: str) -> None:
        seen.append(done)
        if len(seen) == 9:
            raise KeyboardInterrupt  # Ctrl-C while a batch of articles is written but not committed

    with pytest.raises(KeyboardInterrupt):
        ingest_paths(db, [str(folder)], progress=stop_at_the_ninth)
    stored = db.execute("select count(*) from articles").fetchone()[0]
    assert stored < 9  # the open batch was rolled back, not left half written
    assert db.execute("select count(*) from events").fetchone()[0] == 16 * stored
    again = ingest_paths(db, [str(folder)])
    assert (again.added, again.unchanged, again.failures) == (12 - stored, stored, [])
    assert db.execute("select count(*) from events").fetchone()[0] == 16 * 12


def test_ctrl_c_with_workers_leaves_every_article_whole_and_no_worker_behind(tmp_path: Path) -> None:
    """Ctrl-C while the workers read and extract ahead of the writer: the open batch is rolled back, the
    workers are shut down before the interrupt goes on, and ingesting again stores the rest."""
    import multiprocessing

    folder = write_articles(tmp_path / "in", 40)
    db = open_store(tmp_path / "s.db")
    seen: list[int] = []

    def stop_at_the_twentieth(done: int, total: int, source: str) -> None:
        seen.append(done)
        if len(seen) == 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_paths(db, [str(folder)], progress=stop_at_the_twentieth, jobs=3)
    assert multiprocessing.active_children() == []
    stored = db.execute("select count(*) from articles").fetchone()[0]
    assert stored < 20 and db.execute("select count(*) from events").fetchone()[0] == 16 * stored
    again = ingest_paths(db, [str(folder)], jobs=2)
    assert (again.added, again.unchanged, again.failures) == (40 - stored, stored, [])


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process niceness here")
def test_local_workers_run_a_little_behind_the_writer() -> None:
    """The writer is the longest task: its workers take a slightly lower priority, so they do not take its
    share of a core while they run ahead of it."""
    workers = dateline.store.workers.Workers(2, None)
    workers.start()
    try:
        niceness = [workers.pool.submit(os.nice, 0).result() for _ in range(4)]
    finally:
        workers.close()
    expected = min(os.nice(0) + dateline.store.workers.WORKER_NICENESS, 19)
    assert niceness == [expected] * 4


def test_the_workers_read_the_files_of_one_article_and_the_writer_the_feeds(tmp_path: Path, monkeypatch) -> None:
    """Reading and parsing the files was a tenth of the one writer's time: with several jobs, the workers
    read every file that holds one article; the writer's process reads only the JSON Lines feed."""
    import dateline.store.ingest

    folder = mixed_batch(tmp_path / "in")
    read_here: list[str] = []
    real = dateline.store.ingest.read_file

    def read_file(path: Path):  # type: ignore[no-untyped-def]
        read_here.append(path.name)
        return real(path)

    monkeypatch.setattr(dateline.store.ingest, "read_file", read_file)
    report = ingest_paths(open_store(tmp_path / "s.db"), [str(folder)], jobs=2)
    assert read_here == ["feed.jsonl"]
    assert (report.added, report.unchanged, len(report.failures)) == (12 + 5, 2, 3)


def test_the_writer_reads_every_feed_itself_gzipped_or_named_by_its_first_characters(
    tmp_path: Path, monkeypatch
) -> None:
    """A gzipped JSON Lines feed, or one whose name has no suffix, holds many articles as a `.jsonl` does:
    given whole to one worker, it was extracted by that worker alone (all its rows held at once); the writer
    reads it, an article at a time for the workers. A file without a suffix that holds one article goes to
    the workers."""
    import gzip

    import dateline.store.ingest

    folder = write_articles(tmp_path / "in", 4)
    lines = [json.dumps({"title": f"Wire {n}", "published": "2022-03-01", "text": f"Minsk said on Friday {n}."})
             for n in range(6)]  # fmt: skip
    (folder / "f-news.jsonl.gz").write_bytes(gzip.compress("\n".join(lines[:3]).encode()))
    (folder / "g-wire").write_text("\n\n" + "\n".join(lines[3:]) + "\n")
    (folder / "h-note").write_text((folder / "a0001.txt").read_text().replace("round 1", "round 100"))
    read_here: list[str] = []
    real = dateline.store.ingest.read_file

    def read_file(path: Path):  # type: ignore[no-untyped-def]
        read_here.append(path.name)
        return real(path)

    monkeypatch.setattr(dateline.store.ingest, "read_file", read_file)
    one = ingest_paths(open_store(tmp_path / "one.db"), [str(folder)])
    read_here.clear()
    two = ingest_paths(open_store(tmp_path / "two.db"), [str(folder)], jobs=2)
    assert read_here == ["f-news.jsonl.gz", "g-wire"]
    assert (two.added, two.failures, two.article_ids) == (one.added, one.failures, one.article_ids)
    assert two.added == 4 + 6 + 1
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")


def test_no_worker_is_forked_while_the_writer_has_a_transaction_open(tmp_path: Path, monkeypatch) -> None:
    """A forked worker inherits the writer's connection, and what SQLite in that process believes of the
    store's locks, then opens its own connection to the store: never with the write lock held. Here the
    workers start late: a feed's first article is new (written by the writer alone, in an open batch), the
    next ones are stored already, then come new ones."""
    folder = tmp_path / "in"
    folder.mkdir()

    def feed(numbers: Iterable[int]) -> None:
        (folder / "feed.jsonl").write_text(
            "".join(json.dumps({"title": f"Item {n}", "published": "2022-03-01", "text": f"Kyiv said on Monday {n}."})
                    + "\n" for n in numbers)
        )  # fmt: skip

    stored_before = range(1, 1 + dateline.store.workers.Workers(2, None).ahead + 10)
    feed(stored_before)
    db = open_store(tmp_path / "s.db")
    ingest_paths(db, [str(folder)])
    feed([0, *stored_before, *range(500, 520)])
    seen = tmp_path / "seen"
    real = dateline.store.workers._worker_started

    def started() -> None:  # in the forked worker: the writer's connection as the fork left it
        seen.write_text(f"{db.conn.in_transaction}")
        real()

    monkeypatch.setattr(dateline.store.workers, "_worker_started", started)
    report = ingest_paths(db, [str(folder)], jobs=2)
    assert (report.added, report.unchanged, report.failures) == (21, len(stored_before), [])
    assert seen.read_text() == "False"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_full_disk_reports_no_article_unchanged_whose_copy_was_not_stored(tmp_path: Path, jobs: int) -> None:
    """Every article comes twice, the copies after all of them. The disk fills when the batch is committed:
    the batch stops at the first article refused, before any copy. A copy found stored in the open batch
    (the writer's own, not committed) is counted once that batch is, so none is "unchanged": with one job,
    all 30 were, though nothing was stored. (A file-size limit stands for the full disk.)"""
    import resource
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(30):
        text = f"Test Wire\nTalks round {n}\nPublished March 3, 2022\n\nThey met in Geneva on May {n % 28 + 1}, 2021.\n"
        (folder / f"a{n:03d}.txt").write_text(text)
        (folder / f"z{n:03d}.txt").write_text(text)  # the same article again, after all of them
    db = tmp_path / "s.db"
    open_store(db).conn.close()

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "ingest", "--db", str(db), "--jobs", str(jobs), str(folder)],
        capture_output=True, text=True, preexec_fn=full_disk, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    assert result.returncode == 1 and "the disk is full" in result.stderr, result.stderr
    with sqlite3.connect(db) as conn:
        stored = conn.execute("select count(*) from articles").fetchone()[0]
    assert stored < 30
    assert result.stdout.startswith(f"stopped early: {stored} article{'' if stored == 1 else 's'} added, 0 unchanged")


def test_a_worker_checks_the_store_through_its_own_connection_not_one_it_inherited(tmp_path: Path, monkeypatch) -> None:
    """A process that read files as a worker does (here, the test's) keeps a read-only connection to the store;
    the workers it forks inherit it, and must open their own: SQLite's connections do not survive a fork."""
    import dateline.store.outcomes

    folder = write_articles(tmp_path / "in", 6)
    db = open_store(tmp_path / "s.db")
    store = str(tmp_path / "s.db")
    assert dateline.store.outcomes.worker_file_outcomes(str(folder / "a0000.txt"), None, store)[0].article_id
    parent = os.getpid()
    opened = tmp_path / "opened"
    real = dateline.store.outcomes.sqlite3.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            with opened.open("a") as record:
                record.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(dateline.store.outcomes.sqlite3, "connect", connect)
    report = ingest_paths(db, [str(folder)], jobs=2)
    assert (report.added, report.failures) == (6, [])
    assert opened.exists() and len(set(opened.read_text().split())) == 1  # the one worker's own


def test_a_store_whose_name_is_not_utf8_is_written_and_checked_by_the_workers(tmp_path: Path, monkeypatch) -> None:
    """A store in a folder named in Latin-1: SQLite cannot give its name as text (the ingest stopped with a
    traceback before anything was read), and the workers open it by its bytes."""
    try:
        folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9"))
        folder.mkdir()
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    articles = write_articles(tmp_path / "in", 6)
    db = open_store(folder / "s.db")
    assert ingest_paths(db, [str(articles)], jobs=2).added == 6
    before_each_extraction(monkeypatch, refuse)
    again = ingest_paths(db, [str(articles)], jobs=2)
    assert (again.added, again.unchanged, again.failures) == (0, 6, [])


def test_the_workers_check_the_store_before_they_extract(tmp_path: Path, monkeypatch) -> None:
    """A worker reading a file asks the store (read-only) whether its article is there, as the writer does:
    ingesting a folder again extracts nothing of it."""
    folder = write_articles(tmp_path / "in", 10)
    db = open_store(tmp_path / "s.db")
    assert ingest_paths(db, [str(folder)], jobs=2).added == 10
    before_each_extraction(monkeypatch, refuse)
    again = ingest_paths(db, [str(folder)], jobs=2)
    assert (again.added, again.unchanged, again.failures) == (0, 10, [])
    write_articles(folder, 2, first=10)  # two new articles: a worker extracts them
    new = ingest_paths(db, [str(folder)], jobs=2)
    assert new.unchanged == 10
    assert [f.reason for f in new.failures] == ["extraction failed: RuntimeError: extracted in a worker"] * 2


def test_the_writer_extracts_what_it_would_otherwise_wait_for(tmp_path: Path, monkeypatch) -> None:
    """With --jobs 2 one worker process extracts, and so does the writer's: when the next article it is to
    write is still at the worker, it takes articles not yet sent and extracts them itself, instead of waiting.
    The store is the one a single job writes."""
    import time

    folder = write_articles(tmp_path / "in", 40)
    ingest_paths(open_store(tmp_path / "one.db"), [str(folder)])
    in_the_writer: list[str] = []
    # a worker slower than the writer: the writer finds its next article not done
    before_each_extraction(monkeypatch, lambda article: time.sleep(0.02), lambda a: in_the_writer.append(a.title))
    report = ingest_paths(open_store(tmp_path / "two.db"), [str(folder)], jobs=2)
    assert report.added == 40 and report.failures == []
    assert 0 < len(in_the_writer) < 40  # the writer did some, the worker the rest
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")
