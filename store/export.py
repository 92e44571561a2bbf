"""Export events to Markdown a reporter can paste: grouped by date, quotes as block quotes,
every item cited in a footnote (outlet, title, publication date, paragraph, URL)."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote as percent_encode

from dateline.extract.model import MONTH_NAMES, TimexValue
from dateline.extract.safe_text import visible
from dateline.store.errors import DatelineError
from dateline.store.records import ArticleRef, Happening, QuoteRecord, TimelineEvent


def plural(count: int, noun: str) -> str:
    """ "1 event", "2 events"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def human_date(value: str) -> str:
    """A TIMEX3 value as people write it: "15 February 2022", "January 2022", "week 7, 2022"."""
    return TimexValue.parse(value).human()


def human_period(value: str, period_end: str | None) -> str:
    """`human_date`, or the period when `period_end` (a last day, YYYY-MM-DD) goes past the date's own
    last day: "10–20 February 2022", "28 February – 3 March 2022", "30 December 2021 – 2 January 2022"."""
    date = TimexValue.parse(value)
    first, own_last = date.first_day, date.last_day
    if not period_end or first is None or own_last is None or period_end <= own_last.isoformat():
        return date.human()
    end = dt.date.fromisoformat(period_end)
    last = human_date(period_end)
    if (first.year, first.month) == (end.year, end.month):
        return f"{first.day}–{last}"
    start = f"{first.day} {MONTH_NAMES[first.month - 1]}" if first.year == end.year else human_date(first.isoformat())
    return f"{start} – {last}"


def escape_markdown(text: str) -> str:
    """Escape what Markdown would interpret, so the text renders as it reads: one line, control
    characters made visible, no markup, HTML, entity, link or list marker left live."""
    text = visible(" ".join(text.split()))
    text = re.sub(r"([\\`*_\[\]<>#|~&!])", r"\\\1", text)
    text = re.sub(r"^(\s*)([+\-=])(\s|$)", r"\1\\\2\3", text)  # a list marker or heading underline
    text = re.sub(r"^(\s*\d+)([.)])(\s|$)", r"\1\\\2\3", text)  # "1. " would start a numbered list
    return text


_WEB_URL = re.compile(r"https?://[^\s/?#<>\\]+.*", re.IGNORECASE | re.DOTALL)
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"  # RFC 3986 reserved and unreserved marks; the rest is percent-encoded


def markdown_url(url: str) -> str:
    """An article's URL for a Markdown document: a web address as an autolink (`<...>`) whose
    every character outside RFC 3986's sets (spaces, `<`, `>`, quotes, backslashes, controls,
    non-ASCII) is percent-encoded, so nothing in it can close the link or start markup; anything
    else (`javascript:`, a bare word) as escaped text, never a link."""
    url = url.strip()
    if _WEB_URL.fullmatch(url):
        return f"<{percent_encode(url, safe=_URL_SAFE)}>"
    return escape_markdown(url)


class ExportError(DatelineError):
    """The export could not be written; the message says where and why in one line."""

    exit_code = 1


class ExportExists(ExportError):
    """The export's file exists and overwriting it was not asked for."""


