"""What becomes of one article before it is written: read, checked against the store, extracted.

`prepare` decides whether an article is to be extracted (new, dated, not too long); `file_outcomes`
does all of it for a whole file. The writer's process runs them, or, with several jobs, a local worker
process does for the files it is given (`worker_file_outcomes`): reading and parsing the files was a
tenth of the one writer's time, and the writer is the longest task of an ingest.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dateline.extract.articles import ArticleError
from dateline.extract.model import Article
from dateline.store.schema import store_uri
from dateline.store.sources import MAX_ARTICLE_CHARS, read_file
from dateline.store.workers import extract_rows
from dateline.store.writer import ArticleRows, content_id

# Whether the store holds an article of this id.
IsStored = Callable[[str], bool]


@dataclass
class Outcome:
    """What becomes of one article (or one unreadable source): read, checked, extracted, stored."""

    source: str
    article: Article | None = None  # the article read, until it is extracted
    article_id: str | None = None  # set when the article is new and is to be extracted
    failure: str | None = None
    unchanged: bool = False
    extraction: ArticleRows | str | None = None  # its rows for the store, or why extracting it failed
    warning: str | None = None  # how its file was read, when that is worth a word (not UTF-8)


def prepare(
    is_stored: IsStored, source: str, result: Article | ArticleError, published: dt.date | None, warning: str | None
) -> Outcome:
    """What is to become of one article read (or of why it could not be read)."""
    if isinstance(result, ArticleError):
        return Outcome(source, failure=str(result), warning=warning)
    outcome = Outcome(result.source, result, warning=warning)
    if len(result.body) > MAX_ARTICLE_CHARS:
        outcome.failure = f"the article is too long ({len(result.body):,} characters)"
    elif result.published is None and published is None:
        outcome.failure = "no publication date found (give one with --published YYYY-MM-DD)"
    else:
        article_id = content_id(result)
        if is_stored(article_id):
            outcome.unchanged = True
        else:
            outcome.article_id = article_id
    return outcome


def extract(outcome: Outcome, published: dt.date | None) -> None:
    """Extract a new article's rows into its outcome, and let go of its text."""
    if outcome.article is not None and outcome.article_id is not None:
        outcome.extraction = extract_rows(outcome.article, published, outcome.article_id)
    outcome.article = None


def file_outcomes(path: Path, published: dt.date | None, is_stored: IsStored) -> Iterator[Outcome]:
    """Every article of one file read, checked and, when new, extracted, one at a time."""
    for source, result, warning in read_file(path):
        outcome = prepare(is_stored, source, result, published, warning)
        extract(outcome, published)
        yield outcome


def worker_file_outcomes(path: str, published: dt.date | None, store: str) -> list[Outcome]:
    """`file_outcomes` in a local worker process, checking the store at `store` (a file) through a read-only
    connection of its own. An article stored since, or twice in one batch, is extracted all the same, and
    the writer's insert finds it there (`writer.write_rows`): it is counted unchanged."""
    return list(file_outcomes(Path(path), published, _stored_in(store)))


# Each process's own: a forked worker inherits its parent's, and must not use a connection across a fork.
_connections: dict[tuple[int, str], sqlite3.Connection | None] = {}


def _stored_in(store: str) -> IsStored:
    """A worker's check of the store: one read-only connection a process (none, when the store cannot be
    opened so: then every article is extracted, and the writer sorts out those already stored)."""
    key = (os.getpid(), store)
    if key not in _connections:
        try:
            _connections[key] = sqlite3.connect(f"{store_uri(store)}?mode=ro", uri=True, timeout=30)
        except (sqlite3.Error, ValueError):
            _connections[key] = None
    connection = _connections[key]
    if connection is None:
        return lambda article_id: False

    def is_stored(article_id: str) -> bool:
        try:
            return connection.execute("select 1 from articles where id = ?", [article_id]).fetchone() is not None
        except sqlite3.Error:
            return False

    return is_stored
