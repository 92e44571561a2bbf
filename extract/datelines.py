"""A news story's first sentence often opens with its dateline: "GENEVA (AP) — ", "MOSCOW, Feb 20 (Reuters) - ",
"Feb. 4 (UPI) -- ". It says where and when the story was filed, not what happened, so a headline drawn
from that sentence leaves it out (the stored sentence keeps it: offsets into the source stay true)."""

from __future__ import annotations

import re

from dateline.extract.model import MONTH_NAMES

_MONTH = "|".join([*MONTH_NAMES, *(rf"{name[:3]}\.?" for name in MONTH_NAMES), r"Sept\.?"])
_PLACE = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*(?:,\s+[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*)?"  # KYIV, Ukraine
_DATE = rf"(?:{_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
_AGENCY = r"\([A-Za-z][\w .&-]{0,30}\)"  # (AP), (Reuters), (UPI)
_DASH = r"(?:—|–|--|-|:)"
_LONG_DASH = r"(?:—|–|--|:)"  # after a bare place: "NATO - 30 members strong - met" is no dateline
# A place in capitals with a date or an agency in brackets, or a date, or an agency, then a dash; a bare
# place in capitals before a long dash or a colon.
_DATELINE = re.compile(
    rf"^\s*(?:(?:(?:{_PLACE})(?:,?\s+{_DATE})?\s*{_AGENCY}|(?:{_PLACE}),?\s+{_DATE}|{_DATE}(?:\s*{_AGENCY})?"
    rf"|{_AGENCY})\s*{_DASH}|(?:{_PLACE})\s*{_LONG_DASH})\s+(?=[A-Z\"“‘'])"
)
_LEADING_DASH = re.compile(r"^\s*(?:—|–|--)\s*")


def without_dateline(text: str) -> str:
    """`text` without a dateline or a dangling dash at its start; `text` itself when it has neither or
    when nothing would be left."""
    rest = _LEADING_DASH.sub("", _DATELINE.sub("", text, count=1), count=1)
    if not rest.strip() or not _starts_a_sentence(rest):
        return text
    return rest


def _starts_a_sentence(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isupper() or first.isdigit() or first in "\"“‘'"
