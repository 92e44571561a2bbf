"""Keep happenings as articles arrive: an article's accounts join the happenings they match.

The test of whether two accounts tell of one occurrence is `extract.happenings.same_happening`, a
function of the two alone, so happenings are connected sets of accounts that do not depend on the
order articles arrive in. Two bounds keep the cost of an article flat however large the store grows:
- a new account is compared with the happenings dated within a day of it (an index range), and with
  at most `ACCOUNTS_PER_HAPPENING` of each one's accounts near its day, in id order, stopping at the
  first match: a happening of a thousand wire copies costs one comparison, not a thousand;
- a happening's row (date, conflicts, headline, counts) is updated from aggregates over its accounts
  and from its previous headline, never rebuilt from all of its reports.
The first bound is the one place where arrival order could matter: an account that resembles only
accounts beyond the first `ACCOUNTS_PER_HAPPENING` of a happening stays apart from it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple
from weakref import WeakKeyDictionary

from sqlite_utils.db import Database

from dateline.extract.datelines import without_dateline
from dateline.extract.happenings import (
    HeadlineCandidate,
    Segment,
    components,
    happening_id,
    headline_rank,
    most_given_date,
    nearby_days,
    same_happening,
)
from dateline.extract.kinds import different_kinds
from dateline.extract.model import TimexValue, dates_disagree
from dateline.store.join_cache import JoinCache, drop_join_cache, join_cache
from dateline.store.rows import insert_rows, insert_tuples

ACCOUNTS_PER_HAPPENING = 24


def record_segments(
    db: Database,
    segments: Sequence[Segment],
    reports: Mapping[str, HeadlineCandidate],
    outlet: str | None,
    join_stored: bool = True,
    values: Mapping[str, tuple] | None = None,
    own: Sequence[OwnHappening] | None = None,
    actor_counts: Mapping[str, int] | None = None,
) -> set[str]:
    """Store one new article's accounts and join them into happenings. Runs inside the article's
    transaction; `reports` are its reports by event id, `outlet` its outlet, `values` its accounts' rows
    by id when worked out ahead (`segment_values`), `actor_counts` how many stored actors each of its
    reports names (its rows in `event_actors`), when known: then what a later article's join reads of the
    happenings written here is kept instead of read back (`JoinCache.stored`). Returns the ids of the
    happenings it created or changed. Without `join_stored` the accounts join one another only, never
    a stored happening: for bulk loads of occurrences known to be new (`bench/synthetic_store.py`); the
    happenings they make are then `own_happenings` of the article, given as `own` when worked out ahead."""
    if not segments:
        return set()
    if not join_stored:
        return _write_own(db, own if own is not None else own_happenings(segments, reports, outlet), values)
    cache = join_cache(db, ACCOUNTS_PER_HAPPENING)
    pairs: list[tuple[str, str]] = []
    nodes: list[Segment] = list(segments)
    linked: dict[str, set[str]] = {s.id: set() for s in segments}  # new account -> happenings it joins
    for segment in segments:
        for other in segments:
            if other.id < segment.id and same_happening(segment, other):
                pairs.append((segment.id, other.id))
        nearby = _nearby_happenings(db, segment, cache)
        for hid, days in _accounts_near(db, nearby, segment, cache):
            if any(_matches(segment, accounts) for accounts in days):
                linked[segment.id].add(hid)
    # Each touched happening stands in the graph as one node, named by its id.
    for hid in sorted({h for hs in linked.values() for h in hs}):
        nodes.append(Segment(f"~{hid}", "", segments[0].date, (), {}, frozenset(), False))
    for sid, hids in linked.items():
        pairs.extend((sid, f"~{hid}") for hid in hids)
    changed = set()
    cache.changing()  # until the last write below: a write that fails leaves the cache dropped
    for group in components(nodes, pairs):
        old = _stored(db, [s.id[1:] for s in group if s.id.startswith("~")], cache)
        members = [s for s in group if not s.id.startswith("~")]
        first = min([s.id for s in members] + [o["first"] for o in old])
        hid = happening_id([first])
        new_reports = [reports[e] for s in members for e in s.event_ids]
        row = _joined(db, hid, members, new_reports, outlet, old)  # before the old ones are relabelled
        for previous in old:
            if previous["id"] != hid:
                db.execute("update segments set happening_id = ? where happening_id = ?", [hid, previous["id"]])
                cache.relabelled(previous["id"], hid)
            db.execute("delete from happenings where id = ?", [previous["id"]])
            cache.happening_removed(previous["id"])
        _insert_segments(db, hid, members, values)
        cache.accounts_added(hid, _remember(db, members))
        insert_rows(db, "happenings", [row], replace=True)
        cache.happening_removed(hid)
        cache.happening_added(row, _written(row, new_reports, old, actor_counts, first))
        changed.add(hid)
    cache.changed(db)
    return changed


# A happening an article's accounts make among themselves: its id, its accounts, its row.
OwnHappening = tuple[str, list[Segment], dict[str, object]]


def own_happenings(
    segments: Sequence[Segment], reports: Mapping[str, HeadlineCandidate], outlet: str | None
) -> list[OwnHappening]:
    """The happenings an article's accounts make joined with one another only (`join_stored=False`): a
    pure function of the article, so a worker process works it out for a bulk load."""
    pairs = [(s.id, o.id) for s in segments for o in segments if o.id < s.id and same_happening(s, o)]
    own = []
    for members in components(list(segments), pairs):
        hid = happening_id([s.id for s in members])
        new_reports = [reports[e] for s in members for e in s.event_ids]
        own.append((hid, members, _joined(None, hid, members, new_reports, outlet, [])))
    return own


def _write_own(db: Database, own: Sequence[OwnHappening], values: Mapping[str, tuple] | None) -> set[str]:
    """Store an article's own happenings (`own_happenings`) as `record_segments` would. The writer's join
    cache and parsed accounts are let go, not kept up: a bulk load never reads them (and, kept, the
    accounts of 5M happenings would fill the memory)."""
    drop_join_cache(db)
    for hid, members, row in own:
        _insert_segments(db, hid, members, values)
        insert_rows(db, "happenings", [row], replace=True)
    return {hid for hid, _, _ in own}


def _insert_segments(db: Database, hid: str, members: Sequence[Segment], values: Mapping[str, tuple] | None) -> None:
    """Write the accounts of happening `hid` (their values worked out ahead by a worker, when given)."""
    rows = [(hid, *(values[s.id] if values else segment_values(s))) for s in members]
    insert_tuples(db, "segments", SEGMENT_COLUMNS, rows, replace=True)


def _stored(db: Database, hids: Sequence[str], cache: JoinCache) -> list[dict]:
    """Stored happenings' rows, with their headline report as a candidate for the joined one's and their
    first account's id: kept by the writer when it wrote them (`_written`), else read."""
    rows = []
    for hid in hids:
        kept = cache.stored.get(hid)
        if kept is None:
            kept = _read_stored(db, hid)
        rows.append(kept.parsed())
    return rows


