"""Happenings: reports of one real-world occurrence, from one article or many, merged into one.

Merging is a pure function of extracted records, built from three pieces:
- `segments_of`: an article's reports grouped into its accounts of occurrences (its reports of one
  date, split where the article turns to another matter: "Meanwhile, ...");
- `same_happening`: whether two accounts tell of the same occurrence (a symmetric test of the two
  alone: their dates, the kinds of occurrence they name (`extract/kinds.py`), the period they give,
  shared actors and shared distinctive words);
- `happening_id`: a happening is a connected set of accounts, named by its smallest account id.

Because the test looks at two accounts and nothing else, the happenings are the connected components
of a fixed graph: ingesting the same articles again, or in another order, or in partitions merged
later, gives the same happenings with the same ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from dateline.extract.kinds import STATEMENT, account_kinds, different_kinds, occurrence_kinds, stem
from dateline.extract.model import DATE_CONTINUED, DATE_PUBLICATION, KIND_REPORT, Event, TimexValue
from dateline.extract.reports import TURN_CUE

# Words as common as these in general English say nothing about which occurrence is told of.
_COMMON_ZIPF = 5.6
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)

# Two accounts of one day are the same occurrence when their distinctive words and actors are this
# alike (`similarity`, 0..1); a day apart (time zones, late reports) needs more.
SAME_DAY_THRESHOLD = 0.2
NEXT_DAY_THRESHOLD = 0.45
# Accounts that give the same period of several days ("February 10-20") need fewer shared words.
SAME_PERIOD_THRESHOLD = 0.1


@dataclass(frozen=True)
class ReportRecord:
    """What merging needs of one stored report (an event of kind `report`)."""

    event_id: str  # sorts in reading order within its article
    article_id: str
    text: str
    date_value: str
    date_source: str
    actor_keys: tuple[str, ...] = ()
    planned: bool = False
    opens_new_matter: bool = False  # the article turns to another matter here (see `report_records`)
    joins_lead: bool = False  # undated, in a paragraph of its own: it goes on with the article's lead
    kinds: frozenset[str] = frozenset()  # the kinds of occurrence its words name (`occurrence_kinds`)
    period_end: str | None = None  # the last day of the period it gives ("Feb. 10-20"), if any


@dataclass(frozen=True)
class Segment:
    """One article's account of one occurrence: its reports of one date (or a run of them)."""

    id: str
    article_id: str
    date: TimexValue
    event_ids: tuple[str, ...]
    terms: dict[str, float]  # distinctive word stems and their weights
    actors: frozenset[str]
    planned: bool
    kinds: frozenset[str] = frozenset()  # the kinds of occurrence its reports name (`account_kinds`)
    period_end: str | None = None  # the last day, when its reports give a period of several days
    norm: float = field(init=False, compare=False, repr=False)  # of `terms`, for the cosine

    def __post_init__(self) -> None:
        object.__setattr__(self, "norm", math.sqrt(sum(w * w for w in self.terms.values())))


def report_records(article_id: str, events: Sequence[tuple[str, Event]]) -> list[ReportRecord]:
    """The reports of one article's events (id, event) in reading order, each marked where the article
    turns to another matter: a turn cue ("Meanwhile, ..."), or a paragraph that opens with a date of
    its own ("The Kremlin said on Thursday ...")."""
    records = []
    paragraph = None
    seen: set[str] = set()  # actors the article has named so far
    for event_id, event in events:
        if event.kind != KIND_REPORT:
            continue
        own_date = event.date_source not in (DATE_CONTINUED, DATE_PUBLICATION)
        new_paragraph = event.paragraph != paragraph
        newcomer = event.subject_key is not None and event.subject_key not in seen
        turns = bool(TURN_CUE.match(event.text)) or (new_paragraph and (own_date or newcomer))
        paragraph = event.paragraph
        seen.update(event.actor_keys)
        records.append(
            ReportRecord(
                event_id, article_id, event.text, event.date_value, event.date_source, event.actor_keys,
                event.planned, turns, new_paragraph and not own_date and not turns and not _GOES_ON.search(event.text),
                occurrence_kinds(event.text), event.period_end,
            )
        )  # fmt: skip
    return records


# A paragraph that goes on with the one before it: it opens with a pronoun ("He said ...", "They ...")
# or quotes a speaker named by one (`"...," he added`), who is the previous paragraph's.
_GOES_ON = re.compile(
    r"^\W*(?:he|she|they|it|his|her|their|its)\b|^\W*[“\"‘].*[,?!]\W*\s+(?:he|she|they)\s+[a-z]+\b",
    re.IGNORECASE,
)


