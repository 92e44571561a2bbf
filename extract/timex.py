"""Find time expressions in English news text and normalise them to TIMEX3 values.

`tag_times(text, published)` returns `Timex` objects with TimeML-style extents
("Friday", not "on Friday"; "the past three years"; "3.30 p.m. local time"), a type
(DATE, TIME, DURATION, SET) and a value resolved against the publication date and,
where the text moves on ("on Monday ... the next day"), against the last day mentioned.

How it works: every rule is a regular expression plus a function that turns a
match into (type, value), or rejects it (`timex_dates`, `timex_relative`, `timex_durations`,
`timex_references`; the words they share are in `timex_words`, the tense of the verb that governs
an expression in `timex_context`). All rules run over the text; overlapping
candidates are settled leftmost-longest; the survivors are resolved in reading order
so that each can see the last date mentioned before it. Rules are general English;
none is tied to a particular article.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from dateline.extract import timex_context, timex_dates, timex_durations, timex_references, timex_relative
from dateline.extract.holidays import HOLIDAY
from dateline.extract.model import DATE_RELATIVE, DATE_STATED, Timex
from dateline.extract.numbers import TENS, UNITS
from dateline.extract.timex_context import _Context, _Rule
from dateline.extract.timex_words import MONTH, WEEKDAY, _iso_week, _valid_day

# The families of rules, in the order they run: of two candidates that start at the same place and are as
# long, the earlier rule's is kept. Each module registers its rules with `_rule` when it is imported.
_RULE_MODULES = [module.__name__ for module in (timex_dates, timex_relative, timex_durations, timex_references)]
_RULES = sorted(timex_context._RULES, key=lambda rule: _RULE_MODULES.index(rule.normalize.__module__))

# --- the tagger -----------------------------------------------------------------------------


# A word each rule's matches must contain. A rule only runs over the paragraphs holding its
# trigger: most paragraphs mention no season, century or clock time, and the rules' optional
# leading words make a full scan cost more than the search for one word. A trigger may be looser than
# its rule (it only spares the rule paragraphs it cannot match): where its words are seldom the end of
# a longer word, it leaves out the leading word boundary, as a pattern that opens with letters is
# searched for them first, and one that opens with a boundary is tried at every position.

# Triggers that are a choice of words: their pattern, the words looked for before it (`_TRIGGER_WORDS`) and
# the words its matches open with (`_Trigger.openings`) come from one list.
_WORD_CHOICES = {
    "spelled_year": ("nineteen", "two thousand"),
    "season": ("spring", "summer", "autumn", "winter", "fall"),
    "half_year": ("half", "two quarters"),
    "day_word": ("today", "yesterday", "tomorrow", "tonight"),
    "part_of_day": ("morning", "afternoon", "evening", "night"),
    "offset_from_now": ("ago", "earlier", "later", "from now", "hence"),
    "anaphoric_day": ("day", "morning", "evening", "night"),
    "duration": ("second", "minute", "hour", "day", "week", "month", "year", "decade", "centur"),
    "recurring": tuple(
        "every|each|per|daily|weekly|monthly|annually|yearly|nightly|hourly|once|twice|times".split("|")
    ),
    "reference": tuple(
        "now|current|recent|lately|formerly|past|future|moment|present|nowadays|these days|any day|term".split("|")
    ),
}


def _any_word(name: str, word_start: bool = False, after: str = r"\b") -> str:
    """A case-insensitive trigger matching any of `_WORD_CHOICES[name]`, at the start of a word if
    `word_start`, followed by `after`."""
    return "(?i)" + _words(_WORD_CHOICES[name], word_start) + after


def _words(words: tuple[str, ...], word_start: bool = True) -> str:
    """A choice of `words` (each a letter, then a pattern), at the start of a word if `word_start`: what
    `\\b` before them says, checked after their first letter, so that the engine tries the trigger only
    where one of those letters stands, not at every position of the text."""
    if not word_start:
        return "(?:" + "|".join(words) + ")"
    return "(?:" + "|".join(_at_word_start(word) for word in words) + ")"


def _at_word_start(word: str) -> str:
    """`\\b` and `word` (a letter, then a pattern), the boundary checked after the letter (see `_words`)."""
    if not re.fullmatch(r"[a-zA-Z]", word[:1]):
        raise ValueError(f"a trigger's word starts with a letter: {word!r}")
    return rf"{word[0]}(?<!\w.){word[1:]}"


_MONTHS_TRIGGER = _words(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))

# a.m., noon, GMT, EST ..., 10pm: each choice opens with a letter or a digit (`_words`)
_CLOCK_WORDS = [
    *(_at_word_start(rf"{c}\.?m\b") for c in "ap"), "noon", "midnight", "GMT", "UTC",
    *(_at_word_start(rf"{c}[SD]T\b") for c in "ECMP"), "MSK", "CET", "local time", "hours", "hrs",
    *(rf"{d}[ap]m\b" for d in "0123456789"),
]  # fmt: skip


# The words a duration's number (or the word after it: "two more days") ends with, or a digit, stand right
# before its unit with a space or a hyphen between (`timex_durations.duration`: "three years", "a five-year
# plan", "20 days", "a few business days"): its trigger is a unit word so preceded, not every "the day", "each
# week" or "Monday's" (in half the paragraphs holding a unit word, the rule found nothing).
_BEFORE_A_DURATIONS_UNIT = (*UNITS, *TENS, "hundred", "a", "an", "of", "few", "several", "many", "some", "more",
                            "trading", "business", "working", "calendar")  # fmt: skip
_DURATION = (
    r"(?i)(?<=[- ])(?:(?<=\d.)|"
    + "|".join(f"(?<={word}.)" for word in _BEFORE_A_DURATIONS_UNIT)
    + ")(?:" + "|".join(_WORD_CHOICES["duration"]) + ")"
)  # fmt: skip

_TRIGGERS = {
    "iso_date": r"\d\d{3}-\d\d-\d\d",  # `\d{4}` as `\d\d{3}`: a pattern that opens with a digit is tried at digits
    "slash_date": r"\d/\d",
    "month_day_year": _MONTHS_TRIGGER,
    "weekday_and_date": _MONTHS_TRIGGER,
    "day_month_year": _MONTHS_TRIGGER,
    "month_day": _MONTHS_TRIGGER,
    "month_name": _MONTHS_TRIGGER,
    "year_only": r"\d\d{3}",
    "spelled_year": _any_word("spelled_year"),
    "decade_in_words": r"(?i)ties\b",
    "decade": r"0'?s\b",
    "century": r"(?i)centur",
    "season": _any_word("season", word_start=True),
    "quarter": r"(?i)quarter",
    "period_under_discussion": r"(?i)the\s+(?:\d{4}\s+)?(?:quarter|period|latest period|year-)",
    "year_ago_adjective": r"(?i)year-(?:ago|earlier)",
    "year_end": r"(?i)year(?:-|\s|['’]s\s)end",
    "half_year": _any_word("half_year"),
    "quarters": r"(?i)quarters\b",
    "holiday": _words(("Christmas", "New Year", "Thanksgiving", "Easter", "Good Friday", "Halloween", r"Day\b")),
    "weekday": r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
    "day_word": _any_word("day_word", after=""),
    "part_of_day": _any_word("part_of_day", word_start=True),
    "anaphoric_day": _any_word("anaphoric_day", word_start=True),
    "mid_part_of_day": r"(?i)mid[- ]?(?:morning|afternoon|day)\b",
    "hour_of_the_day_part": r"(?i)(?:in the (?:morning|afternoon|evening)|at night)\b",
    "relative_period": r"(?i)(?:week|weekend|month|year|decade|century)\b",
    "offset_from_now": _any_word("offset_from_now", word_start=True),
    "duration": _DURATION,
    "the_whole_period": r"(?i)the\s+(?:year|month|week)\b",
    "vague_period": r"(?i)(?:hour|day|week|month|year|decade)s\b",
    "bare_plural_duration": r"(?i)(?:hour|day|week|month|year|decade|centurie)s\b",
    "recurring": _any_word("recurring", word_start=True),
    "reference": _any_word("reference", word_start=True, after=""),
    "clock_time": "(?i)(?:" + "|".join(_CLOCK_WORDS) + ")",
}


def _case_folded(pattern: str) -> str:
    """A case-insensitive trigger as a case-sensitive pattern to run over `_folded` text: its letters
    lowered, its escapes (\\b, \\s, \\S) kept."""
    return re.sub(r"\\.|[A-Z]", lambda m: m[0] if m[0][0] == "\\" else m[0].lower(), pattern.removeprefix("(?i)"))


# Words one of which every match of a trigger holds (in the text it runs over), for the triggers found in
# few articles: looking for them (`in`) costs a fraction of the regex search they spare.
_TRIGGER_WORDS = {
    **_WORD_CHOICES,
    "slash_date": ("/",),
    "holiday": ("Christmas", "New Year", "Thanksgiving", "Easter", "Good Friday", "Halloween", "Day"),
    "hour_of_the_day_part": ("morning", "afternoon", "evening", "at night"),
}


class _Trigger(NamedTuple):
    pattern: re.Pattern[str]
    folded: bool  # runs over `_folded` text: a case-insensitive alternation costs the regex engine several
    # times what the same lower-case words cost over lower-case text
    words: tuple[str, ...]  # `_TRIGGER_WORDS`
    # The words one of which each match opens with (those of `_WORD_CHOICES`, in the case of the text it runs
    # over): it is tried only where one of them stands, found by `str.find`, where a regex search tried it at
    # every position, or every position holding the first letter of one of them.
    openings: tuple[str, ...]


_COMPILED_TRIGGERS = {
    name: _Trigger(
        re.compile(_case_folded(pattern) if pattern.startswith("(?i)") else pattern),
        pattern.startswith("(?i)"),
        _TRIGGER_WORDS.get(name, ()),
        tuple(w.lower() if pattern.startswith("(?i)") else w for w in _WORD_CHOICES.get(name, ())),
    )
    for name, pattern in _TRIGGERS.items()
}


def _folded(text: str) -> str:
    """The text in lower case, as long as the text: what a case-insensitive trigger matches in `text`, its
    case-sensitive lower-case form matches at the same place here. Besides upper-case letters, Python's
    case-insensitive matching takes the dotted and dotless I, the long s and the Kelvin sign for ASCII
    letters; `str.lower` turns the Kelvin sign into k, and would make the dotted I two characters."""
    folded = (text.replace("\u0130", "i") if "\u0130" in text else text).lower()
    if "\u0131" in folded or "\u017f" in folded:
        folded = folded.replace("\u0131", "i").replace("\u017f", "s")
    return folded


def _paragraphs_with(trigger: _Trigger, text: str, starts: list[int]) -> set[int]:
    """The paragraphs (by index; `starts` are their offsets) in which `trigger` is found: none when none
    of its words is in the text, else one search from
    each paragraph that follows a match, not one a paragraph. A match can only be wider than the paragraph
    it starts in (a `\\s+` over the line break), which puts that paragraph in too: then its rules find
    nothing there, as before."""
    found: set[int] = set()
    if trigger.openings:  # a match opens with one of them: try the trigger where one stands, and nowhere else
        positions = []
        for word in trigger.openings:
            at = text.find(word)
            while at >= 0:
                positions.append(at)
                at = text.find(word, at + 1)
        positions.sort()
        for position in positions:
            index = bisect.bisect_right(starts, position) - 1
            if index not in found and trigger.pattern.match(text, position):
                found.add(index)
        return found
    if trigger.words and not any(word in text for word in trigger.words):
        return found
    position = 0
    while (m := trigger.pattern.search(text, position)) is not None:
        index = bisect.bisect_right(starts, m.start()) - 1
        found.add(index)
        if index + 1 >= len(starts):
            break
        position = starts[index + 1]
    return found


# Rules whose every match holds a word found by a simple search (the anchor), preceded within the match by
# at most so many words (each after a run of spaces, hyphens or the anchor's other separators): a weekday ("the
# following Monday"), a month ("the end of last March", "mid-May"), a duration's unit. The rule is tried from a
# little before each anchor, not at every position of its paragraphs: its optional leading words made the
# engine try it everywhere.
#
# A duration (`timex_durations.duration`) holds its unit right after the space or hyphen that follows its number
# (`(?P<sep>[- ]){UNIT}`, case-insensitive: the anchor, which may also stand where no duration is). Before the
# unit, the match is runs of word characters (whole runs: the match opens at a word boundary, and each of its
# words is followed by a space, hyphen, full stop or slash) with only whitespace, hyphens, full stops and slashes
# between them, at most 13 runs: an approximation ("no more than": 3), "the past" (2), an approximation again
# (3), the number (4: "2.5 1/2"; "a couple of" 3, "twenty-five" 2), "more" or "business" (1). So it starts no
# earlier than 13 such words before its unit (`_words_before` with those separators).
_DURATION_SEPARATORS = "-./"
_DURATION_WORDS_BEFORE_UNIT = 13
_ANCHORS = {
    "weekday": (re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"), 2, "-"),
    "month_name": (re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"), 4, "-"),
    "duration": (
        re.compile(r"(?<=[- ])(?i:" + "|".join(_WORD_CHOICES["duration"]) + ")"),
        _DURATION_WORDS_BEFORE_UNIT,
        _DURATION_SEPARATORS,
    ),
}


def _rule_matches(rule: _Rule, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`rule.pattern.finditer(text, start, end)`, found from its anchors (`_ANCHORS`) where it has them: a
    match that starts at or after `position` holds an anchor at or after it, so it cannot start before the
    words that may precede the first such anchor (where those words begin moves on with the anchor, never
    back); from there the search finds the match finditer would."""
    anchored = _ANCHORS.get(rule.name)
    if anchored is None:
        yield from rule.pattern.finditer(text, start, end)
        return
    anchor, words, separators = anchored
    position = start
    while (a := anchor.search(text, position, end)) is not None:
        m = rule.pattern.search(text, _words_before(text, a.start(), position, words, separators), end)
        if m is None:
            return
        yield m
        position = m.end()  # never empty: it holds its anchor


