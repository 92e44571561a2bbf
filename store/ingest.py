"""Ingest: read article files (`store.sources`), extract them (here, or in `store.workers`), and write
each article in one transaction (`store.writer`).

Bad input never stops a batch: each file or JSON Lines record that cannot be stored
becomes one `Failure` naming it and the reason, and nothing of it is written.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils.db import Database

from dateline.extract.articles import ArticleError
from dateline.extract.happenings import Segment
from dateline.extract.model import KIND_REPORT, Article, Extraction
from dateline.store.export import plural
from dateline.store.schema import store_error_message
from dateline.store.sources import MAX_ARTICLE_CHARS, Failure, expand_paths, read_sources
from dateline.store.workers import Workers, extract_one
from dateline.store.writer import content_id, write_extraction


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
    reads the files and writes: one writer, each article in one transaction, in the order the
    articles were read, so the store and the report are the same as with one job. With `dask`
    (a scheduler's address), the workers are those of that Dask cluster instead."""
    files, missing = expand_paths(paths)
    report = IngestReport(failures=list(missing))
    try:
        if jobs > 1 or dask:
            _ingest_in_workers(db, files, published, progress, report, Workers(jobs, dask))
        else:
            for file_index, source, result, warning in read_sources(files):
                outcome = _prepare(db, source, result, published)
                if outcome.article_id:
                    outcome.extraction = extract_one(outcome.article, published)
                _finish(db, outcome, warning, published, report)
                if progress:
                    progress(file_index, len(files), source)  # files begun so far: a JSON Lines file counts once
    except StoreWriteError as error:  # every article before this one is stored whole, and this one not at all
        report.stopped = str(error)
    return report


@dataclass
class _Outcome:
    """What becomes of one article (or one unreadable source): read, checked, extracted, stored."""

    source: str
    article: Article | None = None
    article_id: str | None = None  # set when the article is new and is to be extracted
    failure: str | None = None
    unchanged: bool = False
    extraction: Extraction | str | None = None  # the extraction, or why it failed
    segments: list[Segment] | None = None  # its accounts, when a worker found them


def _prepare(db: Database, source: str, result: Article | ArticleError, published: dt.date | None) -> _Outcome:
    if isinstance(result, ArticleError):
        return _Outcome(source, failure=str(result))
    outcome = _Outcome(result.source, result)
    if len(result.body) > MAX_ARTICLE_CHARS:
        outcome.failure = f"the article is too long ({len(result.body):,} characters)"
    elif result.published is None and published is None:
        outcome.failure = "no publication date found (give one with --published YYYY-MM-DD)"
    else:
        article_id = content_id(result)
        if db["articles"].count_where("id = ?", [article_id]):
            outcome.unchanged = True
        else:
            outcome.article_id = article_id
    return outcome


def _finish(
    db: Database, outcome: _Outcome, warning: str | None, published: dt.date | None, report: IngestReport
) -> None:
    """Store an extracted article and record what became of it, in reading order."""
    if warning:
        report.warnings.append(warning)
    if outcome.failure:
        report.failures.append(Failure(outcome.source, outcome.failure))
    elif outcome.unchanged:
        report.unchanged += 1
    elif isinstance(outcome.extraction, str):
        report.failures.append(Failure(outcome.source, outcome.extraction))
    elif outcome.extraction is not None and outcome.article is not None and outcome.article_id:
        _store(db, outcome.article, outcome.article_id, outcome.extraction, published, report, outcome.segments)


def _ingest_in_workers(
    db: Database,
    files: list[Path],
    published: dt.date | None,
    progress: ProgressCallback | None,
    report: IngestReport,
    workers: Workers,
) -> None:
    """Read and write here, extract in the workers, a few articles ahead of the writer. Results are
    written in reading order, so the store and the report are those of one job."""
    ahead: deque[tuple[int, str, str | None, _Outcome, object | None]] = deque()

    def finish_oldest() -> None:
        file_index, source, warning, outcome, future = ahead.popleft()
        if future is not None:
            try:
                result = future.result()  # type: ignore[attr-defined]
                outcome.extraction, outcome.segments = (result, None) if isinstance(result, str) else result
            except Exception:  # its worker died (killed, out of memory) or was lost: extract this one here
                outcome.extraction = extract_one(outcome.article, published)
        elif outcome.article_id:  # a lone new article (not worth starting workers), or no workers left
            outcome.extraction = extract_one(outcome.article, published)
        _finish(db, outcome, warning, published, report)
        if progress:
            progress(file_index, len(files), source)

    try:
        for file_index, source, result, warning in read_sources(files):
            outcome = _prepare(db, source, result, published)
            future = None
            if outcome.article_id and outcome.article:
                waiting = [entry for entry in ahead if entry[3].article_id and entry[4] is None]
                if not workers.started and waiting:  # a second article to extract: now the workers pay off
                    workers.start()
                    for entry in waiting:
                        ahead[ahead.index(entry)] = (*entry[:4], workers.submit(entry[3].article, published))
                if workers.started:
                    future = workers.submit(outcome.article, published)
            ahead.append((file_index, source, warning, outcome, future))
            while len(ahead) > workers.ahead:
                finish_oldest()
        while ahead:
            finish_oldest()
    finally:
        workers.close()


def _store(
    db: Database,
    article: Article,
    article_id: str,
    extraction: Extraction,
    published: dt.date | None,
    report: IngestReport,
    segments: list[Segment] | None = None,
) -> None:
    try:
        actor_ids = write_extraction(
            db, article_id, extraction, article.published or published, article.published is None, segments
        )
    except sqlite3.DatabaseError as error:
        raise StoreWriteError(f"{store_error_message(_db_name(db), error)}; {article.source} was not stored") from None
    if actor_ids is None:  # another process stored the same article since the check above
        report.unchanged += 1
        return
    report.added += 1
    report.article_ids.append(article_id)
    report.events += sum(1 for e in extraction.events if e.kind == KIND_REPORT)
    report.quotes += len(extraction.quotes)
    report.actor_ids.update(actor_ids)


def _db_name(db: Database) -> str:
    row = db.execute("pragma database_list").fetchone()
    return row[2] if row and row[2] else "the store"
