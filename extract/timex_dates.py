"""Rules for absolute and calendar dates: written dates, months, years, decades, centuries, seasons,
quarters and halves of a year, and holidays.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.extract.holidays import HOLIDAY, holiday_date
from dateline.extract.model import DATE_RELATIVE, DATE_STATED
from dateline.extract.numbers import NUMBER_WORDS, ORDINALS, parse_number
from dateline.extract.timex_context import _Context, _rule
from dateline.extract.timex_words import (
    DAY,
    MONTH,
    SEASON_MONTHS,
    SEASONS,
    WEEKDAY,
    YEAR,
    _iso_week,
    _month_number,
    _quarter,
    _valid_day,
    _year_for_month,
)

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


_AN_AMOUNT_OF = re.compile(r"\s+(?:[a-z]+\s+)?(?:years|people|dollars|troops|soldiers|men|miles|tons)\b")


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
    if _AN_AMOUNT_OF.match(ctx.text, m.end()):
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
        if name in ("fall", "spring") and (not relation or re.compile(r"\s+(?:of|in)\b").match(ctx.text, m.end())):
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
    if not m["year"] and re.compile(r"\s+of\b").match(ctx.text, m.end()):
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