def segments_of(reports: Sequence[ReportRecord]) -> list[Segment]:
    """An article's reports grouped into accounts: reports of one date belong together unless the
    article turns to another matter ("Meanwhile, ...") in between. An undated paragraph goes back to
    the article's lead account, unless it goes on with the paragraph before ("He said ...") or names
    another kind of occurrence than the lead's (the lead is a strike, it tells of a vote)."""
    groups: dict[tuple[str, int], list[ReportRecord]] = {}
    current_matter: dict[str, int] = {}  # date -> the matter its reports now belong to
    kinds: dict[tuple[str, int], set[frozenset[str]]] = {}  # the kinds each group's reports name
    turns = 0
    for report in sorted(reports, key=lambda r: r.event_id):
        when = _day_or_value(report.date_value)  # "Friday" and "Friday evening" are one day's account
        if report.opens_new_matter:
            turns += 1
            current_matter[when] = turns
        elif report.joins_lead:  # unless it names another kind of occurrence: then it goes on with the last
            lead = min((m for w, m in groups if w == when), default=0)
            goes_on = (when, current_matter.get(when, 0)) in groups
            if not goes_on or not different_kinds(report.kinds - {STATEMENT}, account_kinds(kinds[(when, lead)])):
                current_matter[when] = lead
        key = (when, current_matter.get(when, 0))
        groups.setdefault(key, []).append(report)
        kinds.setdefault(key, set()).add(report.kinds)  # each distinct set once: linear in the article
    segments = []
    for members in groups.values():
        value = most_given_date(Counter(r.date_value for r in members))  # each report one source
        event_ids = tuple(r.event_id for r in members)
        text = " ".join(r.text for r in members)
        segments.append(
            Segment(
                id=_short_hash(f"{members[0].article_id}:{event_ids[0]}"),
                article_id=members[0].article_id,
                date=TimexValue.parse(value),
                event_ids=event_ids,
                terms=term_weights(text),
                actors=frozenset(k for r in members for k in r.actor_keys),
                planned=all(r.planned for r in members),
                kinds=account_kinds(r.kinds for r in members),
                period_end=_period_end(value, members),
            )
        )
    return segments


def _period_end(value: str, members: Sequence[ReportRecord]) -> str | None:
    """The last day of the period the account's reports of its date give most often, when they
    give one longer than a day."""
    ends = Counter(r.period_end for r in members if r.date_value == value and r.period_end)
    first = TimexValue.parse(value).first_day
    longer = {end: n for end, n in ends.items() if first is not None and end > first.isoformat()}
    return min(longer, key=lambda end: (-longer[end], end)) if longer else None


def _day_or_value(value: str) -> str:
    parsed = TimexValue.parse(value)
    return parsed.day or value


def same_happening(a: Segment, b: Segment) -> bool:
    """Whether two accounts tell of the same occurrence. Symmetric, and a function of the two alone."""
    if different_kinds(a.kinds, b.kinds):
        return False  # a call and a strike that day are two occurrences, however alike their words
    if a.date.day is None or b.date.day is None:
        if a.date.value != b.date.value:
            return False
        threshold = SAME_DAY_THRESHOLD
    else:
        apart = abs((a.date.first_day - b.date.first_day).days)
        if apart > 1 or (apart and a.article_id == b.article_id):
            return False  # an article that gives two days tells of two occurrences
        threshold = SAME_DAY_THRESHOLD if apart == 0 else NEXT_DAY_THRESHOLD
    if a.period_end is not None and a.period_end == b.period_end and a.date.value == b.date.value:
        threshold = SAME_PERIOD_THRESHOLD  # both give "February 10-20": the period itself is a likeness
    return similarity(a, b) >= threshold


def similarity(a: Segment, b: Segment) -> float:
    """Cosine of two accounts' distinctive-word weights, with shared actors (Jaccard) counted in."""
    small, large = (a.terms, b.terms) if len(a.terms) <= len(b.terms) else (b.terms, a.terms)
    shared = sum(w * large[t] for t, w in small.items() if t in large)
    norm = a.norm * b.norm
    words = shared / norm if norm else 0.0
    if not a.actors or not b.actors:
        return words
    actors = len(a.actors & b.actors) / len(a.actors | b.actors)
    return 0.7 * words + 0.3 * actors


