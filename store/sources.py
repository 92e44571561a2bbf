"""Find article files and read them: folders, globs, encodings, gzip, web archives, JSON Lines.

What cannot be read becomes an `ArticleError` naming the reason (a `Failure` for a path that names
nothing); special files are refused and every read is capped, so no input can hang or swamp a batch.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import charset_normalizer
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from dateline.extract.articles import FORMATS, ArticleError, format_for, parse_article, parse_html, parse_json_line
from dateline.extract.model import Article

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger files are refused (JSON Lines excepted: read a line at a time)
MAX_ARTICLE_CHARS = 2 * 1024 * 1024  # one article longer than this is not an article


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


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
        text = str(best)
        return text, f"{name}: not valid UTF-8; read it as {_western_name(data, text, best.encoding)}"


def _western_name(data: bytes, text: str, guessed: str) -> str:
    """The name to give the encoding a file was read in: Windows-1252 when that reads it the same (the
    guesser names one of the code pages that agree on a text's few accents, cp1250 for "Café")."""
    try:
        return "cp1252" if guessed != "cp1252" and data.decode("cp1252") == text else guessed
    except UnicodeDecodeError:
        return guessed


def read_sources(files: list[Path]) -> Iterator[tuple[int, str, Article | ArticleError, str | None]]:
    """(1-based file number, source name, parsed article or error, decoding warning) for every article."""
    for number, path in enumerate(files, start=1):
        for source, result, warning in read_file(path):
            yield number, source, result, warning


def read_articles(paths: Iterable[str]) -> Iterator[tuple[str, Article | ArticleError, str | None]]:
    """(source name, parsed article or error, decoding warning) for every article under `paths`, as
    ingest reads them, storing nothing: what `dateline parse` shows."""
    files, missing = expand_paths(paths)
    for failure in missing:
        yield failure.source, ArticleError(failure.reason), None
    for _number, source, result, warning in read_sources(files):
        yield source, result, warning


def holds_many(path: Path) -> bool:
    """Whether a file can hold many articles, as `read_file` will read it: a web archive, or JSON Lines (by
    its suffix, gzipped or not, or, when its suffix names no format, by its first characters). Any other file
    holds one article. (Only a hint for where it is read: a file judged wrongly is read the same.)"""
    lower = path.name.lower()
    if lower.endswith(WARC_SUFFIXES):
        return True
    gzipped = lower.endswith(".gz")
    inner_name = path.name[:-3] if gzipped else path.name
    if format_for(inner_name, "") == "jsonl":
        return True
    if format_for(inner_name, "{") != "jsonl":  # its suffix names the format of one article
        return False
    return format_for(inner_name, _head(path, gzipped)) == "jsonl"


HEAD_BYTES = 4096


def _head(path: Path, gzipped: bool) -> str:
    """The first characters of a file (unpacked), or "" when it cannot be read (`read_file` says why)."""
    try:
        _check_regular(path)
        with _open_regular(path) as stream:
            data = gzip.GzipFile(fileobj=stream).read(HEAD_BYTES) if gzipped else stream.read(HEAD_BYTES)
    except (ArticleError, OSError, EOFError, zlib.error):
        return ""
    return data.decode("utf-8-sig", errors="replace")


def read_file(path: Path) -> Iterator[tuple[str, Article | ArticleError, str | None]]:
    """(source name, parsed article or error, decoding warning) for every article in one file.

    A gzipped file (`page.html.gz`) is read as the file inside it; a web archive (`.warc`, `.warc.gz`)
    gives one article for each HTML page it captured."""
    name = source_name(path)
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
    fmt = format_for(inner_name, text)
    if fmt == "jsonl":  # gzipped, or named without a suffix: each line named FILE:LINE, as in a .jsonl
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                where = f"{name}:{number}"
                yield where, _json_line(line, where), warning
                warning = None
        return
    result = parse_article(text, name, fmt)
    yield (result.source if isinstance(result, Article) else name), result, warning


def _json_line(line: str, where: str) -> Article | ArticleError:
    try:
        return parse_json_line(line, where)
    except ArticleError as error:
        return error


def source_name(path: Path) -> str:
    """How a file is named in the store and the report: its path, with each byte of a name that is not UTF-8
    written as \\xNN (the store keeps text as UTF-8: such a name, as Python reads it, cannot be stored)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


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
    name = source_name(path)
    pages = records_read = 0
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
                where = f"{name}#{pages + 1}" if pages else name
                yield where, ArticleError(f"not a readable web archive ({error})"), None
                return
            if record.format != "warc":  # warcio reads any text as an old ARC file: that is not one
                yield name, ArticleError("not a readable web archive (no WARC record in it)"), None
                return
            records_read += 1
            if not _is_html_page(record):
                continue
            pages += 1
            where = f"{name}#{pages}"
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
        yield name, ArticleError("not a readable web archive (no WARC record in it)"), None
    elif not pages:
        yield name, ArticleError("the web archive holds no HTML page"), None


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
    name = source_name(path)
    with _open_regular(path) as stream:
        for number, raw in enumerate(_lines(stream), start=1):
            where = f"{name}:{number}"
            if raw is None or len(raw) > MAX_LINE_BYTES:
                limit = f"{MAX_LINE_BYTES / 1e6:.0f} MB"
                yield where, ArticleError(f"the line is too long (more than {limit}): not read"), None
                continue
            if not raw.strip():
                continue
            try:
                line, warning = decode(raw, where)
            except ArticleError as error:
                yield where, error, None
                continue
            yield where, _json_line(line, where), warning


def seed_files() -> list[str]:
    """The sample articles bundled with Dateline (they ship inside the installed package)."""
    folder = resources.files("dateline.seeds")
    return sorted(str(folder / name.name) for name in folder.iterdir() if name.name.endswith((".txt", ".md", ".jsonl")))
