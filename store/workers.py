"""Where articles are extracted when ingest runs with several jobs: local worker processes, or the
workers of a Dask cluster. Extraction is a pure function of the article, so any of them can do it."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from dateline.extract.model import Article
from dateline.extract.pipeline import extract_article
from dateline.store.writer import ArticleRows, article_rows


class Future(Protocol):
    """What the workers give for a call: a Dask future, or a local call's share of a chunk (`_Part`)."""

    def result(self) -> Any: ...


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


class _Chunk:
    """Calls sent to a local worker together, or run in the writer's process (`here`) when the writer would
    otherwise wait for a worker."""

    def __init__(self) -> None:
        self.calls: list[tuple[Callable[..., object], tuple]] = []
        self.here: list[Callable[[], object]] = []  # each call, as this process runs it
        self.chars = 0
        self.future: Any = None  # once sent to a worker
        self.results: list[Any] | None = None  # once back (pickled by the worker) or run here


class _Failed:
    """A call run here that raised: its part raises it (`Workers.result_of`), not the one the writer waited for."""

    def __init__(self, error: Exception) -> None:
        self.error = error


class _Part:
    """One call's share of a chunk (an article's, a file's): `.result()` as a future's."""

    def __init__(self, workers: Workers, chunk: _Chunk, index: int) -> None:
        self.workers, self.chunk, self.index = workers, chunk, index

    def result(self) -> Any:
        return self.workers.result_of(self.chunk, self.index)


class Workers:
    """Where articles are extracted for the one writer: local worker processes, or the workers of a Dask
    cluster. `submit` gives a future (`.result()`), or None when the workers are gone; local workers also
    take any call (`call`: the ingest gives them files to read).

    Locally, `jobs` processes extract: `jobs - 1` worker processes and the writer's own. The writer is the
    longest task, yet it waits for the workers at times; with as many workers as cores, three processes
    shared two cores and the writer waited its turn for a core (0.6 s of 4.3 s). Now, when the chunk
    it needs next is still at a worker, it runs the next chunk not yet sent itself (`result_of`), and each
    worker is kept IN_FLIGHT chunks ahead. Work goes out a few calls at a time (CHUNK_ARTICLES articles
    or files, or CHUNK_CHARS of text): sending each alone cost the writer's process a tenth of its time."""

    CHUNK_ARTICLES = 8
    CHUNK_CHARS = 200_000
    IN_FLIGHT = 2  # chunks a worker has: one at work, one waiting

    def __init__(self, jobs: int, dask: str | None) -> None:
        self.jobs, self.dask = jobs, dask
        self.pool: Any = None
        self.client: Any = None
        self.broken = False
        self.gathering: _Chunk | None = None  # calls not yet closed into a chunk
        self.waiting: deque[_Chunk] = deque()  # chunks closed, not yet sent
        self.sent: list[_Chunk] = []  # chunks at the workers

    @property
    def processes(self) -> int:
        """Local worker processes: the writer's process extracts too."""
        return max(1, self.jobs - 1)

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
            self.pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=context, initializer=_worker_started)
            try:  # fork the workers now, when the caller chooses (see `ingest`), not when the first chunk is sent
                self.pool.submit(os.getpid)
            except Exception:  # no process could be started: the writer extracts everything itself
                self.broken = True

    @property
    def started(self) -> bool:
        return self.pool is not None or self.client is not None

    def submit(self, article: Article, published: dt.date | None, article_id: str) -> Future | None:
        """Extract an article (`extract_rows`)."""
        if self.client is not None and not self.broken:
            try:  # pure=False: every article is extracted, never deduplicated by Dask
                return self.client.submit(extract_rows, article, published, article_id, pure=False)
            except Exception:  # the cluster went away: the writer extracts the rest itself
                self.broken = True
        return self.call(extract_rows, (article, published, article_id), len(article.body))

    def call(
        self, function: Callable[..., object], args: tuple, chars: int, here: Callable[[], object] | None = None
    ) -> Future | None:
        """Run `function(*args)` in a local worker, or `here()` (by default the same call) in this process
        when the writer gets to it first; `chars`: about how much text it reads. A future of its result, or
        None when there are no local workers (gone, or a Dask cluster's instead)."""
        if self.pool is None or self.broken:
            return None
        chunk = self.gathering = self.gathering or _Chunk()
        chunk.calls.append((function, args))
        chunk.here.append(here or partial(function, *args))
        chunk.chars += chars
        part = _Part(self, chunk, len(chunk.calls) - 1)
        if len(chunk.calls) >= self.CHUNK_ARTICLES or chunk.chars > self.CHUNK_CHARS:
            self.flush()
        return part

    def flush(self) -> None:
        """Close the calls gathered so far into a chunk, sent when a worker has room for it (`_send`)."""
        if self.gathering is not None:
            self.waiting.append(self.gathering)
            self.gathering = None
        self._send()

    def _send(self) -> None:
        self.sent = [chunk for chunk in self.sent if not chunk.future.done()]
        while self.waiting and not self.broken and len(self.sent) < self.IN_FLIGHT * self.processes:
            chunk = self.waiting[0]
            try:
                chunk.future = self.pool.submit(_run_chunk_in_worker, chunk.calls)
            except Exception:  # a local worker died (BrokenProcessPool): the writer runs the rest itself
                self.broken = True
                return
            self.sent.append(self.waiting.popleft())

    def result_of(self, chunk: _Chunk, index: int) -> Any:
        """The result of a chunk's call: run here if it was not sent; else, while its worker is at it, the
        writer runs the next chunk not yet sent, and waits only when there is none."""
        if chunk is self.gathering:
            self.flush()
        while chunk.results is None:
            if chunk.future is None:
                self.waiting.remove(chunk)
                _run_here(chunk)
            elif chunk.future.done() or not self.waiting:
                chunk.results = chunk.future.result()  # raises when its worker died: the caller extracts it
            else:
                _run_here(self.waiting.popleft())
        self._send()
        result = chunk.results[index]
        if isinstance(result, _Failed):
            raise result.error
        return pickle.loads(result) if isinstance(result, bytes) else result  # our own worker's pickle

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.client is not None:
            self.client.close()


def _run_here(chunk: _Chunk) -> None:
    results: list[Any] = []
    for here in chunk.here:
        try:
            results.append(here())
        except Exception as error:  # raised by its own part's result()
            results.append(_Failed(error))
    chunk.results = results


# How much lower a local worker's scheduling priority is than the writer's (`os.nice`). The one writer is
# the longest task of an ingest; with its workers on the same cores at an equal share, it lost CPU to them
# while they ran ahead, then they waited for it. A little lower, they take what the writer leaves, and all
# of it whenever it waits for them.
WORKER_NICENESS = 3


def _worker_started() -> None:
    """In each worker: run a little behind the writer (`WORKER_NICENESS`); die with the process that started
    it (on Linux), so a writer killed mid-batch leaves no extractor behind; leave Ctrl-C to that process."""
    import contextlib
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # no niceness (Windows): the writer's priority
        os.nice(WORKER_NICENESS)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a worker exits when it finds its queue closed
