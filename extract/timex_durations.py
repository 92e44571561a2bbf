"""Rules for durations ("three years", "the past week", "months") and sets ("every Monday", "twice a year")."""

from __future__ import annotations

import re

from dateline.extract.model import DATE_RELATIVE
from dateline.extract.numbers import NUMBER, parse_number
from dateline.extract.timex_context import _Context, _rule
from dateline.extract.timex_words import APPROX, DURATION_UNITS, MONTHS, PARTS_OF_DAY, TIME_UNITS, UNIT, WEEKDAYS

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
