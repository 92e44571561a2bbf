"""Export events to Markdown a reporter can paste: grouped by date, quotes as block quotes,
every item cited in a footnote (outlet, title, publication date, paragraph, URL)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from store.records import TimelineEvent

_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}


def plural(count: int, noun: str) -> str:
    """ "1 event", "2 events"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def human_date(value: str, granularity: str | None = None) -> str:
    """A TIMEX3 value as people write it: "15 February 2022", "January 2022", "week 7, 2022"."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}|MO|AF|EV|NI))?", value):
        day = f"{int(m[3])} {_MONTH_NAMES[int(m[2]) - 1]} {m[1]}"
        if m[4]:
            return f"{day}, {_PARTS.get(m[4], m[4])}"
        return day
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return f"{_MONTH_NAMES[int(m[2]) - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        return f"{'weekend of ' if m[3] else ''}week {int(m[2])}, {m[1]}"
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        return f"Q{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-H(\d)", value):
        return f"{'first' if m[2] == '1' else 'second'} half of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{_SEASONS[m[2]]} {m[1]}"
    if re.fullmatch(r"\d{3}", value):
        return f"the {value}0s"
    return value


def escape_markdown(text: str) -> str:
    """Escape what Markdown would interpret, so the text renders as it reads."""
    text = re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)
    text = re.sub(r"^(\s*)([+\-])(\s)", r"\1\\\2\3", text)  # a list marker at the start
    text = re.sub(r"^(\s*\d+)([.)])(\s)", r"\1\\\2\3", text)  # "1. " would start a numbered list
    return " ".join(text.split())


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
            lines += [f"## {heading}", ""]
            current_heading = heading
        when = ""
        if event.granularity == "time":
            when = f"**{event.date[11:]}** "
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
    article = event.article
    parts = [escape_markdown(article.outlet) if article.outlet else "Unknown outlet"]
    title = f"“{escape_markdown(article.title)}”"
    parts.append(f"{title} by {escape_markdown(article.author)}" if article.author else title)
    parts.append(f"published {article.published}")
    parts.append(f"paragraph {paragraph + 1}")
    text = ", ".join(parts) + "."
    if article.url:
        text += f" <{article.url}>"
    return text