def _words_before(text: str, at: int, floor: int, words: int, separators: str = "-") -> int:
    """Where the `words` words before `at` begin (each word a run of word characters after a run of spaces
    or `separators`), or `floor` if that comes first."""
    for _ in range(words):
        while at > floor and (text[at - 1].isspace() or text[at - 1] in separators):
            at -= 1
        while at > floor and (text[at - 1].isalnum() or text[at - 1] == "_"):
            at -= 1
    return at


def tag_times(text: str, published: dt.date) -> list[Timex]:
    """All time expressions in `text`, resolved against the publication date `published`."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    starts = [start for start, _ in paragraphs]
    folded = _folded(text)
    candidates: list[tuple[int, int, int, _Rule, re.Match[str]]] = []
    triggered: dict[_Trigger, set[int]] = {}  # a trigger several rules share is looked for once
    for order, rule in enumerate(_RULES):
        trigger = _COMPILED_TRIGGERS.get(rule.name)
        having = None
        if trigger is not None:
            if trigger not in triggered:
                triggered[trigger] = _paragraphs_with(trigger, folded if trigger.folded else text, starts)
            having = triggered[trigger]
        for start, end in paragraphs if having is None else [paragraphs[index] for index in sorted(having)]:
            for m in _rule_matches(rule, text, start, end):
                if m.end() > m.start():
                    candidates.append((m.start(), -(m.end() - m.start()), order, rule, m))
    candidates.sort(key=lambda c: c[:3])
    links = [link.span() for link in re.finditer(r"(?:https?://|www\.)\S+", text)]  # ".../2022/01/14/..."
    ctx = _Context(text=text, published=published, reference=published)
    found: list[Timex] = []
    taken_until = 0
    for start, _, _, rule, m in candidates:
        if start < taken_until or any(link_start <= start < link_end for link_start, link_end in links):
            continue
        try:
            result = rule.normalize(m, ctx)
        except OverflowError:
            continue  # a day beyond the calendar's range (published in year 1 or 9999): no expression
        if result is None or re.match(r"-|\d{5}", result[1]):
            continue  # likewise a year before 1 or after 9999 ("next year" in 9999)
        type_, value, resolution = result[:3]
        span = next((name for name in ("span", "span2") if m.groupdict().get(name)), None)
        explicit = result[3] if len(result) == 4 else None
        start, end = _trim(text, *(explicit or (m.span(span) if span else m.span())))
        if _part_of_a_title(text, start, end):
            continue
        start, end, value = _join_neighbours(text, found, start, end, value, resolution)
        found.append(Timex(start, end, text[start:end], type_, value, resolution))
        taken_until = m.end()
        if second := _second_day_of(text, found[-1]):  # "April 24 and 25": the 25th too
            found.append(second)
            taken_until = max(taken_until, second.end)
        comparison = rule.name == "offset_from_now" or re.search(r"(?i)year-(?:ago|earlier)", m.group())
        if type_ == "DATE" and re.match(r"\d{4}", value) and not comparison:
            ctx.last_value = value  # the period under discussion; a year-ago one is only compared with it
        if re.match(r"\d{4}-\d{2}-\d{2}", value) and type_ in ("DATE", "TIME"):
            ctx.reference = dt.date.fromisoformat(value[:10])
            ctx.reference_at = start
    return found


# Calendar names are capitalised anyway; other time words capitalised mid-sentence are names.
_CALENDAR_NAME = re.compile(rf"{MONTH}|{WEEKDAY}|\b(?i:{HOLIDAY})\b")


def _part_of_a_title(text: str, start: int, end: int) -> bool:
    """ "ABC's "This Week"", "VOA Today", "High Noon", "60 Minutes": the name of a show or a film."""
    words = re.findall(r"[^\W\d_]+", text[start:end])
    if not words or not all(word[0].isupper() for word in words) or _CALENDAR_NAME.search(text, start, end):
        return False
    before, after = text[max(0, start - 20) : start], text[end : end + 20]
    quoted = re.search(r"[\"“`']\s*$", before) and re.match(r"[,.]?\s*[\"”']", after)
    name_before = re.search(r"(?<![.!?]\s)\b[A-Z][\w']*\s+$", before) and not re.search(
        r"\b(?:I|On|In|By|At)\s+$", before
    )
    name_after = re.match(r"\s+[A-Z]\w*\b", after) and not re.search(r"(?:^|[.!?]\s*)$", before)
    return bool(quoted or name_before or name_after)


def _join_neighbours(
    text: str, found: list[Timex], start: int, end: int, value: str, resolution: str
) -> tuple[int, int, str]:
    """The expression widened over the words around it that belong to it; `found` loses the
    expressions it swallows."""
    if or_so := re.match(r"\s+(?:or so|or later|or earlier|and beyond)\b", text[end : end + 12]):
        end += or_so.end()  # "the next year or so": the approximation is part of the expression
    week_of = re.search(r"(?i)\bthe\s+(week(?:end)?)\s+of\s+$", text[max(0, start - 20) : start])
    if week_of and re.fullmatch(r"\d{4}-\d\d-\d\d", value):  # "the week of March 6"
        start -= len(week_of.group())
        value = _iso_week(dt.date.fromisoformat(value)) + ("-WE" if week_of[1].lower() == "weekend" else "")
        while found and found[-1].end > start:
            found.pop()  # "the week" alone, taken before its date was seen
    day_next_to = found and re.fullmatch(r"(?i)(?:the\s+)?day\s+(before|after)", found[-1].text)
    if day_next_to and text[found[-1].end : start].isspace() and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        # "the day before last Tuesday's hearing": a day from the date that follows
        shift = -1 if day_next_to[1].lower() == "before" else 1
        start, value = found.pop().start, (dt.date.fromisoformat(value) + dt.timedelta(days=shift)).isoformat()
    if found and _names_the_year_of(found[-1], text[found[-1].end : start], value, resolution):
        # "January nineteen ninety-seven", "the winter of 1994": the year the rule before left out
        previous = found.pop()
        start, value = previous.start, value + previous.value[4:]
    return start, end, value


_SECOND_DAY = re.compile(r"\s*(?:and|or|to|through|-|–)\s*(\d{1,2})\b(?![.,]?\d|\s*(?:%|percent|[a-z]))")


def _second_day_of(text: str, first: Timex) -> Timex | None:
    """The bare day number that shares a written month-day's month: "April 24 and 25", "Feb. 10-20"."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", first.value) or not re.search(r"[A-Za-z]\.?\s+\d{1,2}$", first.text):
        return None
    m = _SECOND_DAY.match(text, first.end)
    day = _valid_day(int(first.value[:4]), int(first.value[5:7]), int(m[1])) if m else None
    if day is None or day.day <= int(first.value[8:10]):
        return None
    return Timex(m.start(1), m.end(1), m[1], "DATE", day.isoformat(), first.resolution)


def _names_the_year_of(previous: Timex, between: str, value: str, resolution: str) -> bool:
    """Whether a year (`value`) just after `previous` completes it: a month, season or part of a year."""
    return (
        resolution == DATE_STATED
        and re.fullmatch(r"\d{4}", value) is not None
        and previous.resolution == DATE_RELATIVE
        and re.fullmatch(r"\d{4}-(?:\d\d|SP|SU|FA|WI|H\d|Q\d)", previous.value) is not None
        and re.fullmatch(r"\s+(?:of\s+)?", between) is not None
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    while start < end and text[start] in " ,;:":
        start += 1
    return start, end
