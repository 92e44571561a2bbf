"""The shapes extraction returns: frozen dataclasses with character offsets.

Offsets are Python string indices. Every mention says which paragraph it is in
(0-based `paragraph`) and where inside that paragraph's text it starts and ends,
which is what lets the UI jump to the source and highlight the passage.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

# How a date was arrived at: written out in full, resolved from a relative or
# underspecified expression, or taken from the article's publication date.
DATE_STATED = "stated"
DATE_RELATIVE = "relative"
DATE_PUBLICATION = "publication"
DATE_CONTINUED = "continued"  # no date of its own: it continues the report before it, or the article's lead

# What a sentence is to the timeline: a report of an occurrence, background, or not an event at all
# (bylines, credits, headings, datelines, list intros). Only reports make happenings.
KIND_REPORT = "report"
KIND_BACKGROUND = "background"
KIND_JUNK = "junk"

# The one table of month names; every layer (the tagger's patterns, the export, the UI) reads it.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PART_NAMES = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}


@dataclass(frozen=True)
class Paragraph:
    index: int  # 0-based position in the article body
    start: int  # offset of the paragraph in the article body text
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    start: int  # offsets into the paragraph text
    end: int
    text: str


@dataclass(frozen=True)
class Timex:
    """A time expression found in a text (offsets into that text)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2022-02-15, 2022-01, 2022-W07, P3D, PRESENT_REF, ...
    resolution: str = DATE_STATED  # DATE_STATED or DATE_RELATIVE

    @property
    def granularity(self) -> str:
        return granularity_of(self.value)

    @property
    def dates_an_event(self) -> bool:
        return dates_an_event(self.type, self.value)


@dataclass(frozen=True)
class DateMention:
    paragraph: int
    start: int
    end: int
    text: str
    type: str
    value: str
    resolution: str


@dataclass(frozen=True)
class ActorMention:
    actor_key: str  # the key of the Actor this mention was merged into
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    key: str  # stable key used to merge across articles (normalised canonical name)
    name: str  # canonical name: the fullest form seen ("Antony Blinken")
    kind: str  # person, organisation, country
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    paragraph: int  # paragraph where the quote starts
    start: int  # offset into that paragraph
    end_paragraph: int  # paragraph where it ends (differs for multi-paragraph quotes)
    end: int  # offset into end_paragraph
    text: str  # the quoted words, without the quotation marks
    speaker_key: str | None  # key of the speaking Actor, None when unknown
    speaker_name: str | None
    speaker_mention: ActorMention | None  # the mention it was attributed from
    cue: str | None = None  # the reporting verb, when one was found
    speaker_kind: str | None = None  # person, organisation, country or document; None when unknown
    via: str | None = None  # who relayed the words ("..., Ushakov said, quoting Putin": Yuri Ushakov)


@dataclass(frozen=True)
class Event:
    """A dated statement: one sentence of an article and when it happened."""

    paragraph: int
    start: int
    end: int
    text: str
    date_value: str  # TIMEX3 value
    granularity: str
    date_source: str  # DATE_STATED, DATE_RELATIVE or DATE_PUBLICATION
    date_text: str | None  # the expression as written; None when dated by publication
    date_start: int | None = None  # offsets of the date expression in the paragraph
    date_end: int | None = None
    actor_keys: tuple[str, ...] = ()
    kind: str = KIND_REPORT  # KIND_REPORT, KIND_BACKGROUND or KIND_JUNK
    planned: bool = False  # takes place after the article's publication
    period_end: str | None = None  # the last day (ISO) when the text names a period ("Feb. 10-20")
    date_conflict: str | None = None  # why the written date disagrees with itself ("Monday, January 11")
    main: bool = True  # False for a subordinate occurrence told in a clause of a sentence
    subject_key: str | None = None  # the person or organisation named first, near its start


@dataclass(frozen=True)
class Article:
    """An article as parsed from its source, before extraction."""

    title: str
    outlet: str | None
    published: dt.date | None
    url: str | None
    paragraphs: tuple[Paragraph, ...]
    source: str = ""  # where it came from (a path, or path:line for JSON Lines)
    format: str = "text"
    author: str | None = None  # the byline: article metadata, never an actor
    published_source: str | None = None  # where `published` came from: meta, url, text (None without a date)
    captured: str | None = None  # when a web archive captured the page (ISO 8601), for pages read from one

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    dates: tuple[DateMention, ...]
    events: tuple[Event, ...]
    actors: tuple[Actor, ...]
    mentions: tuple[ActorMention, ...]
    quotes: tuple[Quote, ...]
    warnings: tuple[str, ...] = field(default=())


def dates_an_event(type_: str, value: str) -> bool:
    """Whether a time expression can date an event: durations, sets and vague references
    (PAST_REF, ...) cannot."""
    return type_ in ("DATE", "TIME") and date_range(value) is not None


