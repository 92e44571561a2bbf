"""Find time expressions in English news text and normalise them to TIMEX3 values.

`tag_times(text, published)` returns `Timex` objects with TimeML-style extents
("Friday", not "on Friday"; "the past three years"; "3.30 p.m. local time"), a type
(DATE, TIME, DURATION, SET) and a value resolved against the publication date and,
where the text moves on ("on Monday ... the next day"), against the last day mentioned.

How it works: every rule below is a regular expression plus a function that turns a
match into (type, value), or rejects it. All rules run over the text; overlapping
candidates are settled leftmost-longest; the survivors are resolved in reading order
so that each can see the last date mentioned before it. Rules are general English;
none is tied to a particular article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.holidays import HOLIDAY, holiday_date
from extract.model import DATE_RELATIVE, DATE_STATED, Timex
from extract.numbers import NUMBER, NUMBER_WORDS, ORDINALS, parse_number

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": 4, "SU": 7, "FA": 10}  # winter spans two years; it is taken as the current one
DAY_WORD_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
DURATION_UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
}  # fmt: skip
TIME_UNITS = ("second", "minute", "hour")

# Month and weekday names must be capitalised: "may" and "march" are verbs.
MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan|Feb"
    r"|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![\w])"
)
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))"
PART = r"(?P<part>morning|afternoon|evening|night)"
# Words that, before an expression, are part of it in TimeML ("early next year").
MODIFIER = r"(?:(?P<mod>early|late|(?:earlier|later)(?:\s+in)?|mid|the end of|the beginning of|the start of|the middle of|the rest of)[- ]?\s*)?"  # noqa: E501
APPROX = r"(?:(?:nearly|almost|around|roughly|approximately|no more than|more than|less than|at least|at most|up to|fewer than|no fewer than)\s+)?"  # noqa: E501
TIMEZONE = r"(?:\s+(?:local time|[A-Z][a-z]+ time|GMT|UTC|[ECMP][SD]T|ET|PT|CET|CEST|EET|BST|MSK))?"

# Verb groups that put an expression in the future or the past. The cue nearest to the
# expression decides ("said on Monday he will go on Friday": Monday past, Friday future).
FUTURE_CUES = re.compile(
    r"\b(?:will|won't|wo n't|'ll|shall|going to|is to|are to|scheduled|schedules|is due|are due|"
    r"upcoming|intends? to|plans? to|planning to|planned to|expected to|set to|slated|ahead of|"
    r"(?:a|an|the|its|their) planned|"
    r"to meet|to visit|to hold|to travel|to begin|to start|to vote|to announce|to resume|to open|"
    r"next week|next month|next year|tomorrow|would|payable|effective|expires?|to be|"
    # the present of a scheduling verb speaks of what is planned: "talks resume Monday"
    r"meets|begins|starts|opens|resumes|returns|arrives|visits|travels|meet|begin|resume|arrive)\b",
    re.IGNORECASE,
)
# A participle after "be" ("will be named", "to be held") is not the past; "succeed" and "hundred"
# end in -ed without being verbs in the past, nor do capitalised words ("United States", "Ted").
PAST_CUES = re.compile(
    r"\b(?<!\bbe )(?<!\bbeing )(?:said|says|was|were|had|did|told|met|began|took|came|went|made|held|gave|left|"
    r"fell|rose|grew|won|lost|saw|sold|paid|spent|bought|brought|found|kept|sent|built|fought|fled|struck|spoke|"
    r"wrote|flew|knew|became|felt|heard|meant|shot|stood|thought|led|"
    r"ago|announced|earlier|(?!(?:succ|proc|exc|n|ind|sp|f|s|br|bl|h|gr)eed\b|hundred\b)(?-i:[a-z]{2,}[a-z]ed))\b",
    re.IGNORECASE,
)

LEADING_DIRECTION = re.compile(
    r"(?i)\b(?:(?P<past>since)|as (?:soon|early) as|ahead of|(?P<until>until|till))[\"”’']?\s+"
    r"(?:(?:shortly|just|after|before|the|on|in|early|late)\s+)*$"
)

# A state that lasted until a day, told in the past, ended in the past; a deadline moved "until" a
# day is still to come, whatever the tense of the verb that moved it.
UNTIL_IN_THE_PAST = re.compile(r"\b(?:had|was|were|remained|stayed|lasted|continued|waited)\b")


@dataclass
class _Context:
    text: str
    published: dt.date
    reference: dt.date  # the last day mentioned, for "the next day"
    reference_at: int = -1  # where in the text it was mentioned
    last_value: str | None = None  # the last calendar value mentioned, at any granularity

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        left = max(self.text.rfind(". ", 0, start), self.text.rfind("\n", 0, start)) + 1
        right_candidates = [i for i in (self.text.find(". ", end), self.text.find("\n", end)) if i >= 0]
        right = min(right_candidates) if right_candidates else len(self.text)
        return left, right

    def tense(self, start: int, end: int) -> str | None:
        """'future' or 'past' for the verb governing the expression, None when unsure."""
        left, right = self.sentence_bounds(start, end)
        # Words just before the expression can fix its direction whatever the verb: "since
        # Tuesday" is gone by; "as soon as Tuesday", "until Tuesday" and "ahead of Sunday's vote" are
        # still to come.
        if lead := LEADING_DIRECTION.search(self.text, max(left, start - 40), start):
            if lead["past"] or (lead["until"] and UNTIL_IN_THE_PAST.search(self.text, left, right)):
                return "past"  # "Until Thursday, they had not called him a suspect"; "it was shut until Monday"
            return "future"  # "the deadline was extended until Tuesday"
        if re.match(r"['’]s\b", self.text[end : end + 2]):
            return "past"  # "Wednesday's ruling" happened, whatever the verbs around it do with it
        # An expression opening its sentence ("On Tuesday, the league plans to...") is governed
        # by the verb after the subject, however long the subject.
        opens_sentence = re.fullmatch(r"\W*(?:\w+\s+)?", self.text[left:start]) is not None
        window_start, window_end = max(left, start - 80), min(right, end + (100 if opens_sentence else 40))
        nearest: tuple[int, str] | None = None
        for tense, cues in (("future", FUTURE_CUES), ("past", PAST_CUES)):
            for cue in cues.finditer(self.text, window_start, window_end):
                if start <= cue.start() < end:
                    continue  # the expression's own words
                distance = start - cue.end() if cue.end() <= start else cue.start() - end + 10
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, tense)
        return nearest[1] if nearest else None


# A rule's verdict on a match: (type, value, resolution), optionally with the span to keep, or None.
Normalizer = Callable[[re.Match[str], _Context], "tuple[str, str, str] | tuple[str, str, str, tuple[int, int]] | None"]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    normalize: Normalizer


_RULES: list[_Rule] = []


def _rule(pattern: str, flags: int = 0) -> Callable[[Normalizer], Normalizer]:
    def register(func: Normalizer) -> Normalizer:
        _RULES.append(_Rule(func.__name__, re.compile(pattern, flags), func))
        return func

    return register


# --- helpers -------------------------------------------------------------------------------


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


NEAR_MONTHS = 2  # a month or day-of-month without a year this close to publication needs no tense


def _year_for_month(month: int, day: int | None, ctx: _Context, m: re.Match[str], tense: str | None = None) -> int:
    """The year of a month (and day) written without one, by the news conventions; `tense`, when
    the words already tell it, stands for the verb's."""
    anchor = ctx.published
    months_apart = {
        year: (year - anchor.year) * 12 + month - anchor.month for year in range(anchor.year - 1, anchor.year + 2)
    }
    nearest = min(months_apart, key=lambda year: abs(months_apart[year]))
    # A date within two months of publication is that one, whatever the verb: "was extended to
    # Nov. 16" in an article of Oct. 30 is the coming Nov. 16, not last year's.
    if abs(months_apart[nearest]) <= NEAR_MONTHS:
        return nearest
    tense = tense or ctx.tense(m.start(), m.end())
    if tense == "future" and (month, day or 32) < (anchor.month, anchor.day):
        return anchor.year + 1
    if tense == "past" and dt.date(anchor.year, month, min(day or 1, 28)) > anchor:
        return anchor.year - 1
    return anchor.year if tense else nearest  # no verb to go by: the nearer one


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday_date(weekday: int, ctx: _Context, m: re.Match[str], relation: str | None) -> dt.date:
    """The date of a weekday named in the text: the most recent one (today included) unless
    the verb is future or the text says "next"; "the previous Friday" is the one before the day
    last mentioned."""
    relation = (relation or "").lower()
    anchor = ctx.reference if relation in ("previous", "following") else ctx.published
    relation = {"previous": "last", "following": "next"}.get(relation, relation)
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if relation == "last":
        return anchor - dt.timedelta(days=back or 7)
    if relation in ("next", "coming"):
        return anchor + dt.timedelta(days=forward or 7)
    if relation == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    if ctx.tense(m.start(), m.end()) == "future":
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=back)


