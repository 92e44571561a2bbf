"""How one timeline row is drawn: a happening (date, marks, headline wrapped to the width, sources
badge) and, when it is expanded, each of its reports (outlet, the date that outlet gives, the sentence).

Pure functions from records to lines of `rich.text.Text`, each exactly `width` cells wide: the
timeline widget styles the cursor and turns them into strips. Article text reaches the screen only as
`Text` (never markup), through the sanitiser.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.console import Console
from rich.style import Style
from rich.text import Text

from dateline.store.records import HappeningReport
from dateline.tui.text import clean, highlight_words, short_date

HEADLINE_LINES = 3  # a longer headline ends with "…" after its last whole word; the detail panel has all of it
REPORT_LINES = 2
MARK_PLANNED = "◷"
MARK_CONFLICT = "≠"
_WIDE_DATE = 17  # "2022-02-15 15:30" and a gap
_NARROW_DATE = 11  # "2022-02-15" and a gap: a time goes on the date's second line
_MARKS = 3  # planned, conflicting, a gap
_SEARCH_STYLE = "black on yellow"
_CONSOLE = Console(width=400, legacy_windows=False, color_system=None)  # only measures and wraps


class DrawnHappening(Protocol):
    """What a happening row draws (`store.records.TimelineRow` has these fields)."""

    date: str
    granularity: str
    sort_key: str
    planned: bool
    conflicting: bool
    headline: str
    source_count: int
    outlets: tuple[str, ...]


def date_width(width: int) -> int:
    """The date column: room for a time beside the day on a wide panel, under it on a narrow one."""
    return _WIDE_DATE if width >= 100 else _NARROW_DATE


def headline_indent(width: int) -> int:
    """Where a headline (and an expanded happening's reports) starts: after the selection mark, the
    date column and the marks."""
    return 1 + date_width(width) + _MARKS


def wrap(text: Text, width: int, max_lines: int) -> list[Text]:
    """`text` wrapped at word boundaries into at most `max_lines` lines of `width` cells; when it
    needs more, the last line ends with "…" after its last whole word. (Only a single word longer
    than the whole width is ever folded.)"""
    width = max(width, 1)
    lines = list(text.wrap(_CONSOLE, width, overflow="fold", no_wrap=False))
    if not lines:
        return [Text()]
    for line in lines:
        line.rstrip()
    if len(lines) <= max_lines:
        return list(lines)
    kept = lines[:max_lines]
    last = kept[-1].copy()
    while last.cell_len + 2 > width and " " in last.plain.rstrip():
        last = last[: last.plain.rstrip().rfind(" ")]  # drop the last word (whole), never a part of it
        last.rstrip()
    if last.cell_len + 2 > width:
        last.truncate(max(width - 2, 0))
    last.append(" …", style="dim")
    kept[-1] = last
    return kept


def badge(count: int, outlets: Sequence[str], width: int) -> Text:
    """The sources badge: how many sources, then as many of the first outlets as fit whole (the rest
    counted as "+N"); at most `width` cells (just the count when no outlet fits whole)."""
    text = Text(f"{count} src", style="bold cyan", no_wrap=True)
    names = [clean(o) for o in outlets if o]
    shown: list[str] = []
    for index, name in enumerate(names):
        rest = count - index - 1  # sources not named once this one is
        more = f" +{rest}" if rest > 0 else ""
        candidate = ", ".join([*shown, name])
        if text.cell_len + 1 + Text(candidate + more).cell_len > width:
            break
        shown.append(name)
    if shown:
        text.append(" " + ", ".join(shown), style="cyan")
        if count > len(shown):
            text.append(f" +{count - len(shown)}", style="dim cyan")
    elif names:  # the first outlet cut, when enough of it shows to be read
        more = f" +{count - 1}" if count > 1 else ""
        room = width - text.cell_len - 1 - len(more)
        if room >= 6:
            first = Text(names[0], style="cyan")
            first.truncate(room, overflow="ellipsis")
            text.append(" ").append_text(first)
            text.append(more, style="dim cyan")
    text.truncate(max(width, 1), overflow="ellipsis")
    return text


def marks(row: DrawnHappening) -> Text:
    text = Text(no_wrap=True)
    text.append(MARK_PLANNED if row.planned else " ", style="bold green")
    text.append(MARK_CONFLICT if row.conflicting else " ", style="bold red")
    text.append(" ")
    return text


def happening_lines(
    row: DrawnHappening,
    width: int,
    *,
    new_day: bool,
    new_month: bool,
    selected: bool = False,
    expanded: bool = False,
    search_words: Sequence[str] = (),
) -> list[Text]:
    """A happening's lines (one to HEADLINE_LINES, or one more when the badge needs its own):

        ● 2022-01-21 ◷≠ Blinken and Lavrov met in Geneva for talks on the security
                        guarantees Moscow demands.                 3 src Reuters, AP +1

    The date shows on the first row of its day (bold yellow on the first of its month), a `│` on
    the others (with the time, when the row has one); `▸`/`▾` before the badge say whether the
    happening is folded or expanded into its reports."""
    width = max(width, 20)
    date_w = date_width(width)
    indent = headline_indent(width)
    body_width = width - indent
    headline = Text(clean(row.headline))
    highlight_words(headline, list(search_words), _SEARCH_STYLE)
    body = wrap(headline, body_width, HEADLINE_LINES)
    # The badge ends the headline's last line when the count and an outlet fit there; otherwise it takes
    # a line of its own (with the outlets a wider place allows): a count without its outlet says too little.
    room = body_width - body[-1].cell_len - 2 - 2  # a gap, and the fold mark
    fold = Text("▾ " if expanded else "▸ ", style="dim")
    inline = badge(row.source_count, row.outlets, min(room, 40))
    names_outlet = inline.plain != f"{row.source_count} src" or not any(row.outlets)
    if room >= len(f"{row.source_count} src") and names_outlet:
        tag = fold + inline
        last = body[-1]
        last.pad_right(body_width - last.cell_len - tag.cell_len)
        last.append_text(tag)
    else:
        tag = fold + badge(row.source_count, row.outlets, max(8, min(40, body_width // 2)))
        tag.pad_left(body_width - tag.cell_len)
        body.append(tag)
    dates = _date_column(row, date_w, new_day=new_day, new_month=new_month, lines=len(body))
    lines = []
    for number, (date, text) in enumerate(zip(dates, body, strict=True)):
        line = Text(no_wrap=True, end="")
        line.append("●" if selected and number == 0 else " ", style="bold magenta")
        line.append_text(date)
        line.append_text(marks(row) if number == 0 else Text(" " * _MARKS))
        line.append_text(text)
        line.truncate(width, pad=True)
        lines.append(line)
    return lines


def _date_column(row: DrawnHappening, date_w: int, *, new_day: bool, new_month: bool, lines: int) -> list[Text]:
    """The date column of a row, `lines` high: the date as precise as it is known, wrapped in the column
    (a time under its day on a narrow panel), or a continuation mark under the day shown above."""
    label = short_date(row.date)
    if new_day:
        style = "bold yellow" if new_month else "bold"
        words = wrap(Text(label, style=style), date_w - 1, lines)
    else:
        time = label[11:] if row.granularity == "time" and label[10:11] == " " else ""
        words = [Text(f"│ {time}".rstrip(), style="dim")]
    column = [*words, *(Text("│", style="dim") if not new_day else Text() for _ in range(lines - len(words)))]
    for cell in column:
        cell.truncate(date_w, pad=True)
    return column[:lines]


def report_indent(width: int) -> int:
    """Where an expanded happening's reports start: under its headline on a wide panel, under its
    date on a narrow one (the sentence keeps its room)."""
    return headline_indent(width) if width >= 100 else 3


def outlet_width(reports: Sequence[HappeningReport]) -> int:
    """The outlet column of a happening's reports: its longest outlet (and a gap), at most 18."""
    names = (clean(r.article.outlet or r.article.title) for r in reports)
    return min(max((Text(name).cell_len for name in names), default=6) + 2, 18)


def report_lines(
    report: HappeningReport,
    width: int,
    *,
    last: bool,
    search_words: Sequence[str] = (),
    outlet_w: int | None = None,
) -> list[Text]:
    """One report of an expanded happening, under its headline: the outlet, the date that outlet gives
    (as precise as it gives it), and its sentence wrapped (at most REPORT_LINES lines):

          ├ Harbour Wire  2022-01-21 Blinken met Lavrov on Friday in Geneva,
          │                          a meeting both called frank.

    On a panel too narrow for the three side by side, the sentence goes under the outlet and date."""
    width = max(width, 20)
    indent = report_indent(width)
    outlet_name = clean(report.article.outlet or report.article.title)
    outlet_w = outlet_w or outlet_width([report])
    date_label = short_date(report.date)
    date_w = max(_NARROW_DATE, len(date_label) + 1)
    text_w = width - indent - 2 - outlet_w - date_w
    stacked = text_w < 28
    sentence = Text(clean(report.text))
    highlight_words(sentence, list(search_words), _SEARCH_STYLE)
    body = wrap(sentence, (width - indent - 2) if stacked else text_w, REPORT_LINES)
    name = Text(outlet_name, style="cyan", no_wrap=True)
    name.truncate(outlet_w - 2, overflow="ellipsis")
    head = Text(no_wrap=True)  # styles as spans: the sentence after them keeps its own
    head.append_text(name)
    head.pad_right(outlet_w - head.cell_len)
    head.append(date_label, style="dim")
    head.pad_right(outlet_w + date_w - head.cell_len)
    heads = [head] if stacked else [head + body[0]]
    rest = body if stacked else body[1:]
    lines = []
    for number, part in enumerate([*heads, *rest]):
        line = Text(" " * indent, no_wrap=True, end="")
        branch = ("└ " if last else "├ ") if number == 0 else ("  " if last else "│ ")
        line.append(branch, style="dim")
        if number and not stacked:
            line.append(" " * (outlet_w + date_w))
        line.append_text(part)
        line.truncate(width, pad=True)
        lines.append(line)
    return lines


def cursor_style(focused: bool) -> Style:
    """The cursor row's highlight: a background under every cell (the marks keep their colours),
    brighter while the timeline has the focus."""
    return Style(bgcolor="#1f4e79", bold=True) if focused else Style(bgcolor="#3a3a3a")