class StoredHappening(NamedTuple):
    """What the join reads of a stored happening: its row's values as stored (the JSON parsed only when it is
    joined: most happenings a writer writes never are), its headline as a candidate, its first account's id."""

    id: str
    planned: int
    date_sources: str  # JSON
    source_count: int
    report_count: int
    kinds: str | None  # JSON
    date_value: str
    period_end: str
    headline: HeadlineCandidate
    first: str

    def parsed(self) -> dict:
        return {
            "id": self.id,
            "planned": bool(self.planned),
            "date_sources": json.loads(self.date_sources),
            "source_count": self.source_count,
            "report_count": self.report_count,
            "kinds": None if self.kinds is None else frozenset(json.loads(self.kinds)),
            "date_value": self.date_value,
            "period_end": self.period_end,
            "headline": self.headline,
            "first": self.first,
        }


def _read_stored(db: Database, hid: str) -> StoredHappening:
    *values, headline_id, text, date_source, actor_count, published = db.execute(
        "select h.id, h.planned, h.date_sources, h.source_count, h.report_count, h.kinds, h.date_value,"
        " h.period_end, e.id, e.text, e.date_source,"
        " (select count(*) from event_actors ea where ea.event_id = e.id), a.published"
        " from happenings h join events e on e.id = h.headline_event_id join articles a on a.id = e.article_id"
        " where h.id = ?",
        [hid],
    ).fetchone()
    first = db.execute("select min(id) from segments where happening_id = ?", [hid]).fetchone()[0]
    return StoredHappening(*values, HeadlineCandidate(headline_id, text, date_source, actor_count, published), first)


