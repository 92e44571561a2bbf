"""Rules for vague references to the present, past and future ("now", "recently", "the near future")
and for clock times ("3.30 p.m. local time", "at four in the morning").
"""

from __future__ import annotations

import re

from dateline.extract.model import DATE_RELATIVE
from dateline.extract.numbers import parse_number
from dateline.extract.timex_context import _Context, _day_in_sentence, _rule
from dateline.extract.timex_words import MONTHS, TIMEZONE, WEEKDAYS, _valid_day, _weekday_date, _year_for_month

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
