"""Read a saved web page: its article text and metadata through trafilatura, its publication date
through htmldate.

What Dateline adds to the libraries, each measured by `bench/eval_html.py`:
- a date written in the page's URL (`/2019/11/19/`) wins over the page's markup: the site wrote it in
  its own time zone, where metadata is often a UTC timestamp a day later, or a modification date;
- without a URL date, the date part of a UTC timestamp gives way to the page's own timestamp for the
  same moment with its offset (as JSON-LD and `<time>` elements often carry one);
- the headline, which pages often repeat atop the body, is the title and not a paragraph;
- the date's source is kept (`meta`, `url`, `text`), so a reader can tell a stated date from a guess.

Pure: a string in, a `Page` out. Decoding bytes and reading files are the store's job.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import htmldate
import lxml.html
import trafilatura
from lxml import etree

# Where a page's date came from.
SOURCE_META = "meta"  # its markup: meta tags, JSON-LD, <time> elements
SOURCE_URL = "url"  # the /YYYY/MM/DD/ in its address
SOURCE_TEXT = "text"  # its visible text


@dataclass(frozen=True)
class Page:
    """What a web page says about the article it carries."""

    title: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    published_source: str | None  # SOURCE_META, SOURCE_URL or SOURCE_TEXT; None without a date
    url: str | None
    paragraphs: tuple[str, ...]


_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$|[^\d])")
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)\b"
)
# Markup that states when the article was published (not when it was modified).
_PUBLISHED_NAMES = frozenset(
    ["article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date",
     "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date"]
)  # fmt: skip
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_SAME_MOMENT = dt.timedelta(minutes=10)  # two stamps of one publication, rounded differently
_DATE_PARAMS_MARKUP = {"original_date": True, "extensive_search": False}


def url_date(url: str | None) -> dt.date | None:
    """The date a URL's path states as /YYYY/MM/DD/, if any."""
    if not url:
        return None
    if m := _URL_DATE.search(url):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def read_page(html: str, url: str | None = None) -> Page:
    """The article a page carries. `url` is where the page was fetched from, when known (a web
    archive says it); otherwise the page's own canonical address is used."""
    tree = _load(html)
    if tree is None:
        return Page(None, None, None, None, None, url, ())
    stamps = _published_timestamps(tree)
    # trafilatura cleans the tree it is given; the date's text search, when needed, reads the page again.
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        # without the comparison with readability and jusText: as good on the benchmark and faster;
        # the rescue of a page the main extractor finds too little in still runs
        fast=True,
        date_extraction_params={**_DATE_PARAMS_MARKUP, "url": url},
    )
    text = (doc.text or "") if doc is not None else ""
    title = _clean(doc.title) if doc is not None else None
    # the headline repeated at the top of the body is the title, not a paragraph
    paragraphs = tuple(line for line in (_clean(raw) for raw in text.split("\n")) if line and line != title)
    page_url = url or (doc.url if doc is not None else None)
    published, source = _publication_date(doc.date if doc is not None else None, stamps, page_url)
    if published is None:
        published, source = _text_date(html, page_url)
    return Page(
        title=title,
        outlet=_clean(doc.sitename) if doc is not None else None,
        author=_clean(doc.author) if doc is not None else None,
        published=published,
        published_source=source,
        url=page_url,
        paragraphs=paragraphs,
    )


def _load(html: str) -> lxml.html.HtmlElement | None:
    """The page's element tree; None for a page lxml cannot make anything of."""
    try:
        return trafilatura.load_html(html)
    except (ValueError, etree.ParserError):
        return None


def _text_date(html: str, page_url: str | None) -> tuple[dt.date | None, str | None]:
    """A date written in the page's text. htmldate's text search falls back to a month ("2022-03" found:
    2022-03-01) or a copyright year ("© 2022": 2022-01-01); a first of the month is kept only when the
    page writes that day out."""
    found = htmldate.find_date(html, original_date=True, extensive_search=True, url=page_url)
    if not found:
        return None, None
    published = dt.date.fromisoformat(found)
    if published.day == 1 and not _writes_first_of_month(html, published):
        return None, None
    return published, SOURCE_TEXT


def _writes_first_of_month(html: str, day: dt.date) -> bool:
    month = day.strftime("%B")
    year = day.year
    forms = (
        rf"{year}[-/.]0?{day.month}[-/.]0?1\b",
        rf"\b0?1[-/.]0?{day.month}[-/.]{year}",
        rf"\b0?{day.month}/0?1/{year}",
        rf"\b{month[:3]}[a-z]*\.?\s+1(?:st)?,?\s+{year}",
        rf"\b1(?:st)?\s+{month[:3]}[a-z]*\.?,?\s+{year}",
    )
    return any(re.search(form, html, re.IGNORECASE) for form in forms)


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _published_timestamps(tree: lxml.html.HtmlElement) -> list[dt.datetime]:
    """Publication timestamps with a time zone that the page's markup states."""
    values = []
    for element in tree.iter("meta", "time"):
        names = {(element.get(attribute) or "").lower() for attribute in ("property", "name", "itemprop")}
        if element.tag == "time" and ("pubdate" in element.attrib or "publish" in (element.get("class") or "")):
            names.add("pubdate")
        if names & _PUBLISHED_NAMES:
            values.append(element.get("content") or element.get("datetime") or "")
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            values.extend(_JSON_LD_PUBLISHED.findall(script.text))
    stamps = []
    for value in values:
        if m := _TIMESTAMP.search(value):
            stamp = _timestamp(m)
            if stamp is not None:
                stamps.append(stamp)
    return stamps


def _timestamp(m: re.Match[str]) -> dt.datetime | None:
    zone = m[7]
    if zone == "Z":
        offset = dt.timedelta(0)
    else:
        digits = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        offset = -offset if zone[0] == "-" else offset
    try:
        return dt.datetime(
            int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=dt.timezone(offset)
        )
    except ValueError:
        return None


def _publication_date(
    found: str | None, stamps: list[dt.datetime], page_url: str | None
) -> tuple[dt.date | None, str | None]:
    """The publication date from what htmldate found in the markup, the page's timestamps and its URL."""
    from_url = url_date(page_url)
    local_dates = {stamp.date() for stamp in stamps}
    if from_url is not None:
        return from_url, SOURCE_META if from_url in local_dates else SOURCE_URL
    if not found:
        return None, None
    published = dt.date.fromisoformat(found)
    local = [stamp for stamp in stamps if stamp.utcoffset()]
    for stamp in stamps:
        if not stamp.utcoffset() and stamp.date() == published:
            # the date part of a UTC timestamp: the page's own stamp for the same moment says the day there
            # (only the same moment: stamps of comments or related stories, or a page whose stamps
            # contradict each other, say nothing about it)
            for own in local:
                if abs(own - stamp) <= _SAME_MOMENT:
                    return own.date(), SOURCE_META
    return published, SOURCE_META
