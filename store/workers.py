"""Where articles are extracted when ingest runs with several jobs: local worker processes, or the
workers of a Dask cluster. Extraction is a pure function of the article, so any of them can do it."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable
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


def _run_chunk_in_worker(calls: list[tuple[Callable[..., object], tuple]]) -> list[bytes | str]:
    """Each call's result (an article's rows, a file's outcomes), pickled here: the writer's process receives
    a list of bytes, which its result thread loads at no cost, and the writer unpickles a result when it
    writes it (`_Part.result`). Sent as objects, they were unpickled on arrival by that thread, in the
    writer's process, holding the lock the writer needs to run (0.3 s of its CPU for 2,000 articles; now
    0.06 s there), and kept alive, for the collector to go over, until the writer reached them."""
    return [_packed(function(*args)) for function, args in calls]


def _packed(result: object) -> bytes | str:
    return result if isinstance(result, str) else pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


class _Part:
    """One call's share of a chunk sent to a local worker (an article's, a file's): `.result()` as a future's."""

    def __init__(self, workers: Workers, index: int) -> None:
        self.workers, self.index = workers, index
        self.future: Any = None  # the chunk's, once sent

    def result(self) -> Any:
        if self.future is None:
            self.workers.flush()  # the writer waits for it: send the chunk it is in now
        if self.future is None:
            raise RuntimeError("the workers are gone")
        rows = self.future.result()[self.index]
        return pickle.loads(rows) if isinstance(rows, bytes) else rows  # our own worker's pickle


class Workers:
    """Where articles are extracted for the one writer: local worker processes, or the workers of
    a Dask cluster. `submit` gives a future (`.result()`), or None when the workers are gone; local
    workers also take any call (`call`: the ingest gives them files to read). They are sent work a
    few at a time (CHUNK_ARTICLES articles or files, or CHUNK_CHARS of text): sending each alone cost
    the writer's process a tenth of its time."""

    CHUNK_ARTICLES = 8
    CHUNK_CHARS = 200_000

    def __init__(self, jobs: int, dask: str | None) -> None:
        self.jobs, self.dask = jobs, dask
        self.pool: Any = None
        self.client: Any = None
        self.broken = False
        self.chunk: list[tuple[Callable[..., object], tuple]] = []
        self.chunk_chars = 0
        self.parts: list[_Part] = []

    @property
    def ahead(self) -> int:
        """How many articles (or files given to the workers) are read ahead of the writer: enough to keep
        every worker busy, and the writer, when the machine's other work holds up one of them for a while."""
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
        """Extract an article (`extract_rows`)."""
        if self.client is not None and not self.broken:
            try:  # pure=False: every article is extracted, never deduplicated by Dask
                return self.client.submit(extract_rows, article, published, article_id, pure=False)
            except Exception:  # the cluster went away: the writer extracts the rest itself
                self.broken = True
        return self.call(extract_rows, (article, published, article_id), len(article.body))

    @property
    def read_files(self) -> bool:
        """Whether the workers can be given files to read (`call`): local ones, which see the same files."""
        return self.pool is not None and not self.broken

    def call(self, function: Callable[..., object], args: tuple, chars: int) -> object | None:
        """Run `function(*args)` in a local worker (`chars`: about how much text it reads). A future of
        its result, or None when there are no local workers (gone, or a Dask cluster's instead)."""
        if self.pool is None or self.broken:
            return None
        self.chunk.append((function, args))
        self.chunk_chars += chars
        self.parts.append(_Part(self, len(self.chunk) - 1))
        part = self.parts[-1]
        if len(self.chunk) >= self.CHUNK_ARTICLES or self.chunk_chars > self.CHUNK_CHARS:
            self.flush()
        return part

    def flush(self) -> None:
        """Send the work gathered so far to a local worker."""
        chunk, parts = self.chunk, self.parts
        self.chunk, self.parts, self.chunk_chars = [], [], 0
        if not chunk or self.broken:
            return
        try:
            future = self.pool.submit(_run_chunk_in_worker, chunk)
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