def _written(
    row: dict[str, object],
    new_reports: Sequence[HeadlineCandidate],
    old: Sequence[dict],
    actor_counts: Mapping[str, int] | None,
    first: str,
) -> StoredHappening | None:
    """What `_stored` would read of a happening just written (its row `row`, its first account `first`), or None
    when the stored actor count of a new headline report is not known. A report's candidate counts
    the actors its sentence names (`HeadlineCandidate.actor_count`); read back, it counts its rows in
    `event_actors`: the stored actors they are (two names can be one stored actor)."""
    headline_id = row["headline_event_id"]
    headline = next((o["headline"] for o in old if o["headline"].event_id == headline_id), None)
    if headline is None:
        if actor_counts is None:
            return None
        new = next(r for r in new_reports if r.event_id == headline_id)
        headline = replace(new, actor_count=actor_counts.get(new.event_id, 0))
    return StoredHappening(
        row["id"],
        row["planned"],
        row["date_sources"],
        row["source_count"],
        row["report_count"],
        row["kinds"],
        row["date_value"],
        row["period_end"],
        headline,
        first,
    )


def _joined(
    db: Database | None,
    hid: str,
    members: Sequence[Segment],
    new_reports: Sequence[HeadlineCandidate],
    outlet: str | None,
    old: Sequence[dict],
) -> dict[str, object]:
    """The row of a happening made of a new article's accounts and the stored happenings they joined,
    from what those rows keep (sources per date, counts, headline): no pass over the largest one."""
    date_sources, source_count = _merged_sources(db, old) if db is not None else ({}, 0)
    for value in sorted({s.date.value for s in members}):  # the article is new: one more source a date
        entry = date_sources.setdefault(value, [0, []])
        entry[0] += 1
        entry[1] = sorted({*entry[1], outlet or members[0].article_id})
    source_count += 1
    value = TimexValue.parse(most_given_date({d: n for d, (n, _) in date_sources.items()}))
    conflicts = []
    if dates_disagree(date_sources):
        conflicts = [{"date": d, "outlets": date_sources[d][1]} for d in sorted(date_sources, key=TimexValue.parse)]
    headline = min([*new_reports, *(o["headline"] for o in old)], key=_headline_rank)
    return {
        "id": hid,
        "date_value": value.value,
        "granularity": value.granularity,
        "sort_key": value.sort_key,
        "period_end": _period_end(value, members, old),
        "planned": int(all(s.planned for s in members) and all(o["planned"] for o in old)),
        "date_conflicts": json.dumps(conflicts),
        "date_sources": json.dumps(date_sources, sort_keys=True),
        "headline": without_dateline(headline.text),
        "headline_event_id": headline.event_id,
        "source_count": source_count,
        "report_count": len(new_reports) + sum(o["report_count"] for o in old),
        "kinds": _kinds_of([s.kinds for s in members] + [o["kinds"] for o in old]),
    }


def _period_end(value: TimexValue, members: Sequence[Segment], old: Sequence[dict]) -> str:
    """The last day a happening dated `value` covers: the date's own last day, or later when accounts of that
    date give a period ("from February 10 to 20": the 20th), so a date filter from the 20th keeps it. A stored
    happening of that date brings the end it kept (of its own accounts); one of another date, none."""
    ends = [s.period_end for s in members if s.period_end and s.date.value == value.value]
    ends += [o["period_end"] for o in old if o["date_value"] == value.value and o["period_end"]]
    own = value.last_day.isoformat() if value.last_day else value.sort_key[:10]
    return max([own, *ends])