# --- absolute and calendar dates ------------------------------------------------------------


@_rule(r"\b(?P<y>\d{4})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d))?\b")
def iso_date(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    day = _valid_day(int(m["y"]), int(m["mo"]), int(m["d"]))
    if day is None:
        return None
    if m["h"]:
        return "TIME", f"{day.isoformat()}T{m['h']}:{m['mi']}", DATE_STATED
    return "DATE", day.isoformat(), DATE_STATED


@_rule(r"(?<![\d/])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])")
def slash_date(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    day = _valid_day(year, int(m["a"]), int(m["b"])) or _valid_day(year, int(m["b"]), int(m["a"]))
    return ("DATE", day.isoformat(), DATE_STATED) if day else None


def _calendar_day(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """A match with `month`, `day` and perhaps `year` groups as a DATE; the year, when not written,
    by the news conventions (see `_year_for_month`)."""
    month, day_number = _month_number(m["month"]), int(m["day"])
    stated = bool(m.groupdict().get("year"))
    year = int(m["year"]) if stated else _year_for_month(month, day_number, ctx, m)
    day = _valid_day(year, month, day_number)
    return ("DATE", day.isoformat(), DATE_STATED if stated else DATE_RELATIVE) if day else None


@_rule(rf"\b{MONTH}\s+{DAY}(?:\s*,\s*|\s+){YEAR}(?!\d)")
def month_day_year(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    return _calendar_day(m, ctx)


@_rule(rf"\b{WEEKDAY},?\s+{MONTH}\s+{DAY}(?:\s*,?\s*{YEAR})?(?!\d)")
def weekday_and_date(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "Saturday, April 25": the date decides, the weekday only confirms it."""
    return _calendar_day(m, ctx)


@_rule(rf"\b{DAY}\s+(?:of\s+)?{MONTH}(?:\s*,?\s*{YEAR})?(?!\d)")
def day_month_year(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    return _calendar_day(m, ctx)


@_rule(rf"\b{MONTH}\s+{DAY}(?![\d:,.]\d|\s*%|\s+(?:percent|per|million|billion))")
def month_day(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    return _calendar_day(m, ctx)


@_rule(
    r"(?i:\b(?P<mod>early|late|mid|the end of|the beginning of|the start of|the middle of)[- ]?\s*)?"
    rf"(?i:(?P<rel>last|this|next)\s+)?{MONTH}"
    rf"(?:,?\s+(?:of\s+)?{YEAR}(?!\d)|\s+(?P<relyear>this|last|next) year)?"
)
def month_name(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    month = _month_number(m["month"])
    word = m["month"]
    following = ctx.text[m.end() : m.end() + 20]
    if word in ("May", "March") and not (m["year"] or m["rel"] or m["relyear"] or m["mod"]):
        # "May" and "March" open sentences as a modal and a verb: only take them when the
        # context is calendar-like ("in May", "May 2022", "last March").
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        modifier = re.search(r"\bthe\s*$", before) and re.match(
            r"\s+(?!(?:on|of|to|for|from|in|into|against)\b)[a-z]", following
        )  # "the March accession", not "the March on Washington"
        if not modifier and not re.search(
            r"\b(?:in|since|until|till|by|before|after|from|during|of|early|late|mid|through)\s*$", before
        ):
            return None
    if not word.endswith(".") and len(word) <= 4 and word not in ("May", "June", "July") and not m["year"]:
        return None  # bare abbreviations without a period ("Dec", "Jan") are only dates next to a number
    if re.match(r"\s+\d", following) and not m["year"]:
        return None  # "March 3" is month_day's
    if m["year"]:
        return "DATE", f"{int(m['year']):04d}-{month:02d}", DATE_STATED
    relation = (m["rel"] or m["relyear"] or "").lower()
    anchor = ctx.published
    if relation == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1  # the latest one gone by
    elif relation == "next":
        year = anchor.year + 1 if (m["relyear"] or month <= anchor.month) else anchor.year
    elif relation == "this":
        year = anchor.year
    else:
        year = _year_for_month(month, None, ctx, m)
    return "DATE", f"{year:04d}-{month:02d}", DATE_RELATIVE


@_rule(
    rf"(?i:\b(?P<fiscal>fiscal(?:\s+year)?\s+)|(?P<mod>early|late|mid|pre|post|the end of|the beginning of"
    rf"|the start of|the middle of)[- ]?\s*)?(?<![$€£\d.,'’])\b{YEAR}(?![\d%]|\.\d|\s*(?:percent|per\b|-\d))"
)
def year_only(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    year = int(m["year"])
    before = ctx.text[max(0, m.start() - 16) : m.start()].lower()
    if re.search(
        r"(?:about|some|nearly|than|over|around|almost|up to|at least|roughly|only|no\.|number|page|#)\s*$", before
    ):
        return None  # an amount, not a year
    following = ctx.text[m.end() : m.end() + 16]
    if re.match(r"\s+(?:[a-z]+s)\b(?!\s+(?:ago|earlier|later))", following) and not m["fiscal"] and not m["mod"]:
        word = re.match(r"\s+([a-z]+)", following)[1]
        if word not in ("was", "has", "is", "as", "this", "does", "gas"):
            return None  # "2000 troops"
    if not 1600 <= year <= ctx.published.year + 50:
        return None
    return "DATE", f"{year:04d}", DATE_STATED


@_rule(
    r"(?i)\b(?:the\s+)?(?:(?:early|late|mid)[- ]?\s*)?"
    r"(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
)
def decade_in_words(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "the nineties": the decade of the last century (this century's for the twenties on, once reached)."""
    tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
    digit = tens.index(m["tens"].lower()) + 2
    century = 20 if ctx.published.year >= 2000 + digit * 10 + 10 and digit <= (ctx.published.year % 100) // 10 else 19
    return "DATE", f"{century}{digit}", DATE_RELATIVE


@_rule(
    r"(?i)\b(?:the\s+year\s+)?(?P<spelled>nineteen[- ](?:hundred[- ](?:and[- ])?)?(?:"
    + NUMBER_WORDS
    + r")|two thousand(?:[- ](?:and[- ])?(?:"
    + NUMBER_WORDS
    + r"))?)\b"
)
def spelled_year(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "nineteen ninety-six", "the year two thousand" (broadcast transcripts)."""
    words = m["spelled"].lower().replace("-", " ").split()
    if words[0] == "nineteen":
        rest = parse_number(" ".join(w for w in words[1:] if w not in ("hundred", "and")) or "zero")
        year = 1900 + int(rest or 0)
    else:
        rest = parse_number(" ".join(words[2:]).removeprefix("and ").strip() or "zero")
        year = 2000 + int(rest or 0)
    if re.match(r"\s+(?:[a-z]+\s+)?(?:years|people|dollars|troops|soldiers|men|miles|tons)\b", ctx.text[m.end() :]):
        return None  # "two thousand years", "two thousand people": an amount
    return "DATE", f"{year:04d}", DATE_STATED


@_rule(r"(?i)\b(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?\s*)?(?P<decade>(?:1[6-9]|20)\d0|'\d0)'?s\b")
def decade(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    digits = m["decade"]
    if digits.startswith("'"):
        # the nearest such decade: "the '80s" is the 1980s in 1989 and in 2022
        century = ctx.published.year // 100
        starts = [hundreds * 100 + int(digits[1]) * 10 for hundreds in (century - 1, century)]
        start = min(starts, key=lambda year: abs(year + 5 - ctx.published.year))
        return "DATE", f"{start // 10:03d}", DATE_RELATIVE
    return "DATE", digits[:3], DATE_STATED


@_rule(
    r"(?i)\b(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?\s*)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|"
    + "|".join(ORDINALS)
    + r")[- ]century\b"
)
def century(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    ordinal = m["ord"].lower()
    number = int(re.match(r"\d+", ordinal)[0]) if ordinal[0].isdigit() else ORDINALS[ordinal]
    return "DATE", f"{number - 1:02d}", DATE_STATED


@_rule(
    rf"(?i:\b(?P<rel>this past|this|last|next|early|late|the)\s+)?(?P<season>(?i:spring|summer|autumn|winter|fall))"
    rf"(?:\s+(?:of\s+)?{YEAR}(?!\d))?\b"
)
def season(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    relation = (m["rel"] or "").lower()
    name = m["season"].lower()
    if not m["year"] and relation in ("", "the"):
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        if not re.search(r"\b(?:in|during|until|by|since|over|into|through|throughout)\s*$", before):
            return None
        # "since the fall of communism", "in spring water": the verb or the noun, not the season
        if name in ("fall", "spring") and (not relation or re.match(r"\s+(?:of|in)\b", ctx.text[m.end() :])):
            return None
    code = SEASONS[name]
    if m["year"]:
        return "DATE", f"{m['year']}-{code}", DATE_STATED
    if relation in ("last", "next"):
        year = ctx.published.year + (1 if relation == "next" else -1)
    elif code == "WI" or relation == "this":
        year = ctx.published.year
    else:  # as its middle month would be: "well into the summer", in an article of October, is this year's
        year = _year_for_month(SEASON_MONTHS[code], None, ctx, m, "past" if relation == "this past" else None)
    return "DATE", f"{year:04d}-{code}", DATE_RELATIVE


@_rule(
    r"(?i)\b(?:the\s+)?(?:comparable\s+)?(?:(?P<prefix>(?:1[6-9]|20)\d\d|this year['’]s|last year['’]s|next year['’]s"
    r"|year-ago|year-earlier)\s+)?"
    r"(?P<fiscal>fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|"
    r"latest|current|last|past|previous|year-ago|year-earlier|this|next)[- ](?:fiscal[- ])?quarter\b"
    rf"(?:\s+of\s+(?:fiscal\s+)?{YEAR})?"
)
def quarter(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | tuple[str, str, str, tuple[int, int]] | None:
    """ "the third quarter (of 1989)", "fourth-quarter", "the year-ago quarter", "next year's first quarter"."""
    result = _quarter_value(m, ctx)
    if result and re.match(r"(?i)the\s+\w+-quarter\b", m.group()) and not m["year"]:
        return (*result, (m.start() + m.group().index(" ") + 1, m.end()))  # "the third-quarter (profit)": the adjective
    return result


def _quarter_value(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    ordinal = m["ord"].lower()
    anchor = ctx.published
    numbered = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
    prefix = (m["prefix"] or "").lower()
    if ordinal in numbered:
        number = numbered[ordinal]
        if m["year"] or prefix[:1].isdigit():
            return "DATE", f"{m['year'] or prefix}-Q{number}", DATE_STATED
        if prefix:
            year = (
                anchor.year + {"this": 0, "last": -1, "next": 1, "year-ago": -1, "year-earlier": -1}[prefix.split()[0]]
            )
            return "DATE", f"{year:04d}-Q{number}", DATE_RELATIVE
        year = anchor.year
        if number > _quarter(anchor) and ctx.tense(m.start(), m.end()) != "future":
            year -= 1
        return "DATE", f"{year:04d}-Q{number}", DATE_RELATIVE
    current = anchor.year * 4 + _quarter(anchor) - 1
    offset = {"latest": -1, "last": -1, "past": -1, "previous": -1, "year-ago": -5, "year-earlier": -5}
    index = current + offset.get(ordinal, 1 if ordinal == "next" else 0)
    return "DATE", f"{index // 4:04d}-Q{index % 4 + 1}", DATE_RELATIVE


@_rule(
    rf"(?i)\bthe\s+(?:{YEAR}\s+)?(?P<which>quarter|period|latest period|year-earlier period|year-ago period"
    r"|year-earlier quarter|year-ago quarter)\b"
)
def period_under_discussion(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "the quarter" and "the year-earlier period" in reports of results: the period last named
    (a year back for year-earlier), else the last full quarter before publication."""
    which = m["which"].lower()
    back = 1 if which.startswith("year-") else 0
    last_quarter = ctx.last_value if ctx.last_value and re.fullmatch(r"\d{4}-Q\d", ctx.last_value) else None
    if m.groupdict().get("year"):  # "the 1988 period": that year's part under discussion
        return "DATE", m["year"] + (last_quarter[4:] if last_quarter else ""), DATE_STATED
    if last_quarter:
        return "DATE", f"{int(last_quarter[:4]) - back:04d}{last_quarter[4:]}", DATE_RELATIVE
    if which == "period":
        return None  # "the period" alone names nothing
    index = ctx.published.year * 4 + _quarter(ctx.published) - 2 - 4 * back
    return "DATE", f"{index // 4:04d}-Q{index % 4 + 1}", DATE_RELATIVE


@_rule(r"(?i)\b(?<!-)year(?:[- ]|['’]s\s+)end\b")
def year_end(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "by year-end" is this year's last day; "since year-end", in the past, the last one gone by."""
    before = ctx.text[max(0, m.start() - 10) : m.start()].lower()
    deadline = re.search(r"\b(?:by|until|before|through)\s+$", before)
    gone_by = "since" in before or (not deadline and ctx.tense(m.start(), m.end()) == "past")
    year = ctx.published.year - (1 if gone_by and ctx.published.month < 12 else 0)
    if "-" not in m.group():
        return "DATE", f"{year:04d}", DATE_RELATIVE  # "by year end" as "by the end of the year": that year
    return "DATE", f"{year:04d}-12-31", DATE_RELATIVE


@_rule(r"(?i)\b(?P<which>year-earlier|year-ago)\b(?!\s+(?:period|quarter|\w+[- ]quarter)\b)")
def year_ago_adjective(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "year-earlier profit", "the year-ago results": the period under discussion, a year back."""
    return period_under_discussion(m, ctx)


@_rule(
    r"(?i)\b(?:the\s+)?(?:(?P<ord>first|second|1st|2nd|last|latter)[- ]half\b(?![- ]hour)"
    r"|(?P<quarters>first|last) two quarters\b)" + rf"(?:\s+of\s+{YEAR})?"
)
def half_year(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "the second half (of 1989)", "the last half", "the first two quarters of 1990"."""
    if not m["year"] and re.match(r"\s+of\b", ctx.text[m.end() :]):
        return None  # "the last half of the '80s", "the first half of the game"
    half = 1 if (m["ord"] or m["quarters"]).lower() in ("first", "1st") else 2
    year = m["year"] or str(ctx.published.year)
    return "DATE", f"{year}-H{half}", DATE_STATED if m["year"] else DATE_RELATIVE


@_rule(rf"\b(?:(?P<rel>last|next|this)\s+)?(?=[A-Z])(?P<name>(?i:{HOLIDAY}))\b(?:\s+(?P<week>week)\b)?")
def holiday(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "Thanksgiving Day", "last Christmas", "Easter week": the one the tense points to, else the nearest."""
    anchor = ctx.published
    dates = [holiday_date(m["name"], year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if m["week"]:  # "Easter week began": the week has begun when its Monday has come
        dates = [day - dt.timedelta(days=day.weekday()) for day in dates]
    relation = m["rel"] or ctx.tense(m.start(), m.end())
    if relation in ("last", "past"):
        day = max(d for d in dates if d <= anchor - dt.timedelta(days=relation == "last"))
    elif relation in ("next", "future"):
        day = min(d for d in dates if d >= anchor + dt.timedelta(days=relation == "next"))
    elif relation == "this":
        day = dates[1]
    else:
        day = min(dates, key=lambda d: abs((d - anchor).days))
    return "DATE", _iso_week(day) if m["week"] else day.isoformat(), DATE_RELATIVE


@_rule(
    rf"(?i:\b(?P<rel>(?:the\s+)?previous|(?:the\s+)?following|last|next|this|past|coming|earlier|late|early|later)\s+)?\b{WEEKDAY}"
    rf"(?:(?P<plural>s)\b|\b)(?:\s+{PART}s?)?"
)
def weekday(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    number = WEEKDAYS[m["weekday"].lower()]
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
    if (
        m["plural"]
        or (m["part"] and m["part"].endswith("s"))
        or (re.search(r"\b(?:every|each|on)\s*$", before) and m["plural"])
    ):
        return "SET", f"XXXX-WXX-{number + 1}" + (f"T{part}" if part else ""), DATE_RELATIVE
    relation = m["rel"].lower().removeprefix("the ") if m["rel"] else None
    known = ("last", "next", "this", "coming", "previous", "following")
    day = _weekday_date(number, ctx, m, relation if relation in known else None)
    if part:
        return "TIME", f"{day.isoformat()}T{part}", DATE_RELATIVE
    return "DATE", day.isoformat(), DATE_RELATIVE


@_rule(rf"(?i)\b(?:(?P<mod>late|early|earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight)\b(?:\s+{PART})?")
def day_word(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    word = m["word"].lower()
    offset = DAY_WORD_OFFSETS[word]
    day = ctx.published + dt.timedelta(days=offset)
    part = "NI" if word == "tonight" else PARTS_OF_DAY.get((m["part"] or "").lower())
    if part:
        return "TIME", f"{day.isoformat()}T{part}", DATE_RELATIVE
    return "DATE", day.isoformat(), DATE_RELATIVE


@_rule(rf"(?i)\b(?:(?:later|earlier|early|late)\s+)?(?P<rel>this|last|yesterday|tomorrow)\s+{PART}\b")
def part_of_day(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    relation, part = m["rel"].lower(), m["part"].lower()
    if relation == "last" and part != "night":
        return None  # "last evening" is rare; "last morning" is not a date
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[relation]
    day = ctx.published + dt.timedelta(days=offset)
    return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part]}", DATE_RELATIVE


@_rule(rf"(?i)\bmid[- ]?(?P<part>morning|afternoon|day)\b(?:\s+(?:(?P<word>yesterday|today|tomorrow)|{WEEKDAY})\b)?")
def mid_part_of_day(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "mid-afternoon yesterday", "by midday": that day's part, of the day in the sentence if none is named."""
    if m["word"]:
        day = ctx.published + dt.timedelta(days=DAY_WORD_OFFSETS[m["word"].lower()])
    elif m["weekday"]:
        day = _weekday_date(WEEKDAYS[m["weekday"].lower()], ctx, m, None)
    else:
        day = _day_in_sentence(ctx, m) or ctx.published
    part = m["part"].lower()
    return "TIME", f"{day.isoformat()}T" + ("12:00" if part == "day" else PARTS_OF_DAY[part]), DATE_RELATIVE


@_rule(
    r"(?i)\b(?P<phrase>the (?:next|following|previous|same) (?:day|morning|evening|night)|"
    r"the day (?:before|after)(?: yesterday| tomorrow)?|that (?:day|morning|evening|night)|"
    r"a day (?:earlier|later))\b"
)
def anaphoric_day(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    phrase = m["phrase"].lower()
    if phrase.endswith("yesterday"):
        day = ctx.published - dt.timedelta(days=2)
    elif phrase.endswith("tomorrow"):
        day = ctx.published + dt.timedelta(days=2)
    elif any(w in phrase for w in ("next", "following", "after", "later")):
        day = ctx.reference + dt.timedelta(days=1)
    elif any(w in phrase for w in ("previous", "before", "earlier")):
        day = ctx.reference - dt.timedelta(days=1)
    else:
        day = ctx.reference
    for word, code in PARTS_OF_DAY.items():
        if (phrase.endswith(word) and word != "night") or (phrase.endswith("night") and word == "night"):
            return "TIME", f"{day.isoformat()}T{code}", DATE_RELATIVE
    return "DATE", day.isoformat(), DATE_RELATIVE


# --- periods relative to the publication date -----------------------------------------------


@_rule(
    rf"(?i)\b{MODIFIER}(?P<rel>this|last|next|the past|the last|the previous|the coming|the current|"
    r"the following|the same|that same|that|the latest|the full|the)\s+"
    r"(?:fiscal\s+)?(?P<period>week|weekend|month|year|decade|century)\b"
    r"(?!['’]s\s+\w+\s+quarter)(?![-\s]+(?:old|long|earlier|ago)\b)"
)
def relative_period(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    relation = m["rel"].lower()
    period = m["period"].lower()
    if relation == "the" and re.search(r"\s(?:in|of)$", (m["mod"] or "").lower()):
        relation = "this"  # "earlier in the year", "by the end of the month"
    if relation == "the":
        if period == "weekend":
            return _weekend(ctx, m, 0 if ctx.tense(m.start(), m.end()) == "future" else -1)
        return None  # "the year", "the week": too often a duration or a generic period
    step = {
        "last": -1,
        "the past": -1,
        "the last": -1,
        "the previous": -1,
        "next": 1,
        "the coming": 1,
        "the following": 1,
    }
    offset = step.get(relation, 0)
    base = ctx.published
    if relation in ("the following", "the same", "that same", "that"):  # from the date last named
        base = ctx.reference
        if ctx.last_value and re.match(r"\d{4}-\d\d(?:-\d\d)?$", ctx.last_value):
            base = dt.date(int(ctx.last_value[:4]), int(ctx.last_value[5:7]), int(ctx.last_value[8:10] or 1))
        elif period == "year" and ctx.last_value and re.match(r"\d{4}", ctx.last_value):
            base = dt.date(int(ctx.last_value[:4]), 1, 1)  # "in 1988 ... that year"
    if period == "weekend":
        return _weekend(ctx, m, offset)
    if period == "week":
        return "DATE", _iso_week(base + dt.timedelta(weeks=offset)), DATE_RELATIVE
    if period == "month":
        year, month = _shift_months(base, offset)
        return "DATE", f"{year:04d}-{month:02d}", DATE_RELATIVE
    if period == "year":
        return "DATE", f"{base.year + offset:04d}", DATE_RELATIVE
    if period == "decade":
        return "DATE", f"{base.year // 10 + offset:03d}", DATE_RELATIVE
    return "DATE", f"{base.year // 100 + offset:02d}", DATE_RELATIVE


def _weekend(ctx: _Context, m: re.Match[str], offset: int) -> tuple[str, str, str]:
    anchor = ctx.published
    saturday = anchor + dt.timedelta(days=5 - anchor.weekday())
    if offset < 0 or (offset == 0 and anchor.weekday() < 5 and ctx.tense(m.start(), m.end()) == "past"):
        saturday -= dt.timedelta(weeks=1)
    elif offset > 0 and anchor.weekday() >= 5:
        saturday += dt.timedelta(weeks=1)
    return "DATE", _iso_week(saturday) + "-WE", DATE_RELATIVE


@_rule(
    rf"(?i)\b{APPROX}(?P<num>{NUMBER})\s+(?:more\s+)?{UNIT}s?(?:\s+or so)?"
    r"\s+(?P<dir>ago|earlier|later|from now|hence)\b"
    r"(?!\s+than)"
)
def offset_from_now(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    amount = parse_number(m["num"])
    unit = m["unit"].lower()
    direction = m["dir"].lower()
    if amount is None:
        return "DATE", "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF", DATE_RELATIVE
    sign = -1 if direction in ("ago", "earlier") else 1
    base = ctx.published if direction in ("ago", "from now", "hence") else ctx.reference
    steps = int(amount) * sign
    # A reporting period (quarter, half, month) under discussion is the one a year back is taken from.
    comparison = direction == "earlier" or amount == 1
    if unit == "year" and comparison and ctx.last_value and re.match(r"\d{4}(?:-(?:\d\d|Q\d|H\d))?$", ctx.last_value):
        # "profit rose in the third quarter from a year earlier": the period under discussion, a year back.
        return "DATE", f"{int(ctx.last_value[:4]) + steps:04d}{ctx.last_value[4:]}", DATE_RELATIVE
    if unit in TIME_UNITS:
        return "DATE", base.isoformat(), DATE_RELATIVE
    if unit == "day":
        return "DATE", (base + dt.timedelta(days=steps)).isoformat(), DATE_RELATIVE
    if unit == "week":
        return "DATE", _iso_week(base + dt.timedelta(weeks=steps)), DATE_RELATIVE
    if unit == "month":
        year, month = _shift_months(base, steps)
        return "DATE", f"{year:04d}-{month:02d}", DATE_RELATIVE
    if unit == "year":
        return "DATE", f"{base.year + steps:04d}", DATE_RELATIVE
    if unit == "decade":
        return "DATE", f"{(base.year + 10 * steps) // 10:03d}", DATE_RELATIVE
    return "DATE", f"{(base.year + 100 * steps) // 100:02d}", DATE_RELATIVE


# --- durations and sets ---------------------------------------------------------------------


# An amount just before "a week" makes it a rate: a number, perhaps with a word for what is counted.
RATE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|dozen|two|three|four|five|six|seven|eight|nine|ten|twelve))"
    r"\S*(?:\s+[a-z]+)?\s+$",
    re.IGNORECASE,
)


def _duration_value(amount: float | None, unit: str) -> str:
    unit = unit.lower()
    if unit in ("decade", "century", "centurie") and amount is not None:
        amount, unit = amount * (10 if unit == "decade" else 100), "year"  # "two decades" is P20Y
    letter = DURATION_UNITS[unit]
    prefix = "PT" if unit in TIME_UNITS else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    if amount != int(amount):
        if unit == "year":
            return f"P{int(amount)}Y{round((amount % 1) * 12)}M"
        if unit == "hour":
            return f"PT{int(amount)}H{round((amount % 1) * 60)}M"
        return f"{prefix}{amount:g}{letter}"
    return f"{prefix}{int(amount)}{letter}"


@_rule(
    rf"(?i)\b{APPROX}(?:(?P<det>the(?:\s+(?:past|last|next|first|coming|previous|following|final|"
    rf"remaining))?)\s+{APPROX}|(?P<bare>past|last|next|first|coming|previous|following)\s+)?"
    rf"(?P<num>{NUMBER})(?:\s+(?:more|trading|business|working|calendar))?(?P<sep>[- ]){UNIT}(?P<plural>s)?\b"
    r"(?P<old>-old)?(?!-(?:earlier|ago|end)\b)"
)
def duration(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | tuple[str, str, str, tuple[int, int]] | None:
    amount = parse_number(m["num"])
    unit = m["unit"].lower()
    number_text = m["num"].lower()
    if unit == "second" and not m["plural"] and m["sep"] != "-":
        return None  # "a second round", "the 1988 second quarter"
    if number_text in ("a", "an") and m["sep"] == "-":
        return None
    if number_text == "some" and not m["plural"]:
        return None  # "some day"
    if m["old"] or re.match(r"\s+old\b", ctx.text[m.end() : m.end() + 5]):
        return None  # an age ("a 6-year-old", "44 years old"), not a period of time
    if (
        number_text in ("a", "an")
        and not (m["det"] or m["bare"])
        and RATE.search(ctx.text, max(0, m.start() - 40), m.start())
    ):
        return None  # a rate ("$2 million a year", "four flights a week"): an amount per period, not a period
    value = _duration_value(amount, unit)
    if m["det"] and m["det"].lower() == "the" and m["sep"] == "-":
        return "DURATION", value, DATE_RELATIVE, (m.start("num"), m.end())  # "the two-year (deal)": the adjective
    return "DURATION", value, DATE_RELATIVE


@_rule(
    rf"(?i)\b(?:the\s+(?:past|last|next|coming|previous|following|first|final)\s+)?(?P<num>{NUMBER}|several|a few)"
    r"\s+(?:more\s+)?quarters\b(?!\s+of\s+(?:a|an|the|its|their|all|his|her)\b)"
)
def quarters(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "the past two quarters", "several quarters of losses"; not "three quarters of the vote"."""
    amount = parse_number(m["num"]) if m["num"].lower() not in ("several", "a few") else None
    return "DURATION", f"P{int(amount)}Q" if amount else "PXQ", DATE_RELATIVE


@_rule(r"(?i)\b(?:for|during|over|through|throughout)\s+(?P<span>the\s+(?P<unit>year|month|week))\b(?!['’])")
def the_whole_period(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "for the year", "during the week": a period's length, not a date."""
    return "DURATION", _duration_value(1, m["unit"]), DATE_RELATIVE


@_rule(
    r"(?i)\b(?:(?P<det>the\s+(?:past|last|next|coming|previous|following)|coming|recent|the\s+recent)\s+"
    r"(?P<unit>hour|day|week|month|year|decade)s\b|the\s+(?P<unit_ahead>day|week|month|year)s\s+ahead\b)"
)
def vague_period(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "the past few weeks", "coming months", "recent years", "the weeks ahead"."""
    if m["unit_ahead"]:
        return "DURATION", _duration_value(None, m["unit_ahead"]), DATE_RELATIVE
    if m["det"].lower().endswith("recent") and m["unit"].lower() != "month":
        return "DATE", "PAST_REF", DATE_RELATIVE
    return "DURATION", _duration_value(None, m["unit"]), DATE_RELATIVE


@_rule(
    r"(?i)\b(?:for|within|in|over|than|takes?)\s+(?:the\s+)?(?P<span>(?P<unit>hour|day|week|month|year|decade|centurie)s)\b(?!\s+ahead)"
    r"|\b(?P<span2>(?P<unit2>hour|day|week|month|year)s)(?=\s+(?:after|before|earlier|later)\b)"
)
def bare_plural_duration(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    unit = m["unit"] or m["unit2"]
    return "DURATION", _duration_value(None, unit), DATE_RELATIVE


@_rule(
    r"(?i)\b(?:every|each|per)\s+(?:(?P<num>other|\w+)\s+)?"
    r"(?P<unit>day|week|month|year|morning|afternoon|evening|night|weekend|quarter)s?\b"
    r"|\b(?:every|each)\s+(?P<named>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February"
    r"|March|April|May|June|July|August|September|October|November|December))\b"
    r"|\b(?P<adverb>daily|weekly|monthly|annually|yearly|nightly|hourly)\b"
    r"|\b(?P<times>once|twice|three times|four times)\s+a\s+(?P<unit2>day|week|month|year)\b"
)
def recurring(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    if m["named"]:
        name = m["named"].lower()
        if name in WEEKDAYS:
            return "SET", f"XXXX-WXX-{WEEKDAYS[name] + 1}", DATE_RELATIVE
        return "SET", f"XXXX-{MONTHS[name]:02d}", DATE_RELATIVE
    if m["adverb"]:
        value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                 "nightly": "XXXX-XX-XXTNI", "hourly": "PT1H"}  # fmt: skip
        return "SET", value[m["adverb"].lower()], DATE_RELATIVE
    unit = (m["unit"] or m["unit2"]).lower()
    if unit in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}", DATE_RELATIVE
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE", DATE_RELATIVE
    if unit == "quarter":
        return "SET", "P1Q", DATE_RELATIVE  # as "the past two quarters" is P2Q
    count = parse_number(m["num"]) if m["num"] and m["num"].lower() != "other" else 1
    if m["num"] and count is None and m["num"].lower() != "other":
        return None
    if m["num"] and m["num"].lower() == "other":
        count = 2
    return "SET", f"P{int(count or 1)}{DURATION_UNITS[unit]}", DATE_RELATIVE


# --- vague references and clock times -------------------------------------------------------


@_rule(
    r"(?i)\b(?P<present>right now|now|currently|current|at present|presently|nowadays|these days)\b"
    r"|\b(?P<past>recently|lately|formerly|the past)\b"
    r"|\b(?P<future>the (?:near |distant |foreseeable )?future|the (?:near|short|long) term|any moment|any day now)\b"
)
def reference(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    before = ctx.text[max(0, m.start() - 6) : m.start()].lower()
    following = ctx.text[m.end() : m.end() + 12].lower()
    if m["present"]:
        word = m["present"].lower()
        if word == "now" and re.match(r"\s*that\b", following):
            return None  # "now that" is a conjunction
        if word == "current" and re.match(r"\s+(?:account|affairs|events|and)\b", following):
            return None
        return "DATE", "PRESENT_REF", DATE_RELATIVE
    if m["past"]:
        if m["past"].lower() == "the past" and not re.search(r"\b(?:in|of|from)\s*$", before):
            return None
        return "DATE", "PAST_REF", DATE_RELATIVE
    if m["future"].lower() == "future" and not re.match(r"\s+[a-z]", following):
        return None  # "the future" is matched whole; bare "future" only as an adjective
    if re.match(r"\s+of\b", following):
        return None  # "the future of our peoples": a thing's prospects, not a time
    return "DATE", "FUTURE_REF", DATE_RELATIVE


@_rule(
    r"(?i)\b(?:(?:around|about|approximately|shortly before|shortly after|just before|just after)\s+)?"
    r"(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    rf"{TIMEZONE}(?:\s+(?:on\s+)?(?P<weekday>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
    r"|,?\s+(?:on\s+)?(?P<dmonth>(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)\s+(?P<dday>[0-3]?\d)\b)?"
    r"|\b(?P<h24>[01]?\d|2[0-3])[:.]?(?P<mi24>[0-5]\d)\s*"
    r"(?P<tz>GMT|UTC|(?-i:[ECMP][SD]T)|MSK|CET|local time|hours|hrs)\b"
    r"|\b(?P<named>noon|midnight)(?:\s+(?P<weekday2>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)))?"
)
def clock_time(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    if m["named"]:
        hour, minute = (12, 0) if m["named"].lower() == "noon" else (24, 0)
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["mi24"])
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if hour > 12 or hour == 0:
            return None
        hour = _twenty_four_hour(hour, after_noon=m["ampm"].lower().startswith("p"))
    weekday_name = m["weekday"] or m["weekday2"]
    month_name = (m["dmonth"] or "").lower().rstrip(".")
    month = MONTHS.get(month_name) or MONTHS.get(month_name[:3])
    if month:
        day_number = int(m["dday"])
        day = _valid_day(_year_for_month(month, day_number, ctx, m), month, day_number) or ctx.published
    elif weekday_name:
        day = _weekday_date(WEEKDAYS[weekday_name.lower()], ctx, m, None)
    else:
        day = _day_in_sentence(ctx, m) or ctx.published
    return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", DATE_RELATIVE


@_rule(
    r"(?i)\b(?:at|by|until|till|around|before|after|from)\s+(?P<span>(?P<hour>[1-9]|1[0-2]|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o['’]clock)?\s+"
    r"(?P<part>in the (?:morning|afternoon|evening)|at night))\b"
)
def hour_of_the_day_part(m: re.Match[str], ctx: _Context) -> tuple[str, str, str] | None:
    """ "at 4 in the morning", "by ten at night": a clock time on the day in the sentence."""
    hour = _twenty_four_hour(int(parse_number(m["hour"]) or 0), after_noon=not m["part"].lower().endswith("morning"))
    day = _day_in_sentence(ctx, m) or ctx.published
    return "TIME", f"{day.isoformat()}T{hour:02d}:00", DATE_RELATIVE


def _twenty_four_hour(hour: int, after_noon: bool) -> int:
    """A 12-hour clock's hour (1-12) on the 24-hour clock: 12 a.m. is 0, 12 p.m. is 12."""
    return hour % 12 + (12 if after_noon else 0)


def _day_in_sentence(ctx: _Context, m: re.Match[str]) -> dt.date | None:
    """The day last mentioned, when it was mentioned in the same sentence."""
    left, _ = ctx.sentence_bounds(m.start(), m.end())
    return ctx.reference if ctx.reference_at >= left else None


# --- the tagger -----------------------------------------------------------------------------


# A word each rule's matches must contain. A rule only runs over the paragraphs holding its
# trigger: most paragraphs mention no season, century or clock time, and the rules' optional
# leading words make a full scan cost more than the search for one word.
_MONTHS_TRIGGER = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_TRIGGERS = {
    "iso_date": r"\d{4}-\d\d-\d\d",
    "slash_date": r"\d/\d",
    "month_day_year": _MONTHS_TRIGGER,
    "weekday_and_date": _MONTHS_TRIGGER,
    "day_month_year": _MONTHS_TRIGGER,
    "month_day": _MONTHS_TRIGGER,
    "month_name": _MONTHS_TRIGGER,
    "year_only": r"\d{4}",
    "spelled_year": r"(?i)\b(?:nineteen|two thousand)\b",
    "decade_in_words": r"(?i)ties\b",
    "decade": r"0'?s\b",
    "century": r"(?i)centur",
    "season": r"(?i)\b(?:spring|summer|autumn|winter|fall)\b",
    "quarter": r"(?i)quarter",
    "period_under_discussion": r"(?i)\bthe\s+(?:\d{4}\s+)?(?:quarter|period|latest period|year-)",
    "year_ago_adjective": r"(?i)year-(?:ago|earlier)",
    "year_end": r"(?i)year(?:-|\s|['’]s\s)end",
    "half_year": r"(?i)\b(?:half|two quarters)\b",
    "quarters": r"(?i)\bquarters\b",
    "holiday": r"\b(?:Christmas|New Year|Thanksgiving|Easter|Good Friday|Halloween|Day\b)",
    "weekday": r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
    "day_word": r"(?i)\b(?:today|yesterday|tomorrow|tonight)",
    "part_of_day": r"(?i)\b(?:morning|afternoon|evening|night)\b",
    "anaphoric_day": r"(?i)\b(?:day|morning|evening|night)\b",
    "mid_part_of_day": r"(?i)\bmid[- ]?(?:morning|afternoon|day)\b",
    "hour_of_the_day_part": r"(?i)\b(?:in the (?:morning|afternoon|evening)|at night)\b",
    "relative_period": r"(?i)\b(?:week|weekend|month|year|decade|century)\b",
    "offset_from_now": r"(?i)\b(?:ago|earlier|later|from now|hence)\b",
    "duration": r"(?i)\b(?:second|minute|hour|day|week|month|year|decade|centur)",
    "the_whole_period": r"(?i)\bthe\s+(?:year|month|week)\b",
    "vague_period": r"(?i)(?:hour|day|week|month|year|decade)s\b",
    "bare_plural_duration": r"(?i)(?:hour|day|week|month|year|decade|centurie)s\b",
    "recurring": r"(?i)\b(?:every|each|per|daily|weekly|monthly|annually|yearly|nightly|hourly|once|twice|times)\b",
    "reference": r"(?i)\b(?:now|current|recent|lately|formerly|past|future|moment|present|nowadays|these days|any day|term)",  # noqa: E501
    "clock_time": r"(?i)(?:\b[ap]\.?m\b|noon|midnight|GMT|UTC|\b[ECMP][SD]T\b|MSK|CET|local time|hours|hrs|\d[ap]m\b)",
}
_COMPILED_TRIGGERS = {name: re.compile(pattern) for name, pattern in _TRIGGERS.items()}


def tag_times(text: str, published: dt.date) -> list[Timex]:
    """All time expressions in `text`, resolved against the publication date `published`."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    candidates: list[tuple[int, int, int, _Rule, re.Match[str]]] = []
    for order, rule in enumerate(_RULES):
        trigger = _COMPILED_TRIGGERS.get(rule.name)
        for start, end in paragraphs:
            if trigger is not None and not trigger.search(text, start, end):
                continue
            for m in rule.pattern.finditer(text, start, end):
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
