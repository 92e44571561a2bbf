"""Ingest: read article files (`store.sources`), extract them (here, or in `store.workers`), and write
each article in one transaction (`store.writer`).

Bad input never stops a batch: each file or JSON Lines record that cannot be stored
becomes one `Failure` naming it and the reason, and nothing of it is written.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from sqlite_utils.db import Database

from dateline.store.collector import collect_as_before, collect_less
from dateline.store.export import plural
from dateline.store.outcomes import IsStored, Outcome, extract, file_outcomes, prepare, worker_file_outcomes
from dateline.store.schema import store_error_message, write_transaction
from dateline.store.sources import Failure, expand_paths, holds_many, read_file
from dateline.store.workers import Future, Workers
from dateline.store.writer import BATCH_COLLECTOR_THRESHOLD, ArticleRows, write_rows


@dataclass
class IngestReport:
    added: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    events: int = 0
    quotes: int = 0
    actor_ids: set[str] = field(default_factory=set)  # the distinct actors these articles mention
    article_ids: list[str] = field(default_factory=list)
    stopped: str | None = None  # why the batch stopped early (a full disk, a read-only store); None if it ran out

    @property
    def actors(self) -> int:
        return len(self.actor_ids)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        return (
            f"{'stopped early: ' if self.stopped else ''}"
            f"{plural(self.added, 'article')} added, {self.unchanged} unchanged, {self.failed} failed; "
            f"{plural(self.events, 'event')}, {plural(self.quotes, 'quote')}, {plural(self.actors, 'actor')}"
        )


class StoreWriteError(Exception):
    """The store refused a write (disk full, read-only, locked too long): the batch cannot go on."""


ProgressCallback = Callable[[int, int, str], None]


def ingest_paths(
    db: Database,
    paths: Iterable[str],
    published: dt.date | None = None,
    progress: ProgressCallback | None = None,
    jobs: int = 1,
    dask: str | None = None,
) -> IngestReport:
    """Ingest every article under `paths` into `db`. `published` dates articles that have no date.

    With `jobs` > 1, articles are extracted in that many worker processes while this process
    reads the files and writes: one writer, each article whole or not at all (several to a
    transaction, see `_BatchWriter`), in the order the articles were read, so the store and the
    report are the same as with one job. With `dask` (a scheduler's address), the workers are those
    of that Dask cluster instead."""
    files, missing = expand_paths(paths)
    report = IngestReport(failures=list(missing))
    writer = _BatchWriter(db, report)
    before = {name: db.execute(f"pragma {name}").fetchone()[0] for name in INGEST_PRAGMAS}
    for name, value in INGEST_PRAGMAS.items():
        db.execute(f"pragma {name} = {value}")
    collector = collect_less(BATCH_COLLECTOR_THRESHOLD)
    try:
        if jobs > 1 or dask:
            _ingest_in_workers(db, files, published, progress, report, Workers(jobs, dask), writer)
        else:
            is_stored = _is_stored_in(db)
            for file_index, path in enumerate(files, start=1):
                for outcome in file_outcomes(path, published, is_stored):
                    _finish(writer, outcome, report)
                    if progress:  # files begun so far: a JSON Lines file counts once
                        progress(file_index, len(files), outcome.source)
        writer.commit()
    except StoreWriteError as error:  # every article before this one is stored whole, and this one not at all
        report.stopped = str(error)
    finally:
        writer.close()  # on any other way out (Ctrl-C), the open batch is rolled back: nothing of it is half there
        for name, value in before.items():
            db.execute(f"pragma {name} = {int(value)}")
        collect_as_before(collector)
    return report


# The connection's settings while it ingests (restored after). The log is copied into the store every
# 10,000 pages, not SQLite's 1,000: the same index and full-text pages are copied and synced far less
# often. A 32 MB page cache holds a batch of articles' pages without spilling them into the log and
# reading them back; statement journals (for the multi-row inserts) stay in memory, not temporary files.
INGEST_PRAGMAS = {"wal_autocheckpoint": 10_000, "cache_size": -32_768, "temp_store": 2}


def _is_stored_in(db: Database) -> IsStored:
    def is_stored(article_id: str) -> bool:
        return db.conn.execute("select 1 from articles where id = ?", [article_id]).fetchone() is not None

    return is_stored


def _finish(writer: _BatchWriter, outcome: Outcome, report: IngestReport) -> None:
    """Store an extracted article and record what became of it, in reading order."""
    if outcome.warning:
        report.warnings.append(outcome.warning)
    if outcome.failure:
        report.failures.append(Failure(outcome.source, outcome.failure))
    elif outcome.unchanged:
        writer.unchanged()
    elif isinstance(outcome.extraction, str):
        report.failures.append(Failure(outcome.source, outcome.extraction))
    elif outcome.extraction is not None:
        writer.write(outcome.source, outcome.extraction)


def _ingest_in_workers(
    db: Database,
    files: list[Path],
    published: dt.date | None,
    progress: ProgressCallback | None,
    report: IngestReport,
    workers: Workers,
    writer: _BatchWriter,
) -> None:
    """Write here, extract in the workers, a few articles ahead of the writer; files that hold one article
    each are read by the local workers too (`outcomes.worker_file_outcomes`), the others (web archives,
    JSON Lines, gzipped or not) here, an article at a time: a feed given whole to one worker was extracted by
    it alone, and all its articles' rows held at once. Results are written in reading order, so the store and the
    report are those of one job."""
    is_stored = _is_stored_in(db)
    store = _store_path(db)
    ahead: deque[_Ahead] = deque()
    ahead_chars = 0  # of the articles in `ahead`: a few huge ones are not read far ahead
    of_one_article = (path for path in files if not holds_many(path))
    hand_over_files = bool(store) and not workers.dask and len(list(islice(of_one_article, 2))) == 2

    def start_workers() -> None:
        # A forked worker inherits the writer's connection, and what SQLite there believes of the store's locks:
        # never while a transaction (the write lock, a read snapshot) is open in it.
        writer.commit()
        workers.start()

    def finish_oldest() -> None:
        nonlocal ahead_chars
        entry = ahead.popleft()
        ahead_chars -= entry.chars
        read = entry.read
        if isinstance(read, Path):
            outcomes = _result(entry.future)
            if outcomes is None:  # its worker was lost: read this file here
                outcomes = _all_outcomes(read, published, is_stored)
        else:
            outcomes = [read]
            read.extraction = _result(entry.future)
            if read.extraction is None:  # a lone new article (not worth starting workers), or a worker lost
                extract(read, published)
        for outcome in outcomes:
            _finish(writer, outcome, report)
            if progress:
                progress(entry.file_index, len(files), outcome.source)

    def read_ahead(file_index: int, read: Outcome | Path, future: Future | None, chars: int) -> None:
        nonlocal ahead_chars
        ahead.append(_Ahead(file_index, read, future, chars))
        ahead_chars += chars
        while len(ahead) > workers.ahead or ahead_chars > AHEAD_CHARS:
            finish_oldest()

    try:
        for file_index, path in enumerate(files, start=1):
            if hand_over_files and not holds_many(path):
                if not workers.started:
                    start_workers()
                chars = _size(path)
                here = partial(_all_outcomes, path, published, is_stored)  # when the writer reads it itself
                future = workers.call(worker_file_outcomes, (str(path), published, store), chars, here)
                if future is not None:
                    read_ahead(file_index, path, future, chars)
                    continue
            for source, result, warning in read_file(path):
                outcome = prepare(is_stored, source, result, published, warning)
                future = None
                if outcome.article_id and outcome.article:
                    waiting = [] if workers.started else [entry for entry in ahead if entry.unsent]
                    if waiting:  # a second article to extract: now the workers pay off
                        start_workers()
                        for entry in waiting:
                            read = entry.read
                            if isinstance(read, Outcome) and read.article and read.article_id:
                                entry.future = workers.submit(read.article, published, read.article_id)
                    if workers.started:
                        future = workers.submit(outcome.article, published, outcome.article_id)
                read_ahead(file_index, outcome, future, len(outcome.article.body) if outcome.article else 0)
        if workers.started:
            workers.flush()  # the last few articles read
        while ahead:
            finish_oldest()
    finally:
        workers.close()


def _all_outcomes(path: Path, published: dt.date | None, is_stored: IsStored) -> list[Outcome]:
    return list(file_outcomes(path, published, is_stored))


@dataclass(eq=False)
class _Ahead:
    """What is read ahead of the writer: an article read here (its outcome) or a file handed to a worker."""

    file_index: int
    read: Outcome | Path
    future: Future | None  # its extraction, or the file's outcomes, at the workers; None: not sent
    chars: int  # its text, or the file's size: a few huge ones are not read far ahead

    @property
    def unsent(self) -> bool:
        """Whether it is a new article read here, not yet sent to a worker."""
        return isinstance(self.read, Outcome) and self.read.article_id is not None and self.future is None


def _result(future: Future | None) -> Any:
    """What a worker sent back, or None when there is none: not sent, or its worker died (killed, out of
    memory) or was lost; the writer then does that work itself."""
    if future is None:
        return None
    try:
        return future.result()
    except Exception:
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


AHEAD_CHARS = 8_000_000  # at most this much article text is read ahead of the writer


class _BatchWriter:
    """Writes articles in reading order, several to a transaction (a commit per article was a quarter
    of the writer's time, and a batch's pages go to the log once, not once an article), each article
    whole or not at all. The report counts an article once its transaction is committed, and one found
    stored already with the articles written before it (the copy found may be among them). When the
    store refuses a write (a full disk, a read-only file), the open transaction is rolled back and
    its articles written again one to a transaction, so every article before the one refused is
    stored, and the batch stops there (StoreWriteError)."""

    MAX_ARTICLES = 256
    MAX_SECONDS = 1.0  # another ingest into the store waits at most about this long for its turn

    def __init__(self, db: Database, report: IngestReport) -> None:
        self.db, self.report = db, report
        # written, not yet committed; rows None: an article found stored when it was read
        self.pending: list[tuple[str, ArticleRows | None, set[str] | None]] = []
        self.began: float | None = None  # when the open transaction began

    def write(self, source: str, rows: ArticleRows) -> None:
        try:
            if self.began is None:
                self.db.conn.execute("BEGIN IMMEDIATE")  # the write lock, waiting for another ingest's
                self.began = time.monotonic()
            actor_ids = write_rows(self.db, rows)
        except sqlite3.DatabaseError:
            self._one_by_one([*self.pending, (source, rows, None)])
            return
        self.pending.append((source, rows, actor_ids))
        if len(self.pending) >= self.MAX_ARTICLES or time.monotonic() - self.began >= self.MAX_SECONDS:
            self.commit()

    def unchanged(self) -> None:
        """An article found stored already: counted now, or, in an open transaction, once it is committed."""
        if self.began is None:
            self.report.unchanged += 1
        else:
            self.pending.append(("", None, None))

    def commit(self) -> None:
        if self.began is None:
            return
        try:
            self.db.conn.commit()
        except sqlite3.DatabaseError:
            self._one_by_one(list(self.pending))
            return
        self.began = None
        for _, rows, actor_ids in self.pending:
            self._count(rows, actor_ids)
        self.pending.clear()

    def close(self) -> None:
        if self.began is not None and self.db.conn.in_transaction:
            self.db.conn.rollback()
        self.began = None
        self.pending.clear()

    def _one_by_one(self, written: list[tuple[str, ArticleRows | None, set[str] | None]]) -> None:
        """Roll back the open transaction (the store refused a write in it) and write its articles
        again, each in its own."""
        self.close()
        for source, rows, _ in written:
            if rows is None:  # found stored: before the refused article, that copy is committed
                self.report.unchanged += 1
                continue
            try:
                with write_transaction(self.db):
                    actor_ids = write_rows(self.db, rows)
            except sqlite3.DatabaseError as refused:
                raise StoreWriteError(
                    f"{store_error_message(_db_name(self.db), refused)}; {source} was not stored"
                ) from None
            self._count(rows, actor_ids)

    def _count(self, rows: ArticleRows | None, actor_ids: set[str] | None) -> None:
        report = self.report
        if rows is None or actor_ids is None:  # found stored, or stored (by another process, a copy) since read
            report.unchanged += 1
            return
        report.added += 1
        report.article_ids.append(rows.article_id)
        report.events += rows.report_count
        report.quotes += rows.quote_count
        report.actor_ids.update(actor_ids)


def _db_name(db: Database) -> str:
    return _store_path(db) or "the store"


def _store_path(db: Database) -> str:
    """The store's file, or "" for a store in memory. Read as bytes: a name that is not UTF-8 (a folder named in
    Latin-1) cannot be read as text from SQLite."""
    row = db.execute("select hex(file) from pragma_database_list where name = 'main'").fetchone()
    return os.fsdecode(bytes.fromhex(row[0])) if row and row[0] else ""
