"""Turning article text and dates into what the screen shows.

Article text is data: it only ever reaches a widget inside a `rich.text.Text`, never as
markup, and control characters (ANSI escapes included) are made visible, not obeyed.
"""

from __future__ import annotations

import re

from rich.text import Text

from dateline.extract.safe_text import visible
from dateline.store.export import human_date


def clean(text: str) -> str:
    """`text` with control characters shown as visible symbols (ESC becomes ␛), through the one
    sanitiser the command line and the export use too; tabs and line breaks are kept."""
    return visible(text, keep="\t\n")


def plain(text: str, style: str = "") -> Text:
    """A Text holding `text` literally: no markup is parsed, control characters neutralised."""
    return Text(clean(text), style=style)


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def short_date(value: str, granularity: str) -> str:
    """The date column: as precise as it is known ("2022-02-15", "2022-02-15 15:30", "Jan 2022",
    "~ mid-Feb 2022" for fuzzy dates)."""
    if granularity == "time":
        if re.fullmatch(r".{10}T\d\d:\d\d", value):
            return f"{value[:10]} {value[11:16]}"
        return f"~ {value[:10]} {human_date(value).rsplit(', ', 1)[-1]}"
    if granularity == "day":
        return value
    if granularity == "month":
        return f"{_MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    if granularity == "week":
        return f"{value[:4]} week {int(value[6:8])}"
    if granularity == "year":
        return value
    return f"~ {human_date(value)}"


def highlight_words(text: Text, words: list[str], style: str) -> None:
    """Style every occurrence of `words` (case-insensitive, whole words) in `text`."""
    for word in words:
        if word:
            text.highlight_regex(re.compile(rf"(?i)\b{re.escape(word)}\w*"), style)
