"""Where articles are extracted when ingest runs with several jobs: local worker processes, or the
workers of a Dask cluster. Extraction is a pure function of the article, so any of them can do it."""

from __future__ import annotations

import datetime as dt

from dateline.extract.happenings import Segment
from dateline.extract.model import Article, Extraction
from dateline.extract.pipeline import extract_article
from dateline.store.writer import article_segments, content_id


def extract_one(article: Article | None, published: dt.date | None) -> Extraction | str:
    """The article's extraction, or why it failed: an extractor bug must not lose the rest of the batch.
    Runs in a worker process with --jobs: a pure function of the article."""
    assert article is not None
    try:
        return extract_article(article, published)
    except Exception as error:
        return f"extraction failed: {type(error).__name__}: {error}"


def _extract_in_worker(
    article: Article, published: dt.date | None, article_id: str
) -> tuple[Extraction, list[Segment]] | str:
    """What a worker process does for the writer: the extraction and the article's accounts."""
    extraction = extract_one(article, published)
    if isinstance(extraction, str):
        return extraction
    try:
        return extraction, article_segments(article_id, extraction)
    except Exception as error:
        return f"extraction failed: {type(error).__name__}: {error}"


class Workers:
    """Where articles are extracted for the one writer: local worker processes, or the workers of
    a Dask cluster. `submit` gives a future (`.result()`), or None when the workers are gone."""

    def __init__(self, jobs: int, dask: str | None) -> None:
        self.jobs, self.dask = jobs, dask
        self.pool = None
        self.client = None
        self.broken = False

    @property
    def ahead(self) -> int:
        """How many articles are read ahead of the writer: enough to keep every worker busy."""
        return 4 * self.jobs

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

    def submit(self, article: Article, published: dt.date | None) -> object | None:
        if self.broken:
            return None
        try:
            if self.client is not None:  # pure=False: every article is extracted, never deduplicated by Dask
                return self.client.submit(_extract_in_worker, article, published, content_id(article), pure=False)
            if self.pool is not None:
                return self.pool.submit(_extract_in_worker, article, published, content_id(article))
        except Exception:  # a local worker died (BrokenProcessPool), the cluster went away: extract here
            self.broken = True
        return None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.client is not None:
            self.client.close()


def _worker_started() -> None:
    """In each worker: die with the process that started it (on Linux), so a writer killed mid-batch
    leaves no extractor behind; leave Ctrl-C to that process."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a worker exits when it finds its queue closed
