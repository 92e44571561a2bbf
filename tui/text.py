"""Turning article text and dates into what the screen shows.

Article text is data: it only ever reaches a widget inside a `rich.text.Text`, never as
markup, and control characters (ANSI escapes included) are made visible, not obeyed.
"""

from __future__ import annotations

import re

from rich.text import Text

from dateline.extract.model import TimexValue
from dateline.extract.safe_text import visible


def clean(text: str) -> str:
    """`text` with control characters shown as visible symbols (ESC becomes ␛), through the one
    sanitiser the command line and the export use too; tabs and line breaks are kept."""
    return visible(text, keep="\t\n")


def plain(text: str, style: str = "") -> Text:
    """A Text holding `text` literally: no markup is parsed, control characters neutralised."""
    return Text(clean(text), style=style)


def short_date(value: str) -> str:
    """The date column: as precise as it is known ("2022-02-15", "2022-02-15 15:30", "Jan 2022",
    "~ mid-Feb 2022" for fuzzy dates)."""
    return TimexValue.parse(value).short()


def highlight_words(text: Text, words: list[str], style: str) -> None:
    """Style every occurrence of `words` (case-insensitive, whole words) in `text`."""
    for word in words:
        if word:
            text.highlight_regex(re.compile(rf"(?i)\b{re.escape(word)}\w*"), style)
