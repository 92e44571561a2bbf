"""Read article files, extract them, and write each article in one transaction.

Bad input never stops a batch: each file or JSON Lines record that cannot be stored
becomes one `Failure` naming it and the reason, and nothing of it is written.
"""

from __future__ import annotations

import bisect
import datetime as dt
import glob
import gzip
import hashlib
import io
import json
import os
import re
import sqlite3
import stat
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import charset_normalizer
from sqlite_utils.db import Database
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from extract.actors import same_person
from extract.articles import FORMATS, ArticleError, format_for, parse_articles, parse_html, parse_json_line
from extract.copies import sketch
from extract.happenings import HeadlineCandidate, Segment, report_records, segments_of
from extract.model import KIND_REPORT, Article, Event, Extraction, date_range
from extract.pipeline import extract_article
from store.export import plural
from store.happenings import record_segments
from store.rows import insert_rows
from store.schema import store_error_message, write_transaction

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger files are refused (JSON Lines excepted: read a line at a time)
MAX_ARTICLE_CHARS = 2 * 1024 * 1024  # one article longer than this is not an article


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


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


def expand_paths(paths: Iterable[str]) -> tuple[list[Path], list[Failure]]:
    """Files named by `paths`: files, folders (recursively) and glob patterns."""
    files: list[Path] = []
    missing: list[Failure] = []
    for raw in paths:
        try:
            _expand_one(raw, files, missing)
        except OSError as error:  # a path too long, a folder that cannot be listed: name it, go on
            missing.append(Failure(raw, f"cannot read it ({error.strerror or error})"))
    return list(dict.fromkeys(files)), missing


def _expand_one(raw: str, files: list[Path], missing: list[Failure]) -> None:
    """Add the files `raw` names (a file, a folder walked recursively, a glob) to `files`."""
    matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
    if not matches:
        missing.append(Failure(raw, "no file matches this pattern"))
    for match in matches:
        path = Path(match)
        if path.is_dir():
            files.extend(_walk_files(path, missing))
        elif path.exists():
            files.append(path)
        else:
            missing.append(Failure(raw, "no such file or folder"))


def _walk_files(folder: Path, missing: list[Failure]) -> list[Path]:
    """The article-like regular files under `folder`, sorted; a subfolder that cannot be listed
    (no permission, a path beyond PATH_MAX) is named in `missing` and the walk goes on."""

    def skipped(error: OSError) -> None:
        missing.append(Failure(str(error.filename or folder), f"cannot read it ({error.strerror or error})"))

    found = []
    for top, _folders, names in os.walk(folder, onerror=skipped):
        for name in names:
            path = Path(top, name)
            try:
                if not name.startswith(".") and _article_like(path) and path.is_file():
                    found.append(path)
            except OSError as error:
                skipped(error)
    return sorted(found)


