"""Turn the text of a source file into `Article`s: plain text, Markdown, HTML, JSON Lines.

Pure functions over strings (reading files and decoding bytes is the store's job).
Each parser raises `ArticleError` with a message fit for the user when it cannot
make an article out of its input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

import dateparser
import yaml
from markdown_it import MarkdownIt

from dateline.extract.html import read_page
from dateline.extract.model import Article, Paragraph


class ArticleError(ValueError):
    """The input cannot be made into an article; the message says why."""


_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "TIMEZONE": "UTC",
    "DATE_ORDER": "MDY",
    "REQUIRE_PARTS": ["year"],
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # publication dates are absolute; never "today"
}
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:Published|Posted|Updated|Last updated|Date)\s*(?:on|at)?\s*[:\-–—]?\s*(?P<date>.+?)\s*$",
    re.IGNORECASE,
)
_URL_LINE = re.compile(r"^\s*(?:URL:\s*)?(?P<url>https?://\S+)\s*$", re.IGNORECASE)


def _load_boilerplate() -> frozenset[str]:
    text = resources.files("dateline.extract.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


BOILERPLATE = _load_boilerplate()


def parse_date(text: str) -> dt.date | None:
    """An absolute calendar date in any common notation ("February 15,2022", ISO 8601, RFC 2822)."""
    text = text.strip()
    if not text or len(text) > 80:
        return None
    if m := re.match(r"(\d{4}-\d{2}-\d{2})", text):
        try:
            return dt.date.fromisoformat(m[1])
        except ValueError:
            return None
    if quick := _quick_date(text):
        return quick
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


_MONTH_NUMBERS = {name: number for number, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}  # fmt: skip
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,\s*(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})\b")


def _quick_date(text: str) -> dt.date | None:
    """The two dateline shapes of English news ("February 15,2022", "15 Feb 2022") without dateparser,
    which takes milliseconds a call; anything else goes to dateparser."""
    for pattern, order in ((_MONTH_DAY_YEAR, (0, 1, 2)), (_DAY_MONTH_YEAR, (1, 0, 2))):
        if m := pattern.search(text):
            month_name, day, year = (m.group(i + 1) for i in order)
            month = _MONTH_NUMBERS.get(month_name.lower())
            if month:
                try:
                    return dt.date(int(year), month, int(day))
                except ValueError:
                    return None
    return None


_SEPARATORS = re.compile(r"[\s|•·>»]+")


def is_boilerplate(line: str) -> bool:
    """Navigation and furniture lines scraped with the article ("Contact Us", "Subscribe")."""
    normalised = _SEPARATORS.sub(" ", line).strip().lower().rstrip(":")
    return normalised in BOILERPLATE


def make_paragraphs(texts: list[str]) -> tuple[Paragraph, ...]:
    """Paragraph objects with their offsets in the body (paragraphs joined by a blank line)."""
    paragraphs = []
    offset = 0
    for text in texts:
        text = " ".join(text.split())  # runs of whitespace as one space, none at the ends
        if not text:
            continue
        paragraphs.append(Paragraph(len(paragraphs), offset, text))
        offset += len(text) + 2
    return tuple(paragraphs)


def _blocks(lines: list[str]) -> list[str]:
    """Lines grouped into blank-line separated blocks, boilerplate lines dropped."""
    blocks: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip() and not is_boilerplate(line):
            current.append(line.strip())
        elif not line.strip() and current:
            blocks.append(" ".join(current))
            current = []
    return blocks


def _split_outlet_section(line: str) -> str:
    """ "Anadolu Agency WORLD" -> "Anadolu Agency": a trailing all-caps word is a section label."""
    words = line.split()
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) > 2 and not all(w.isupper() for w in words):
        words = words[:-1]
    return " ".join(words)


def parse_plain_text(text: str, source: str = "") -> Article:
    """An article scraped as plain text: a header (title, outlet, a `Published` line, maybe a URL)
    then body paragraphs separated by blank lines. Header lines may come in either order."""
    lines = text.splitlines()
    published_index = None
    published = None
    for index, line in enumerate(lines[:40]):
        if m := _PUBLISHED_LINE.match(line):
            published = parse_date(m["date"])
            if published:
                published_index = index
                break
    if published_index is not None:
        header_lines = [line for line in lines[:published_index] if line.strip() and not is_boilerplate(line)]
        rest = lines[published_index + 1 :]
    else:
        header_lines, rest = _split_header_without_dateline(lines)
    url = None
    for index, line in enumerate(rest[:5]):
        if m := _URL_LINE.match(line):
            url = m["url"]
            rest = rest[:index] + rest[index + 1 :]
            break
    title, outlet = _title_and_outlet(header_lines)
    body = _blocks(rest)
    if not title and body:
        title = body[0][:120]
    if not body:
        raise ArticleError("no body text found")
    return Article(
        title, outlet, published, url, make_paragraphs(body), source, "text",
        published_source="text" if published else None, author=byline_author(body),
    )  # fmt: skip


# A byline standing alone: "By Jane Doe", "by Jane Doe and John Roe", "By Jane Doe, Associated Press".
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|bin|al))*"
_BYLINE_PARAGRAPH = re.compile(
    rf"(?:[Bb]y|BY|[Ww]ritten by)\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*?)(?:\s*[,|/–—-]\s*[^\n]{{0,60}})?"
)


def byline_author(paragraphs: list[str]) -> str | None:
    """The author named by a byline paragraph standing first or last in a plain-text body (a scraped
    page puts it either side of the story), or None. A byline is short: up to eight words."""
    for text in (paragraphs[:1] + paragraphs[-1:]) if len(paragraphs) > 1 else []:
        text = text.strip()
        if len(text.split()) > 8 or text.endswith((".", "!", "?")):  # "By Friday, nothing had changed."
            continue
        if (m := _BYLINE_PARAGRAPH.fullmatch(text)) and m["names"].split()[0].lower() not in _CALENDAR_WORDS:
            return m["names"]
    return None


_CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                   "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
                   "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "noon",
                   "midnight", "then", "now", "the"}  # fmt: skip


def _split_header_without_dateline(lines: list[str]) -> tuple[list[str], list[str]]:
    """Without a `Published` line, the header is the short lines before the first long one."""
    header: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or is_boilerplate(stripped):
            continue
        if len(stripped.split()) > 20 or len(header) >= 3:
            return header, lines[index:]
        header.append(stripped)
    return [], lines


def _title_and_outlet(header: list[str]) -> tuple[str, str | None]:
    if not header:
        return "", None
    title = max(header, key=lambda line: len(line.split()))
    others = [line for line in header if line is not title and not _URL_LINE.match(line)]
    outlet = _split_outlet_section(others[-1 if header.index(title) == 0 else 0]) if others else None
    return title, outlet


def parse_markdown(text: str, source: str = "") -> Article:
    """Markdown with an optional YAML front-matter block (title, outlet, published, url)."""
    meta: dict[str, object] = {}
    body = text
    if m := re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.DOTALL):
        try:
            loaded = yaml.safe_load(m[1])
        except yaml.YAMLError as error:
            raise ArticleError(f"front matter is not valid YAML: {error}") from None
        if not isinstance(loaded, dict):
            raise ArticleError("front matter is not a mapping of keys to values")
        meta = loaded
        body = text[m.end() :]
    tokens = MarkdownIt("commonmark").parse(body)
    paragraphs: list[str] = []
    heading: str | None = None
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        plain = "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))
        plain = plain or token.content
        if tokens[index - 1].type == "heading_open":
            heading = heading or plain
            continue
        paragraphs.append(plain)
    title = str(meta.get("title") or heading or (paragraphs[0][:120] if paragraphs else ""))
    if not paragraphs:
        raise ArticleError("no body text found")
    published = _meta_date(meta.get("published") or meta.get("date"))
    return Article(
        title,
        _optional_str(meta.get("outlet")),
        published,
        _optional_str(meta.get("url")),
        make_paragraphs(paragraphs),
        source,
        "markdown",
        author=_optional_str(meta.get("author")),
        published_source="meta" if published else None,
    )


def parse_html(text: str, source: str = "", url: str | None = None, captured: str | None = None) -> Article:
    """A web page: its article body, title, outlet, author, date and address (see `extract.html`).
    `url` and `captured` say where and when a web archive fetched it."""
    page = read_page(text, url)
    # the furniture lines every format drops; trafilatura keeps them on a page with little text
    paragraphs = [p for p in page.paragraphs if not is_boilerplate(p)]
    if not paragraphs:
        raise ArticleError("no article text found in the HTML")
    return Article(
        page.title or paragraphs[0][:120],
        page.outlet,
        page.published,
        page.url,
        make_paragraphs(paragraphs),
        source,
        "html",
        author=page.author,
        published_source=page.published_source,
        captured=captured,
    )


def parse_json_line(line: str, source: str = "") -> Article:
    """One JSON Lines record: {"title", "outlet", "published", "url", "text"}."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ArticleError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise ArticleError("a JSON Lines record must be an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError('the record has no "text"')
    paragraphs = [block for block in re.split(r"\n\s*\n", text) if block.strip() and not is_boilerplate(block)]
    if not paragraphs:
        raise ArticleError("no body text found")
    published = _meta_date(record.get("published") or record.get("date"))
    return Article(
        str(record.get("title") or paragraphs[0][:120]),
        _optional_str(record.get("outlet")),
        published,
        _optional_str(record.get("url")),
        make_paragraphs(paragraphs),
        source,
        "jsonl",
        author=_optional_str(record.get("author")),
        published_source="meta" if published else None,
    )


def _optional_str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _meta_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}  # fmt: skip


def format_for(name: str, text: str) -> str:
    """The format of a file, from its extension or, failing that, from its first characters."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in FORMATS:
        return FORMATS[suffix]
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if head.startswith("---\n"):
        return "markdown"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def parse_article(text: str, source: str, fmt: str) -> Article | ArticleError:
    """The article a file's text holds in format `fmt` (text, markdown, html), or why it holds none. JSON
    Lines, which hold many, are read a line at a time (`parse_json_line`)."""
    parser = {"text": parse_plain_text, "markdown": parse_markdown, "html": parse_html}[fmt]
    try:
        return parser(text, source)
    except ArticleError as error:
        return error
