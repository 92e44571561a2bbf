"""Where articles are extracted when ingest runs with several jobs: local worker processes, or the
workers of a Dask cluster. Extraction is a pure function of the article, so any of them can do it."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

from dateline.extract.model import Article
from dateline.extract.pipeline import extract_article
from dateline.store.writer import ArticleRows, article_rows


def extract_rows(article: Article, published: dt.date | None, article_id: str) -> ArticleRows | str:
    """What a worker process does for the writer: the article's rows, all the store keeps of it that
    does not depend on the store (see `writer.ArticleRows`), or why that failed. With one job, or
    when a worker is lost, the writer's process runs it."""
    try:
        extraction = extract_article(article, published)
        return article_rows(article_id, extraction, article.published or published, article.published is None)
    except Exception as error:  # an extractor bug must not lose the rest of the batch
        return f"extraction failed: {type(error).__name__}: {error}"


def _extract_chunk_in_worker(items: list[tuple[Article, dt.date | None, str]]) -> list[bytes | str]:
    """Each article's rows, pickled here: the writer's process receives a list of bytes, which its result
    thread loads at no cost, and the writer unpickles an article's rows when it writes them (`_Part.result`).
    Sent as objects, they were unpickled on arrival by that thread, in the writer's process, holding the
    lock the writer needs to run (0.3 s of its CPU for 2,000 articles; now 0.06 s there), and kept alive,
    for the collector to go over, until the writer reached them."""
    return [_packed(extract_rows(*item)) for item in items]


def _packed(rows: ArticleRows | str) -> bytes | str:
    return pickle.dumps(rows, pickle.HIGHEST_PROTOCOL) if isinstance(rows, ArticleRows) else rows


class _Part:
    """One article's share of a chunk sent to a local worker: `.result()` as a future's."""

    def __init__(self, workers: Workers, index: int) -> None:
        self.workers, self.index = workers, index
        self.future: Any = None  # the chunk's, once sent

    def result(self) -> ArticleRows | str:
        if self.future is None:
            self.workers.flush()  # the writer waits for it: send the chunk it is in now
        if self.future is None:
            raise RuntimeError("the workers are gone")
        rows = self.future.result()[self.index]
        return pickle.loads(rows) if isinstance(rows, bytes) else rows  # our own worker's pickle


class Workers:
    """Where articles are extracted for the one writer: local worker processes, or the workers of
    a Dask cluster. `submit` gives a future (`.result()`), or None when the workers are gone.
    Local workers are sent articles a few at a time (CHUNK_ARTICLES, or CHUNK_CHARS of text):
    sending each alone cost the writer's process a tenth of its time."""

    CHUNK_ARTICLES = 8
    CHUNK_CHARS = 200_000

    def __init__(self, jobs: int, dask: str | None) -> None:
        self.jobs, self.dask = jobs, dask
        self.pool: Any = None
        self.client: Any = None
        self.broken = False
        self.chunk: list[tuple[Article, dt.date | None, str]] = []
        self.parts: list[_Part] = []

    @property
    def ahead(self) -> int:
        """How many articles are read ahead of the writer: enough to keep every worker busy, and the
        writer, when the machine's other work holds up one of them for a while."""
        return 4 * self.jobs if self.dask else 6 * self.jobs * self.CHUNK_ARTICLES

    def start(self) -> None:
        if self.dask:
            from distributed import Client  # the optional `dateline[dask]` extra

            self.client = Client(self.dask)
            self.jobs = max(1, sum(self.client.nthreads().values()))
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")  # fork: no re-import
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=_worker_started)

    @property
    def started(self) -> bool:
        return self.pool is not None or self.client is not None

    def submit(self, article: Article, published: dt.date | None, article_id: str) -> object | None:
        if self.broken:
            return None
        try:
            if self.client is not None:  # pure=False: every article is extracted, never deduplicated by Dask
                return self.client.submit(extract_rows, article, published, article_id, pure=False)
            if self.pool is not None:
                self.chunk.append((article, published, article_id))
                self.parts.append(_Part(self, len(self.chunk) - 1))
                part = self.parts[-1]
                if (
                    len(self.chunk) >= self.CHUNK_ARTICLES
                    or sum(len(a.body) for a, _, _ in self.chunk) > self.CHUNK_CHARS
                ):
                    self.flush()
                return part
        except Exception:  # a local worker died (BrokenProcessPool), the cluster went away: extract here
            self.broken = True
        return None

    def flush(self) -> None:
        """Send the articles gathered so far to a local worker."""
        chunk, parts = self.chunk, self.parts
        self.chunk, self.parts = [], []
        if not chunk or self.broken:
            return
        try:
            future = self.pool.submit(_extract_chunk_in_worker, chunk)
        except Exception:  # a local worker died (BrokenProcessPool): the writer extracts these itself
            self.broken = True
            return
        for part in parts:
            part.future = future

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.client is not None:
            self.client.close()


# How much lower a local worker's scheduling priority is than the writer's (`os.nice`). The one writer is
# the longest task of an ingest; with its workers on the same cores at an equal share, it lost CPU to them
# while they ran ahead, then they waited for it. A little lower, they take what the writer leaves, and all
# of it whenever it waits for them.
WORKER_NICENESS = 3


def _worker_started() -> None:
    """In each worker: run a little behind the writer (`WORKER_NICENESS`); die with the process that started
    it (on Linux), so a writer killed mid-batch leaves no extractor behind; leave Ctrl-C to that process."""
    import contextlib
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # no niceness (Windows): the writer's priority
        os.nice(WORKER_NICENESS)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a worker exits when it finds its queue closed