def _article_like(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return True
    inner = Path(name.removesuffix(".gz")) if name.endswith(".gz") else path
    return inner.suffix.lower() in FORMATS or path.suffix == ""


WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Text of a file and a warning when it was not UTF-8; ArticleError for binary or empty files."""
    if not data.strip():
        raise ArticleError("the file is empty")
    if b"\x00" in data[:8192]:
        raise ArticleError("the file is binary, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        matches = list(charset_normalizer.from_bytes(data))
        best = matches[0] if matches else None
        # Scraped English news that is not UTF-8 is nearly always Windows-1252: prefer it on a tie.
        best = next((m for m in matches if m.encoding == "cp1252" and best and m.chaos <= best.chaos), best)
        if best is None:
            raise ArticleError(
                f"the file is not UTF-8 ({error.reason} at byte {error.start}) and no encoding fits"
            ) from None
        return str(best), f"{name}: not valid UTF-8; read it as {best.encoding}"


def _read_sources(files: list[Path]) -> Iterator[tuple[int, str, Article | ArticleError, str | None]]:
    """(1-based file number, source name, parsed article or error, decoding warning) for every article."""
    for number, path in enumerate(files, start=1):
        for source, result, warning in _read_file(path):
            yield number, source, result, warning


def read_articles(paths: Iterable[str]) -> Iterator[tuple[str, Article | ArticleError, str | None]]:
    """(source name, parsed article or error, decoding warning) for every article under `paths`, as
    ingest reads them, storing nothing: what `dateline parse` shows."""
    files, missing = expand_paths(paths)
    for failure in missing:
        yield failure.source, ArticleError(failure.reason), None
    for _number, source, result, warning in _read_sources(files):
        yield source, result, warning


def _read_file(path: Path) -> Iterator[tuple[str, Article | ArticleError, str | None]]:
    """(source name, parsed article or error, decoding warning) for every article in one file.

    A gzipped file (`page.html.gz`) is read as the file inside it; a web archive (`.warc`, `.warc.gz`)
    gives one article for each HTML page it captured."""
    name = str(path)
    lower = path.name.lower()
    gzipped = lower.endswith(".gz")
    inner_name = path.name[:-3] if gzipped else path.name
    try:
        _check_regular(path)
        if lower.endswith(WARC_SUFFIXES):
            yield from _read_warc(path)
            return
        if format_for(inner_name, "") == "jsonl" and not gzipped:
            yield from _read_json_lines(path)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleError(
                f"the file is too large ({size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MiB)"
            )
        data = _read_capped(path)
        data = _gunzip(data) if gzipped else data
        html = format_for(inner_name, "") == "html"
        text, warning = _decode_html(data, name) if html else decode(data, name)
    except ArticleError as error:
        yield name, error, None
        return
    except OSError as error:
        yield name, ArticleError(f"cannot read it ({error.strerror or error})"), None
        return
    for result in parse_articles(text, name, format_for(inner_name, text)):
        yield (result.source if isinstance(result, Article) else name), result, warning
        warning = None


def _gunzip(data: bytes) -> bytes:
    """The contents of a gzipped file, refused past the size limit (a small file can unpack to gigabytes)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            contents = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ArticleError(f"not a readable gzip file ({error})") from None
    if len(contents) > MAX_FILE_BYTES:
        raise ArticleError(f"the file unpacks to more than {MAX_FILE_BYTES // 2**20} MiB (the limit)")
    return contents


def _read_warc(path: Path) -> Iterator[tuple[str, Article | ArticleError, str | None]]:
    """Each HTML page a web archive captured (a 2xx response or a resource record), as one article
    named `FILE#N` (its number among the archive's pages), with its URL and capture date."""
    pages = records_read = 0
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
                where = f"{path}#{pages + 1}" if pages else str(path)
                yield where, ArticleError(f"not a readable web archive ({error})"), None
                return
            if record.format != "warc":  # warcio reads any text as an old ARC file: that is not one
                yield str(path), ArticleError("not a readable web archive (no WARC record in it)"), None
                return
            records_read += 1
            if not _is_html_page(record):
                continue
            pages += 1
            where = f"{path}#{pages}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            captured = record.rec_headers.get_header("WARC-Date")
            try:
                data = record.content_stream().read(MAX_FILE_BYTES + 1)
                if len(data) > MAX_FILE_BYTES:
                    raise ArticleError(f"the page is larger than {MAX_FILE_BYTES // 2**20} MiB (the limit)")
                # the record's block is read through a LimitReader: what it still expects never came
                if missing := getattr(record.raw_stream, "limit", 0):
                    raise ArticleError(f"the archive ends inside this page ({missing:,} bytes missing)")
                text, warning = _decode_page(data, record, where)
                yield where, parse_html(text, where, url=url, captured=captured), warning
            except ArticleError as error:
                yield where, ArticleError(f"{url}: {error}" if url else str(error)), None
            except (OSError, EOFError, ValueError, zlib.error) as error:
                yield where, ArticleError(f"the archived page cannot be read ({error})"), None
    if not records_read:
        yield str(path), ArticleError("not a readable web archive (no WARC record in it)"), None
    elif not pages:
        yield str(path), ArticleError("the web archive holds no HTML page"), None


def _is_html_page(record: ArcWarcRecord) -> bool:
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
        return status.startswith("2") and content_type.split(";")[0].strip().lower() in HTML_TYPES
    if record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
        return content_type.split(";")[0].strip().lower() in HTML_TYPES
    return False


def _decode_page(data: bytes, record: ArcWarcRecord, where: str) -> tuple[str, str | None]:
    """An archived page's text, in the character set its HTTP headers name, else its own markup."""
    headers = record.http_headers or record.rec_headers
    return _decode_html(data, where, headers.get_header("Content-Type") or "")


_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def _decode_html(data: bytes, where: str, content_type: str = "") -> tuple[str, str | None]:
    """A page's text: UTF-8 when it is valid UTF-8 (a saved page can keep a stale declaration), else in
    the character set its HTTP Content-Type or its `<meta>` declares, without a warning (a page in
    windows-1251 that says so is read as it says); else guessed as for any file."""
    m = _CHARSET.search(content_type.encode("ascii", "replace")) or _CHARSET.search(data[:4096])
    if m and data.strip() and b"\x00" not in data[:8192]:
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError:
            pass
        try:
            return data.decode(m[1].decode("ascii")), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: guess as for any file
    return decode(data, where)


MAX_LINE_BYTES = MAX_ARTICLE_CHARS * 4  # a JSON Lines record longer than this cannot hold an article


def _check_regular(path: Path) -> None:
    """Only regular files are read: a FIFO would hang the batch, a device (or a link to /dev/zero)
    never end."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket or other special file"
        )
        raise ArticleError(f"not a regular file ({kind}): not read")


def _open_regular(path: Path) -> io.BufferedReader:
    """`path` opened for reading, checked once more on the open file (it may have been swapped
    since it was listed); opening does not block on a FIFO."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ArticleError("not a regular file: not read")
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _read_capped(path: Path) -> bytes:
    """At most the size limit and one byte: a file that grows while it is read, or says it is
    small and is not, is still refused without reading it all."""
    with _open_regular(path) as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ArticleError(f"the file is too large (the limit is {MAX_FILE_BYTES // 2**20} MiB)")
    return data


def _lines(stream: io.BufferedReader) -> Iterator[bytes | None]:
    """The lines of a stream, each read up to MAX_LINE_BYTES + 1: a longer line is skipped a chunk
    at a time and given as None, so memory stays bounded whatever the file holds."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _read_json_lines(path: Path) -> Iterator[tuple[str, Article | ArticleError, str | None]]:
    """A JSON Lines file a line at a time, so a file of any size is read in constant memory."""
    with _open_regular(path) as stream:
        for number, raw in enumerate(_lines(stream), start=1):
            where = f"{path}:{number}"
            if raw is None or len(raw) > MAX_LINE_BYTES:
                limit = f"{MAX_LINE_BYTES / 1e6:.0f} MB"
                yield where, ArticleError(f"the line is too long (more than {limit}): not read"), None
                continue
            if not raw.strip():
                continue
            try:
                line, warning = decode(raw, where)
                yield where, parse_json_line(line, where), warning
            except ArticleError as error:
                yield where, error, None


def content_id(article: Article) -> str:
    """A stable id from what the article says: the same article ingested twice gets the same id."""
    canonical = json.dumps(
        {"title": article.title, "published": str(article.published), "body": article.body}, sort_keys=True
    )
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


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
            _ingest_in_workers(db, files, published, progress, report, _Workers(jobs, dask))
        else:
            for file_index, source, result, warning in _read_sources(files):
                outcome = _prepare(db, source, result, published)
                if outcome.article_id:
                    outcome.extraction = _extract(outcome.article, published)
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


def _extract(article: Article | None, published: dt.date | None) -> Extraction | str:
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
    extraction = _extract(article, published)
    if isinstance(extraction, str):
        return extraction
    try:
        return extraction, article_segments(article_id, extraction)
    except Exception as error:
        return f"extraction failed: {type(error).__name__}: {error}"


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


class _Workers:
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


def _ingest_in_workers(
    db: Database,
    files: list[Path],
    published: dt.date | None,
    progress: ProgressCallback | None,
    report: IngestReport,
    workers: _Workers,
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
                outcome.extraction = _extract(outcome.article, published)
        elif outcome.article_id:  # a lone new article (not worth starting workers), or no workers left
            outcome.extraction = _extract(outcome.article, published)
        _finish(db, outcome, warning, published, report)
        if progress:
            progress(file_index, len(files), source)

    try:
        for file_index, source, result, warning in _read_sources(files):
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


def ingest_article(db: Database, article: Article, published: dt.date | None, report: IngestReport) -> None:
    """Extract one article and store it, all or nothing. Records the outcome in `report`."""
    outcome = _prepare(db, article.source, article, published)
    if outcome.article_id:
        outcome.extraction = _extract(article, published)
    _finish(db, outcome, None, published, report)


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


def write_extraction(
    db: Database,
    article_id: str,
    x: Extraction,
    published_date: dt.date,
    given_date: bool = False,
    segments: list[Segment] | None = None,
) -> set[str] | None:
    """Store one extracted article in one transaction: all of it or none of it. Returns its actors'
    ids, or None when the article was already stored (by this process or another: the insert is
    idempotent, and the transaction holds the write lock from its start, so two ingests into one
    store wait for each other instead of failing)."""
    with write_transaction(db):
        return _write(db, article_id, x, published_date, given_date, segments)


def _db_name(db: Database) -> str:
    row = db.execute("pragma database_list").fetchone()
    return row[2] if row and row[2] else "the store"


def article_segments(article_id: str, x: Extraction) -> list[Segment]:
    """The accounts of an article's reports: a pure function of it, so a worker process computes it."""
    return segments_of(report_records(article_id, _reports(article_id, x)))


def _reports(article_id: str, x: Extraction) -> list[tuple[str, Event]]:
    # Only reports are timeline events: bylines, headings and background stay in the paragraphs.
    # Ids sort in reading order, so events of one day keep the article's order.
    return [(f"{article_id}-{e.paragraph:04d}-{e.start:05d}", e) for e in x.events if e.kind == KIND_REPORT]


def _write(
    db: Database,
    article_id: str,
    x: Extraction,
    published_date: dt.date,
    given_date: bool,
    segments: list[Segment] | None = None,
) -> set[str] | None:
    article = x.article
    published = published_date.isoformat()
    changes = db.conn.total_changes
    db["articles"].insert(
        {
            "id": article_id,
            "title": article.title,
            "outlet": article.outlet,
            "published": published,
            "published_given": int(given_date),
            "url": article.url,
            "source": article.source,
            "format": article.format,
            "author": article.author,
            "captured": article.captured,
            "paragraph_count": len(article.paragraphs),
            "sketch": json.dumps(sketch(article.body)),
            "event_count": sum(1 for e in x.events if e.kind == KIND_REPORT),
            "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
        ignore=True,
    )
    if db.conn.total_changes == changes:
        return None  # already there: nothing of it is written twice
    insert_rows(
        db, "paragraphs", [{"article_id": article_id, "idx": p.index, "text": p.text} for p in article.paragraphs]
    )
    mention_counts = Counter(m.actor_key for m in x.mentions)
    actor_ids = {actor.key: _merge_actor(db, actor, x, mention_counts[actor.key]) for actor in x.actors}
    event_rows = []
    event_actor_rows = []
    event_ids: list[tuple[int, int, int, str, str]] = []
    reports = _reports(article_id, x)
    if segments is None:
        segments = article_segments(article_id, x)
    segment_of = {event_id: s.id for s in segments for event_id in s.event_ids}
    for event_id, event in reports:
        first_day, last_day = date_range(event.date_value) or (published, published)
        time = event.date_value[10:] if event.granularity == "time" else ""
        event_rows.append(
            {
                "id": event_id,
                "article_id": article_id,
                "paragraph": event.paragraph,
                "start": event.start,
                "end": event.end,
                "text": event.text,
                "date_value": event.date_value,
                "granularity": event.granularity,
                "date_source": event.date_source,
                "date_text": event.date_text,
                "date_start": event.date_start,
                "date_end": event.date_end,
                "sort_key": first_day + time,
                "period_end": event.period_end or last_day,
                "published": published,
                "planned": int(event.planned),
                "date_conflict": event.date_conflict,
                "segment_id": segment_of.get(event_id),
            }
        )
        if event.main:  # mentions and quotes belong to their sentence's main report
            event_ids.append((event.paragraph, event.start, event.end, event_id, first_day + time))
        event_actor_rows.extend(
            {"event_id": event_id, "actor_id": actor_ids[key], "sort_key": first_day + time} for key in event.actor_keys
        )
    insert_rows(db, "events", event_rows)
    insert_rows(db, "event_actors", event_actor_rows, ignore=True)
    headline_candidates = {
        event_id: HeadlineCandidate(event_id, event.text, event.date_source, len(event.actor_keys), published)
        for event_id, event in reports
    }
    record_segments(db, segments, headline_candidates, article.outlet)

    event_at = _EventLocator(event_ids, published)

    insert_rows(
        db,
        "mentions",
        [
            {
                "actor_id": actor_ids[m.actor_key],
                "article_id": article_id,
                "paragraph": m.paragraph,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "event_id": event_at(m.paragraph, m.start)[0],
            }
            for m in x.mentions
        ],
    )
    quote_rows = []
    for q in x.quotes:
        event_id, sort_key = event_at(q.paragraph, q.start)
        speaker = q.speaker_mention
        quote_rows.append(
            {
                "id": hashlib.sha1(f"{article_id}:q:{q.paragraph}:{q.start}".encode()).hexdigest()[:16],
                "article_id": article_id,
                "paragraph": q.paragraph,
                "start": q.start,
                "end_paragraph": q.end_paragraph,
                "end": q.end,
                "text": q.text,
                "speaker_id": actor_ids.get(q.speaker_key) if q.speaker_key else None,
                # a named actor's name is read from `actors` (it can grow: "Blinken" -> "Antony Blinken");
                # this keeps the words of an unnamed one ("a senior official")
                "speaker_name": None if q.speaker_key else q.speaker_name,
                "speaker_text": speaker.text if speaker else None,
                "speaker_paragraph": speaker.paragraph if speaker else None,
                "speaker_start": speaker.start if speaker else None,
                "speaker_end": speaker.end if speaker else None,
                "cue": q.cue,
                "speaker_kind": q.speaker_kind,
                "via": q.via,
                "event_id": event_id,
                "sort_key": sort_key,
            }
        )
    insert_rows(db, "quotes", quote_rows)
    insert_rows(
        db,
        "date_mentions",
        [
            {
                "article_id": article_id,
                "paragraph": d.paragraph,
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "type": d.type,
                "value": d.value,
                "resolution": d.resolution,
            }
            for d in x.dates
        ],
    )
    return set(actor_ids.values())


class _EventLocator:
    """The event (id, sort key) whose sentence holds an offset of a paragraph, found by bisection:
    placing every mention and quote of an article costs a logarithm each, not a scan of its events."""

    def __init__(self, events: list[tuple[int, int, int, str, str]], published: str) -> None:
        self.published = published
        self.by_paragraph: dict[int, tuple[list[int], list[tuple[int, int, int, str, str]]]] = {}
        for event in sorted(events, key=lambda e: (e[0], e[1])):
            starts, rows = self.by_paragraph.setdefault(event[0], ([], []))
            starts.append(event[1])
            rows.append(event)

    def __call__(self, paragraph: int, offset: int) -> tuple[str | None, str]:
        starts, rows = self.by_paragraph.get(paragraph, ((), ()))
        index = bisect.bisect_right(starts, offset) - 1  # the last sentence starting at or before `offset`
        if index >= 0 and offset < rows[index][2]:
            return rows[index][3], rows[index][4]
        return None, self.published


def _merge_actor(db: Database, actor, x: Extraction, mention_count: int) -> str:  # type: ignore[no-untyped-def]
    """The id of the stored actor this article's actor is, creating or enriching it."""
    surname = actor.name.split()[-1] if actor.kind == "person" else None
    row = db.execute("select id, name, titles, aliases from actors where id = ?", [actor.key]).fetchone()
    if row is None and actor.kind == "person":
        candidates = db.execute(  # the surname, or a first word that is how the person is called ("Xi")
            "select id, name, titles, aliases from actors where kind = 'person' and (surname like ? or name like ? "
            "or name = ?)",
            [surname[:4] + "%", actor.name.split()[0] + " %", actor.name.split()[0]],
        ).fetchall()
        matching = [c for c in candidates if same_person(c[1].split(), actor.name.split())]
        row = matching[0] if len(matching) == 1 else None
    if row is None:
        db["actors"].insert(
            {
                "id": actor.key,
                "name": actor.name,
                "kind": actor.kind,
                "surname": surname,
                "titles": json.dumps(list(actor.titles)),
                "aliases": json.dumps(list(actor.aliases)),
                "mention_count": mention_count,
            }
        )
        return actor.key
    actor_id, name, titles, aliases = row
    longer = actor.name if len(actor.name.split()) > len(name.split()) else name
    merged_titles = list(dict.fromkeys([*json.loads(titles), *actor.titles]))
    merged_aliases = sorted({*json.loads(aliases), *actor.aliases, actor.name, name} - {longer})
    db.execute(
        "update actors set name = ?, titles = ?, aliases = ?, mention_count = mention_count + ? where id = ?",
        [longer, json.dumps(merged_titles), json.dumps(merged_aliases), mention_count, actor_id],
    )
    return actor_id


def seed_files() -> list[str]:
    """The sample articles bundled with Dateline (they ship inside the installed package)."""
    folder = resources.files("seeds")
    return sorted(str(folder / name.name) for name in folder.iterdir() if name.name.endswith((".txt", ".md", ".jsonl")))
