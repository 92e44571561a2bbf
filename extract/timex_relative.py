"""Rules for days and periods named relative to the publication date or the day last mentioned:
weekdays, "today" and "yesterday", parts of the day, "the next day", "last week", "two years ago".
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.extract.model import DATE_RELATIVE
from dateline.extract.numbers import NUMBER, parse_number
from dateline.extract.timex_context import _Context, _day_in_sentence, _rule
from dateline.extract.timex_words import (
    APPROX,
    DAY_WORD_OFFSETS,
    MODIFIER,
    PART,
    PARTS_OF_DAY,
    TIME_UNITS,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    _iso_week,
    _shift_months,
    _weekday_date,
)


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