def safe_write_text(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` whole or not at all: into a temporary file beside it, synced, then
    renamed over it, so a full disk or a crash leaves the old file as it was. An existing file is
    replaced only with `force`; a folder, a device or a FIFO never. Raises ExportError (one line)."""
    shown = visible(str(path))
    try:
        target = os.stat(path)
    except FileNotFoundError:
        target = None
    except OSError as error:
        raise ExportError(f"cannot write {shown}: {error.strerror or error}") from None
    if target is not None:
        if stat.S_ISDIR(target.st_mode):
            raise ExportError(f"cannot write {shown}: it is a folder; name a file in it")
        if not stat.S_ISREG(target.st_mode):
            raise ExportError(f"cannot write {shown}: it is not a regular file (a device, FIFO or socket)")
        if not force:
            raise ExportExists(f"{shown} exists; give --force to overwrite it")
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {shown}: the folder {visible(str(folder))} does not exist")
    data = text.encode("utf-8")
    temporary = folder / f".{secrets.token_hex(8)}.dateline-export.part"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except OSError as error:
        raise ExportError(f"cannot write {shown}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"cannot write {shown}: {error.strerror or error}; nothing was changed") from None


def export_markdown(
    events: Iterable[TimelineEvent], title: str = "Dateline timeline", exported: dt.date | None = None
) -> str:
    """The events as a Markdown document with footnote citations."""
    events = list(events)
    footnotes: dict[tuple[str, int], int] = {}
    lines = [f"# {escape_markdown(title)}", ""]
    articles = {e.article.id for e in events}
    stamp = (exported or dt.date.today()).isoformat()
    lines += [
        f"_{plural(len(events), 'event')} from {plural(len(articles), 'article')}, exported {stamp} with Dateline._",
        "",
    ]

    def cite(event: TimelineEvent, paragraph: int) -> str:
        key = (event.article.id, paragraph)
        if key not in footnotes:
            footnotes[key] = len(footnotes) + 1
        return f"[^{footnotes[key]}]"

    current_heading = None
    notes: dict[int, str] = {}
    for event in events:
        heading = human_date(event.date if event.granularity != "time" else event.date[:10])
        if heading != current_heading:
            lines += [f"## {escape_markdown(heading)}", ""]
            current_heading = heading
        when = ""
        if event.granularity == "time":
            when = f"**{escape_markdown(event.date[11:])}** "
        elif event.date_source == "publication":
            when = "_(reported)_ "
        actors = f" — _{', '.join(escape_markdown(a) for a in event.actors)}_" if event.actors else ""
        marker = cite(event, event.paragraph)
        notes[footnotes[(event.article.id, event.paragraph)]] = _citation(event, event.paragraph)
        lines.append(f"- {when}{escape_markdown(event.text)}{actors} {marker}")
        for quote in event.quotes:
            speaker = escape_markdown(quote.speaker) if quote.speaker else "unattributed"
            quote_marker = cite(event, quote.paragraph)
            notes[footnotes[(event.article.id, quote.paragraph)]] = _citation(event, quote.paragraph)
            lines += ["", f"  > “{escape_markdown(quote.text)}”", f"  > — {speaker} {quote_marker}"]
        lines.append("")
    if notes:
        lines += ["---", ""]
        lines += [f"[^{number}]: {notes[number]}" for number in sorted(notes)]
    return "\n".join(lines).rstrip() + "\n"


def _citation(event: TimelineEvent, paragraph: int) -> str:
    return _article_citation(event.article, f"paragraph {paragraph + 1}")


def _article_citation(article: ArticleRef, where: str) -> str:
    """ "Outlet, “Title” by Author, published 2022-02-15, paragraph 3. <url>" """
    parts = [escape_markdown(article.outlet) if article.outlet else "Unknown outlet"]
    title = f"“{escape_markdown(article.title)}”"
    parts.append(f"{title} by {escape_markdown(article.author)}" if article.author else title)
    parts.append(f"published {escape_markdown(str(article.published))}")
    parts.append(where)
    text = ", ".join(parts) + "."
    if article.url:
        text += f" {markdown_url(article.url)}"
    return text


def export_happenings_markdown(
    happenings: Iterable[Happening], title: str = "Dateline timeline", exported: dt.date | None = None
) -> str:
    """Happenings as a Markdown document: one entry per happening under its date, its quotes as block
    quotes, and one footnote citing every source (outlet, title, publication date, paragraphs, URL)."""
    happenings = list(happenings)
    sources = {a.id for h in happenings for a in h.sources}
    stamp = (exported or dt.date.today()).isoformat()
    lines = [f"# {escape_markdown(title)}", ""]
    lines += [
        f"_{plural(len(happenings), 'happening')} from {plural(len(sources), 'article')}, exported {stamp}"
        " with Dateline._",
        "",
    ]
    notes: list[str] = []
    current_heading = None
    for happening in happenings:
        value = TimexValue.parse(happening.date)
        heading = human_date(value.day or happening.date)
        if heading != current_heading:
            lines += [f"## {heading}", ""]
            current_heading = heading
        marks = []
        if value.day and len(happening.date) > 10:  # a time or part of the day: "15:30", "evening"
            marks.append(f"**{human_date(happening.date).removeprefix(heading + ', ')}**")
        if (period := human_period(happening.date, happening.period_end)) != human_date(happening.date):
            marks.append(f"_({period})_")  # "from February 10 to 20": the whole period, under its first day
        if happening.planned:
            marks.append("_(planned)_")
        if happening.date_conflicts:
            given = "; ".join(
                f"{human_date(date)}: {', '.join(escape_markdown(o) for o in outlets)}"
                for date, outlets in happening.date_conflicts
            )
            marks.append(f"_(sources differ on the date — {given})_")
        actors = f" — _{', '.join(escape_markdown(a) for a in happening.actors[:6])}_" if happening.actors else ""
        notes.append(_sources_citation(happening))
        lead = " ".join([*marks, escape_markdown(happening.headline)])
        lines.append(f"- {lead}{actors} [^{len(notes)}]")
        several_sources = len(happening.sources) > 1
        for quote in happening.quotes:
            lines += [
                "",
                f"  > “{escape_markdown(quote.text)}”",
                f"  > — {_quote_credit(quote, several_sources)} [^{len(notes)}]",
            ]
        lines.append("")
    if notes:
        lines += ["---", ""]
        lines += [f"[^{number}]: {note}" for number, note in enumerate(notes, start=1)]
    return "\n".join(lines).rstrip() + "\n"


def _quote_credit(quote: QuoteRecord, name_the_source: bool) -> str:
    """Who said it, who relayed it, and (when the footnote cites several sources) which one has it:
    "Vladimir Putin, via Yuri Ushakov (in Reuters)"."""
    credit = escape_markdown(quote.speaker) if quote.speaker else "unattributed"
    if quote.via:
        credit += f", via {escape_markdown(quote.via)}"
    if name_the_source:
        credit += f" (in {escape_markdown(quote.article.outlet or quote.article.title)})"
    return credit


def _sources_citation(happening: Happening) -> str:
    """Every source of a happening, each with the paragraphs its reports are in."""
    paragraphs: dict[str, list[int]] = {}
    for report in happening.reports:
        numbers = paragraphs.setdefault(report.article.id, [])
        if report.paragraph + 1 not in numbers:
            numbers.append(report.paragraph + 1)
    cited = []
    copies = dict(happening.copy_of)
    outlets = {a.id: a.outlet or "an unnamed outlet" for a in happening.sources}
    for article in happening.sources:
        numbers = sorted(paragraphs.get(article.id, []))
        where = f"paragraph{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"
        if article.id in copies:
            where += f" (a wire copy of {escape_markdown(outlets[copies[article.id]])})"
        cited.append(_article_citation(article, where))
    return "; ".join(cited)  # a URL ends one citation: the semicolon keeps the next one apart