# A stored happening's headline is ranked again at each join: its rank is kept (by the candidate's values).
_headline_rank = lru_cache(maxsize=65_536)(headline_rank)


def _kinds_of(parts: Sequence[frozenset[str] | None]) -> str | None:
    """A happening's kinds (JSON) from its parts' (accounts' or joined happenings'); None when one part
    names none, or is a happening whose kinds are not known: then every new account is compared with it."""
    if any(not part for part in parts):
        return None
    return json.dumps(sorted(frozenset().union(*parts)))


def _merged_sources(db: Database, old: Sequence[dict]) -> tuple[dict[str, list], int]:
    """Sources per date and in all of stored happenings about to be joined. The largest one's are
    taken as kept; each smaller one's accounts are read and an article counted once (it may have told
    of both): each account is read at most log2(n) times over a store's life, as in union by size."""
    if not old:
        return {}, 0
    largest, *smaller = sorted(old, key=lambda o: (-o["source_count"], o["id"]))
    date_sources = {value: [n, list(outlets)] for value, (n, outlets) in largest["date_sources"].items()}
    sources = largest["source_count"]
    joined = [largest["id"]]
    for happening in smaller:
        by_article: dict[str, tuple[set[str], str]] = {}
        for article_id, value, outlet in db.execute(
            "select s.article_id, s.date_value, coalesce(a.outlet, a.id) from segments s"
            " join articles a on a.id = s.article_id where s.happening_id = ?",
            [happening["id"]],
        ).fetchall():
            by_article.setdefault(article_id, (set(), outlet))[0].add(value)
        marks = ",".join("?" * len(joined))
        for article_id, (values, outlet) in by_article.items():
            known = {
                value
                for (value,) in db.execute(
                    f"select date_value from segments where article_id = ? and happening_id in ({marks})",
                    [article_id, *joined],
                ).fetchall()
            }
            sources += not known
            for value in values - known:
                entry = date_sources.setdefault(value, [0, []])
                entry[0] += 1
                entry[1] = sorted({*entry[1], outlet})
        joined.append(happening["id"])
    return date_sources, sources


def _nearby_happenings(db: Database, segment: Segment, cache: JoinCache) -> list[str]:
    """Happenings dated within a day of the account (or on its month, week, ... for a coarse date), but
    those whose accounts all name kinds of occurrence other than the account's (none of them could match)."""
    return [
        hid
        for hid, kinds in cache.nearby(db, segment)
        if kinds is None or not different_kinds(segment.kinds, _kinds(kinds))
    ]


def _matches(segment: Segment, accounts: Sequence[Segment]) -> bool:
    """Whether the account tells of the same occurrence as one of `accounts` (`same_happening`). Two tests
    that cost a set operation each pass over most accounts without the full comparison, each a case where
    `same_happening` is false: accounts naming kinds of occurrence, none in common (its first test,
    `different_kinds`), and accounts sharing no word and no actor (a likeness of 0, under every threshold)."""
    kinds, words, actors = segment.kinds, segment.terms.keys(), segment.actors
    for other in accounts:
        if kinds and other.kinds and kinds.isdisjoint(other.kinds):
            continue
        if words.isdisjoint(other.terms) and actors.isdisjoint(other.actors):
            continue
        if same_happening(segment, other):
            return True
    return False


@lru_cache(maxsize=4096)
def _kinds(packed: str) -> frozenset[str]:
    return frozenset(json.loads(packed))


def _accounts_near(
    db: Database, hids: Sequence[str], segment: Segment, cache: JoinCache
) -> list[tuple[str, list[list[Segment]]]]:
    """Each happening's first accounts (by id) on each day around the account's (`JoinCache.first_accounts`:
    read from the store once, an index range a happening and day); accounts not met before are then read
    in one statement, and parsed once (`_parsed`)."""
    if not hids:
        return []
    by_happening = cache.first_accounts(db, hids, nearby_days(segment), lambda ids: _read_accounts(db, ids))
    return list(zip(hids, by_happening, strict=True))


