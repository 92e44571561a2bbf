"""Numbers written as words or digits, as they occur in time expressions."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip

# Quantities too vague to count: they give an "X" in a TIMEX3 duration (PXY).
VAGUE = ("several", "a few", "few", "many", "some", "numerous")

_unit_words = "|".join(sorted(UNITS, key=len, reverse=True))
_tens_words = "|".join(TENS)
NUMBER_WORDS = rf"(?:(?:{_tens_words})(?:[- ](?:{_unit_words}))?|{_unit_words}|a hundred|hundred)"
NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{NUMBER_WORDS}|a|an|one|a couple of|couple of|a few|few|several|many|some)"


def parse_number(text: str) -> float | None:
    """The value of a number like "twenty four", "two-and-a-half", "12", "a"; None when vague."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    joined = " ".join(words)
    if joined in VAGUE:
        return None
    if joined in ("a", "an"):
        return 1
    if joined in ("a couple", "couple", "a couple of", "couple of"):
        return 2
    if re.fullmatch(r"\d+(\.\d+)?", joined):
        return float(joined)
    if m := re.fullmatch(r"(\d+) 1/2", joined):
        return int(m[1]) + 0.5
    total = 0
    for word in words:
        if word in ("a", "and"):
            continue
        if word == "hundred":
            total = (total or 1) * 100
        elif word in UNITS:
            total += UNITS[word]
        elif word in TENS:
            total += TENS[word]
        else:
            return None
    return total
