"""The context a time expression is read in, and the registry of rules that read them.

`_Context` carries the text, the publication date and the last day mentioned (for "the next day"), and
tells the tense of the verb that governs an expression from FUTURE_CUES and PAST_CUES. `_rule` registers
a pattern and the function that turns its match into (type, value, resolution).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dateline.extract.lexicon import words_pattern

# Verb groups that put an expression in the future or the past. The cue nearest to the
# expression decides ("said on Monday he will go on Friday": Monday past, Friday future).
FUTURE_WORDS = (
    "will", "won't", "wo n't", "'ll", "shall", "going to", "is to", "are to", "scheduled", "schedules", "is due",
    "are due", "upcoming", "intends to", "intend to", "plans to", "plan to", "planning to", "planned to",
    "expected to", "set to", "slated", "ahead of", "a planned", "an planned", "the planned", "its planned",
    "their planned", "to meet", "to visit", "to hold", "to travel", "to begin", "to start", "to vote", "to announce",
    "to resume", "to open", "next week", "next month", "next year", "tomorrow", "would", "payable", "effective",
    "expire", "expires", "to be",
    # the present of a scheduling verb speaks of what is planned: "talks resume Monday"
    "meets", "begins", "starts", "opens", "resumes", "returns", "arrives", "visits", "travels", "meet", "begin",
    "resume", "arrive",
)  # fmt: skip
PAST_WORDS = (
    "said", "says", "was", "were", "had", "did", "told", "met", "began", "took", "came", "went", "made", "held",
    "gave", "left", "fell", "rose", "grew", "won", "lost", "saw", "sold", "paid", "spent", "bought", "brought",
    "found", "kept", "sent", "built", "fought", "fled", "struck", "spoke", "wrote", "flew", "knew", "became", "felt",
    "heard", "meant", "shot", "stood", "thought", "led", "ago", "announced", "earlier",
)  # fmt: skip
# The words as a trie (`lexicon.words_pattern`): case-insensitive, a plain alternation's branches are tried one
# by one at every word of the sentence around each time expression. No word is another followed by a boundary
# ("to be" / "to begin"), so at most one matches at a place, and the matches are the alternation's.
FUTURE_CUES = re.compile(rf"\b(?:{words_pattern(FUTURE_WORDS)})\b", re.IGNORECASE)
# A participle after "be" ("will be named", "to be held") is not the past; "succeed" and "hundred"
# end in -ed without being verbs in the past, nor do capitalised words ("United States", "Ted").
PAST_CUES = re.compile(
    rf"\b(?<!\bbe )(?<!\bbeing )(?:{words_pattern(PAST_WORDS)}|"
    r"(?!(?:succ|proc|exc|n|ind|sp|f|s|br|bl|h|gr)eed\b|hundred\b)(?-i:[a-z]{2,}[a-z]ed))\b",
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

    _stops: tuple[list[int], list[int]] | None = field(default=None, init=False, repr=False)

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """From after the last ". " or line break before `start` to the first one from `end` on."""
        if self._stops is None:  # found once, then bisected: no scan of a long paragraph per expression
            self._stops = (
                [m.start() for m in re.finditer(r"\. ", self.text)],
                [m.start() for m in re.finditer(r"\n", self.text)],
            )
        stops, breaks = self._stops
        left = max(_last_at_most(stops, start - 2), _last_at_most(breaks, start - 1)) + 1
        right_candidates = [i for i in (_first_from(stops, end), _first_from(breaks, end)) if i >= 0]
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


def _last_at_most(positions: list[int], limit: int) -> int:
    """The last position <= `limit`, or -1 (as `str.rfind`)."""
    index = bisect.bisect_right(positions, limit) - 1
    return positions[index] if index >= 0 else -1


def _first_from(positions: list[int], limit: int) -> int:
    """The first position >= `limit`, or -1 (as `str.find`)."""
    index = bisect.bisect_left(positions, limit)
    return positions[index] if index < len(positions) else -1


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


def _day_in_sentence(ctx: _Context, m: re.Match[str]) -> dt.date | None:
    """The day last mentioned, when it was mentioned in the same sentence."""
    left, _ = ctx.sentence_bounds(m.start(), m.end())
    return ctx.reference if ctx.reference_at >= left else None