def _read_accounts(db: Database, ids: list[str]) -> dict[str, Segment]:
    """Stored accounts by id, parsed: those not parsed before read in one statement (500 ids at a time)."""
    parsed = _parsed_of(db)
    unread = [sid for sid in ids if sid not in parsed]
    for start in range(0, len(unread), 500):
        some = unread[start : start + 500]
        for row in db.execute(
            "select id, article_id, date_value, terms, actors, planned, kinds, period_end from segments"
            f" where id in ({','.join('?' * len(some))})",
            some,
        ).fetchall():
            parsed[row[0]] = _account(*row)
    return {sid: parsed[sid] for sid in ids}


# Stored accounts parsed, by id, for each store the writer writes to: an account's id is a hash of
# its article's content, so what is stored under it never changes (only the happening it is in).
_parsed: WeakKeyDictionary[Database, dict[str, Segment]] = WeakKeyDictionary()
_PARSED_LIMIT = 200_000


def _parsed_of(db: Database) -> dict[str, Segment]:
    parsed = _parsed.setdefault(db, {})
    if len(parsed) > _PARSED_LIMIT:
        parsed.clear()
    return parsed


def _remember(db: Database, segments: Sequence[Segment]) -> list[Segment]:
    """Keep an article's new accounts parsed, as `_account` would read them back; returns them so."""
    stored = [_as_stored(s) for s in segments]
    _parsed_of(db).update((s.id, s) for s in stored)
    return stored


def _account(
    segment_id: str,
    article_id: str,
    value: str,
    terms: str,
    actors: str,
    planned: int,
    kinds: str | None,
    period_end: str | None,
) -> Segment:
    """A stored account, parsed (once: `_parsed` keeps it by id)."""
    return Segment(
        segment_id,
        article_id,
        TimexValue.parse(value),
        (),
        json.loads(terms),
        frozenset(json.loads(actors)),
        bool(planned),
        frozenset(json.loads(kinds or "[]")),
        period_end,
    )


# An account's row: the happening it is in, then what `segment_values` gives.
SEGMENT_COLUMNS = ("happening_id", "id", "article_id", "day", "date_value", "sort_key", "planned", "terms", "actors",
                   "kinds", "period_end")  # fmt: skip


def _as_stored(s: Segment) -> Segment:
    """A new account as `_account` reads it back from its row: its words in the order of their JSON (sorted),
    which is the order its likeness to another is summed in."""
    return Segment(
        s.id, s.article_id, TimexValue.parse(s.date.value), (), dict(sorted(s.terms.items())), s.actors, s.planned,
        s.kinds, s.period_end,
    )  # fmt: skip


def segment_values(s: Segment) -> tuple:
    """An account's row but the happening it is in (`SEGMENT_COLUMNS[1:]`): a pure function of the account,
    so a worker process works it out (the JSON of its words is most of a row's cost)."""
    return (
        s.id,
        s.article_id,
        s.date.sort_key[:10],
        s.date.value,
        s.date.sort_key,
        int(s.planned),
        terms_json(s.terms),
        json.dumps(sorted(s.actors)),
        json.dumps(sorted(s.kinds)),
        s.period_end,
    )


def terms_json(terms: Mapping[str, float]) -> str:
    """`json.dumps(terms, sort_keys=True)`, made of each word's `"stem": weight` piece, worked out once a
    (stem, weight): the same stems come back in article after article, and the encoder's call for a small
    dict cost most of a row's time (0.085 -> 0.036 s for the 2,000 recombined articles). The pieces are
    the encoder's own (`json.dumps` of the stem and of the weight, ", " and ": " between), joined in the
    sorted order of the stems (keys are unique, so the encoder's sort of the items is the same)."""
    return "{" + ", ".join([_term_json(stem, terms[stem]) for stem in sorted(terms)]) + "}"


@lru_cache(maxsize=1 << 16, typed=True)  # typed: a weight of 3 is written "3", of 3.0 "3.0"
def _term_json(stem: str, weight: float) -> str:
    return f"{json.dumps(stem)}: {json.dumps(weight)}"