def term_weights(text: str) -> dict[str, float]:
    """Distinctive word stems of a text, each weighted by how rare the word is in general English."""
    weights: dict[str, float] = {}
    for weighted in map(_weighted_stem, _WORD.findall(text)):
        if weighted is not None:
            stemmed, weight = weighted
            if weight > weights.get(stemmed, 0.0):  # the highest weight of a stem, in the order first seen
                weights[stemmed] = weight
    return weights


@lru_cache(maxsize=1 << 16)
def _weighted_stem(word: str) -> tuple[str, float] | None:
    """A word's stem and weight (`term_weights`), None for a common word: worked out once a written form."""
    lowered = word.lower().replace("’", "'").removesuffix("'s")
    weight = _rarity(lowered)
    return None if weight <= 0 else (stem(lowered), weight)


@cache
def _rarity(word: str) -> float:
    zipf = _english_zipf().get(word, _RARE_ZIPF)
    return 0.0 if zipf >= _COMMON_ZIPF or len(word) < 3 else _COMMON_ZIPF + 1.0 - zipf


# Words missing from wordfreq's small English list are rarer than its rarest (Zipf 3).
_RARE_ZIPF = 2.5


@cache
def _english_zipf() -> dict[str, float]:
    """wordfreq's small English list as {word: Zipf frequency}, read from the package's data file.

    `wordfreq.zipf_frequency` would give the same figures, but importing wordfreq (regex, langcodes,
    ftfy) and loading its large list costs 0.4 s, more than ingesting thirty articles; the small
    list read here costs 0.03 s. Its format (cBpack, wordfreq 3.x): a header, then one bucket of
    words per centibel of frequency, the most frequent first."""
    import gzip

    import msgpack

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("wordfreq is not installed")
    path = Path(spec.submodule_search_locations[0]) / "data" / "small_en.msgpack.gz"
    with gzip.open(path, "rb") as packed:
        header, *buckets = msgpack.load(packed, raw=False)
    if header.get("format") != "cB":
        raise RuntimeError(f"unexpected wordfreq data format in {path}: {header}")
    return {word: 9.0 - index / 100 for index, bucket in enumerate(buckets) for word in bucket}


def happening_id(segment_ids: Iterable[str]) -> str:
    """A happening's id: named after its smallest account id, so it does not depend on the order
    in which its accounts arrived."""
    return "h" + _short_hash(min(segment_ids))[:15]


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def components(segments: Sequence[Segment], related: Iterable[tuple[str, str]]) -> list[list[Segment]]:
    """Connected sets of accounts, given the related pairs (by segment id)."""
    parent = {s.id: s.id for s in segments}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in related:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[Segment]] = {}
    for s in segments:
        groups.setdefault(root(s.id), []).append(s)
    return sorted(groups.values(), key=lambda g: min(s.id for s in g))


def merge(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Happenings of a set of accounts: the pure, all-at-once form of what ingest does incrementally."""
    by_day: dict[str, list[Segment]] = {}
    for s in segments:
        by_day.setdefault(s.date.sort_key[:10], []).append(s)
    related = []
    for s in segments:
        for key in nearby_days(s):
            for other in by_day.get(key, []):
                if other.id < s.id and same_happening(s, other):
                    related.append((s.id, other.id))
    return components(segments, related)


def nearby_days(segment: Segment) -> list[str]:
    """The days whose accounts an account is compared with: its own and those either side (its
    period's first day alone for a coarser date)."""
    if segment.date.day is None:
        return [segment.date.sort_key[:10]]
    day = segment.date.first_day
    return [(day + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)]


@dataclass(frozen=True)
class HeadlineCandidate:
    event_id: str
    text: str
    date_source: str
    actor_count: int
    published: str


def headline_rank(c: HeadlineCandidate) -> tuple:
    """Sort key of the clearest report, best first: one with a date of its own, naming actors, a
    sentence of readable length, not a bare quotation; then the earliest published, then the id
    (so the choice does not depend on the order reports arrived in)."""
    words = len(c.text.split())
    return (
        c.date_source in (DATE_CONTINUED, DATE_PUBLICATION),
        -min(c.actor_count, 3),
        not 8 <= words <= 45,
        c.text.lstrip().startswith(("“", '"', "‘", "'")),
        c.published,
        c.event_id,
    )


_GRANULARITY_RANK = {"time": 0, "day": 0, "week": 1, "month": 2}


def most_given_date(sources_per_date: Mapping[str, int]) -> str:
    """The date value the most sources give; on a tie the finest, then the earliest."""

    def rank(value: str) -> tuple:
        parsed = TimexValue.parse(value)
        return (-sources_per_date[value], _GRANULARITY_RANK.get(parsed.granularity, 3), parsed)

    return min(sources_per_date, key=rank)
