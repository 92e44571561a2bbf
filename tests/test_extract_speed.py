"""The structures that keep extraction linear on one very long paragraph give the answers of the
plain scans they replace."""

from __future__ import annotations

import datetime as dt
import random

from dateline.extract.actors import _Occupied
from dateline.extract.timex_context import _Context


def test_sentence_bounds_are_those_of_the_plain_scans() -> None:
    rng = random.Random(3)
    text = "".join(rng.choice(["word ", ". ", "\n", "x", ".", " "]) for _ in range(400))
    ctx = _Context(text=text, published=dt.date(2022, 2, 15), reference=dt.date(2022, 2, 15))
    for start in range(len(text) + 1):
        for end in (start, min(len(text), start + 3)):
            left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
            rights = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
            assert ctx.sentence_bounds(start, end) == (left, min(rights) if rights else len(text)), (start, end)


def test_claimed_spans_overlap_as_a_scan_of_the_last_two_before_the_end_says() -> None:
    rng = random.Random(5)
    occupied, added = _Occupied(), []
    for _ in range(3000):
        start = rng.randrange(0, 5000)
        span = (start, start + rng.randrange(1, 6))
        occupied.add(*span)
        added.append(span)
        # the spans in the order the old list kept them: by start, the later added first among equals
        ordered = sorted(enumerate(added), key=lambda item: (item[1][0], -item[0]))
        probe = rng.randrange(0, 5000)
        probe_end = probe + rng.randrange(1, 6)
        before = [s for _, s in ordered if s[0] < probe_end][-2:]
        assert occupied.overlaps(probe, probe_end) == any(end > probe for _, end in before)