@cache
def granularity_of(value: str) -> str:
    """Granularity of a TIMEX3 date value: year, month, week, day, time or fuzzy."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}(:\d{2})?", value):
        return "time"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return "fuzzy"


@cache
def date_range(value: str) -> tuple[str, str] | None:
    """First and last day (ISO) covered by a TIMEX3 date value, or None if it names no period.

    Used to sort and filter the timeline: fuzzy values such as `2022-Q1`, `2021-WI`,
    `2022-02-15TMO` or `199` (the 1990s) still cover a known period.
    """

    def month_end(year: int, month: int) -> str:
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"

    if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = f"{m[1]}-{m[2]}-{m[3]}"
        return day, day
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        year, week = int(m[1]), int(m[2])
        try:
            first = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        return first.isoformat(), (first + dt.timedelta(days=6)).isoformat()
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
        return f"{year:04d}-{month:02d}-01", month_end(year, month)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        year, quarter = int(m[1]), int(m[2])
        return f"{year:04d}-{3 * quarter - 2:02d}-01", month_end(year, 3 * quarter)
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        year, half = int(m[1]), int(m[2])
        return f"{year:04d}-{6 * half - 5:02d}-01", month_end(year, 6 * half)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        year = int(m[1])
        months = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}[m[2]]
        last_year, last_month = (year + 1, 2) if months[1] > 12 else (year, months[1])
        return f"{year:04d}-{months[0]:02d}-01", month_end(last_year, last_month)
    if m := re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31"
    if m := re.fullmatch(r"\d{3}", value):  # a decade
        return f"{value}0-01-01", f"{value}9-12-31"
    if m := re.fullmatch(r"\d{2}", value):  # a century
        return f"{value}00-01-01", f"{value}99-12-31"
    return None


@dataclass(frozen=True, order=True)
class TimexValue:
    """A TIMEX3 date value parsed once: its granularity, the days it covers and its sort key.

    Orders by sort key (first day, then the time of day), so values sort as the timeline does."""

    sort_key: str
    value: str = field(compare=False)
    granularity: str = field(compare=False)
    first_day: dt.date | None = field(compare=False)
    last_day: dt.date | None = field(compare=False)

    @classmethod
    def parse(cls, value: str) -> TimexValue:
        return _parse_timex(value)

    @classmethod
    def _parse(cls, value: str) -> TimexValue:
        granularity = granularity_of(value)
        covered = date_range(value)
        if covered is None:
            return cls(value, value, granularity, None, None)
        first, last = (dt.date.fromisoformat(day) for day in covered)
        time = value[10:] if granularity == "time" else ""
        return cls(first.isoformat() + time, value, granularity, first, last)

    @property
    def day(self) -> str | None:
        """The ISO day, when the value names one day (or a time on it)."""
        return self.sort_key[:10] if self.first_day is not None and self.first_day == self.last_day else None

    @property
    def first_day_key(self) -> str:
        """The first day it covers, YYYY-MM-DD (its sort key's day); the value itself when it names no days."""
        return self.first_day.isoformat() if self.first_day else self.sort_key[:10]

    @property
    def month_key(self) -> str:
        """The month its first day is in, YYYY-MM."""
        return self.first_day_key[:7]

    def human(self) -> str:
        """As people write it: "15 February 2022", "15 February 2022, evening", "January 2022",
        "week 7, 2022", "Q1 2022", "spring 2022", "the 1990s"."""
        value = self.value
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}|MO|AF|EV|NI))?", value):
            day = f"{int(m[3])} {MONTH_NAMES[int(m[2]) - 1]} {m[1]}"
            return f"{day}, {_PART_NAMES.get(m[4], m[4])}" if m[4] else day
        if (m := re.fullmatch(r"(\d{4})-(\d{2})", value)) and 1 <= int(m[2]) <= 12:
            return f"{MONTH_NAMES[int(m[2]) - 1]} {m[1]}"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
            return f"{'weekend of ' if m[3] else ''}week {int(m[2])}, {m[1]}"
        if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
            return f"Q{m[2]} {m[1]}"
        if m := re.fullmatch(r"(\d{4})-H(\d)", value):
            return f"{'first' if m[2] == '1' else 'second'} half of {m[1]}"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            return f"{_SEASON_NAMES[m[2]]} {m[1]}"
        if re.fullmatch(r"\d{3}", value):
            return f"the {value}0s"
        return value

    def short(self) -> str:
        """A date column's text, as precise as the value is: "2022-02-15", "2022-02-15 15:30", "Jan 2022",
        "2022 week 7", "~ Q1 2022" (a "~" marks what is not a day, month, week or year)."""
        value = self.value
        if self.granularity == "time":
            if re.fullmatch(r".{10}T\d\d:\d\d", value):
                return f"{value[:10]} {value[11:16]}"
            return f"~ {value[:10]} {self.human().rsplit(', ', 1)[-1]}"
        if self.granularity in ("day", "year"):
            return value
        if self.granularity == "month" and self.first_day:
            return f"{MONTH_NAMES[self.first_day.month - 1][:3]} {self.first_day.year}"
        if self.granularity == "week" and (m := re.match(r"(\d{4})-W(\d{2})", value)):
            return f"{m[1]} week {int(m[2])}"
        return f"~ {self.human()}"

    def __str__(self) -> str:
        return self.value


def dates_disagree(values: Iterable[str]) -> bool:
    """Whether two of these TIMEX3 values cover no common day: "2022-01-21" and "2022-01-22" disagree;
    "2022-01-21", "2022-01-21TEV" and "2022-01" do not (one is within the other). Values that name
    no days (PRESENT_REF) disagree with nothing."""
    spans = [(v.first_day, v.last_day) for v in map(TimexValue.parse, values) if v.first_day and v.last_day]
    # Periods share no day when one begins after another has ended: the latest start after the earliest end.
    return bool(spans) and max(first for first, _ in spans) > min(last for _, last in spans)


@cache
def _parse_timex(value: str) -> TimexValue:  # values repeat: a store holds few distinct ones
    return TimexValue._parse(value)
