"""Read the store: the timeline (keyset-paginated), actors, quotes and source articles.

Every query uses bound parameters; rows become `store.records` dataclasses here.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from sqlite_utils.db import Database

from dateline.store.records import (
    ActorSummary,
    ArticleRef,
    EventFilter,
    QuoteRecord,
    SourceArticle,
    Span,
    TimelineEvent,
)

NO_FILTER = EventFilter()


@contextmanager
def snapshot(db: Database) -> Iterator[Database]:
    """Every query inside the block reads the store as it was at its first read (one read
    transaction; in WAL mode writers go on meanwhile): a listing or an export paged over many
    queries shows each article whole, never some of its events from before an ingest committed
    and the rest from after."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")  # nothing was written: ending the read is all there is to do


_EVENT_COLUMNS = """
    e.id, e.date_value, e.granularity, e.date_source, e.date_text, e.sort_key, e.text, e.paragraph,
    e.start, e.end, e.period_end, a.id as article_id, a.title, a.outlet, a.published, a.url, a.author
"""


SEARCH_SYNTAX = 'words (all must appear), "a phrase", prefix*, OR, NOT, AND, (groups)'
_SEARCH_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
_OPERATORS = frozenset({"OR", "AND", "NOT"})


def parse_search(text: str) -> tuple[str | None, list[str]]:
    """The FTS5 query for what a user typed, and what was wrong with it (empty when nothing).

    Words must all appear, the last one may be a prefix (results come as you type); `"a phrase"`,
    `prefix*`, `OR`, `NOT`, `AND` (upper case) and parentheses work as in SQLite FTS5, and `-word` is
    `NOT word`. Every word
    is quoted, so no character a user types is FTS syntax by accident; a dangling operator, an
    unclosed phrase or parenthesis is left out or closed (and named in the problems), so a search
    typed letter by letter is always a valid query."""
    problems: list[str] = []
    items: list[tuple[str, str]] = []  # (kind, FTS text): word (bare, may become a prefix), term, op, open, close
    for token in _SEARCH_TOKEN.findall(text):
        if token.startswith('"'):
            if len(token) == 1 or not token.endswith('"'):
                problems.append('a phrase is not closed (a " is missing)')
            words = re.findall(r"\w+", token)
            if words:
                items.append(("term", '"' + " ".join(words) + '"'))
        elif token in "()":
            items.append(("open" if token == "(" else "close", token))
        elif token in _OPERATORS:
            items.append(("op", token))
        elif token.startswith("-") and len(token) > 1 and re.search(r"\w", token):  # -word, as web searches have it
            items.append(("op", "NOT"))
            words = re.findall(r"\w+", token)
            items.append(("term", '"' + " ".join(words) + '"'))
        else:
            words = re.findall(r"\w+", token)
            star = token.endswith("*")
            items += [("word", f'"{w}"') for w in words[:-1]]
            if words:
                items.append(("term", f'"{words[-1]}"*') if star else ("word", f'"{words[-1]}"'))
    query: list[tuple[str, str]] = []
    depth = 0
    for kind, fts in items:
        if kind == "op" and (not query or query[-1][0] in ("op", "open")):
            problems.append(f"{fts} needs a word before it")
            continue
        if kind == "close":
            if depth == 0:
                problems.append("a ) has no ( before it")
                continue
            if query[-1][0] == "op":
                problems.append(f"{query.pop()[1]} needs a word after it")
            depth -= 1
            if query[-1][0] == "open":  # an empty group
                query.pop()
                continue
        depth += kind == "open"
        query.append((kind, fts))
    while query and query[-1][0] in ("op", "open"):
        kind, fts = query.pop()
        if kind == "op":
            problems.append(f"{fts} needs a word after it")
        else:
            depth -= 1
            problems.append("a ( is not closed")
    if depth:
        problems.append("a ( is not closed")
        query += [("close", ")")] * depth
    if not query:
        return None, problems
    if query[-1][0] == "word":
        query[-1] = ("term", query[-1][1] + "*")
    return " ".join(fts for _, fts in query), problems


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for what a user typed (see `parse_search`)."""
    return parse_search(text)[0]


def ends_in_short_prefix(text: str) -> bool:
    """Whether a search's last word is a prefix of one or two letters ('s', 'se'): it stands for a large
    part of the vocabulary, whose lists FTS5 merges in memory (40 MiB for 's' at 5M happenings)."""
    query = fts_query(text)
    return bool(query and re.search(r'"\w{1,2}"\*$', query))


def search_error(db: Database, text: str) -> str | None:
    """What is wrong with a search a user typed, in words, or None when it is a valid search."""
    query, problems = parse_search(text)
    if problems:
        return "; ".join(dict.fromkeys(problems))
    if query is None:
        return "there is no word to search for"
    try:
        db.execute("select 1 from events_fts where events_fts match ? limit 1", [query]).fetchall()
    except sqlite3.OperationalError as error:
        return str(error).removeprefix("fts5: ")
    return None


def period_clauses(alias: str, date_from: str | None, date_to: str | None) -> tuple[list[str], list[object]]:
    """Conditions on `alias`'s `period_end` and `sort_key` keeping what overlaps [date_from, date_to]."""
    clauses: list[str] = []
    params: list[object] = []
    if date_from:
        clauses.append(f"{alias}.period_end >= ?")
        params.append(date_from)
    if date_to:
        clauses.append(f"{alias}.sort_key <= ?")
        params.append(last_sort_key(date_to))
    return clauses, params


def last_sort_key(day: str) -> str:
    """A bound above every sort key of `day` (YYYY-MM-DD), any time of that day included."""
    return day + "T99"


def _where(db: Database, flt: EventFilter) -> tuple[str, list[object]]:
    clauses, params = period_clauses("e", flt.date_from, flt.date_to)
    for actor_id in flt.actor_ids:
        clauses.append("e.id in (select event_id from event_actors where actor_id = ?)")
        params.append(actor_id)
    if flt.search:
        query = fts_query(flt.search)
        if query:
            clauses.append("e.rowid in (select rowid from events_fts where events_fts match ?)")
            params.append(query)
    return (" and ".join(clauses) or "1"), params


@dataclass(frozen=True)
class _Source:
    """Where the events matching a filter are read, in timeline order: the FROM and WHERE of a
    query, and the two columns of the timeline order (sort key, event id), indexed there."""

    tables: str
    where: str
    params: list[object]
    sort_key: str
    event_id: str


def _source(db: Database, flt: EventFilter, columns: bool = False) -> _Source:
    """With actors, the first one's events lead: an index range of event_actors in timeline order,
    however many events the store holds; the other filters then test each of them. Without, the
    events table (walked in timeline order for a broad search, see `_events_source`). `columns`:
    the query reads the events' columns, so event_actors is joined to events even when no other
    filter needs it."""
    if flt.actor_ids:
        lead, *others = flt.actor_ids
        rest = replace(flt, actor_ids=tuple(others))
        where, params = _where(db, rest)
        tables = "event_actors ea join events e on e.id = ea.event_id" if columns or rest.active else "event_actors ea"
        return _Source(tables, f"ea.actor_id = ? and {where}", [lead, *params], "ea.sort_key", "ea.event_id")
    where, params = _where(db, flt)
    return _Source(_events_source(db, flt), where, params, "e.sort_key", "e.id")


def count_events(db: Database, flt: EventFilter = NO_FILTER) -> int:
    if not flt.active:  # kept up to date by triggers (migration m003)
        return db.execute("select n from event_total").fetchone()[0]
    query = fts_query(flt.search) if flt.search else None
    if query and not (flt.date_from or flt.date_to or flt.actor_ids):
        # Counting in the full-text index alone is ten times faster than joining to events.
        return db.execute("select count(*) from events_fts where events_fts match ?", [query]).fetchone()[0]
    if flt.actor_ids:  # the first actor's events lead, as in every other query
        src = _source(db, flt)
        return db.execute(f"select count(*) from {src.tables} where {src.where}", src.params).fetchone()[0]
    where, params = _where(db, flt)  # a count visits every match: no timeline order to choose a plan for
    return db.execute(f"select count(*) from events e where {where}", params).fetchone()[0]


_MATCH_COUNTS: dict[str, tuple[int, int]] = {}  # only steers the query plan: staleness is harmless


def _events_source(db: Database, flt: EventFilter) -> str:
    """`events e`, or `events e indexed by` the timeline order when a search matches so many
    events that walking the timeline in order finds a page sooner than sorting every match."""
    query = fts_query(flt.search) if flt.search else None
    if query and not flt.actor_ids:  # with an actor, its short event list leads: let SQLite choose
        key = query
        if key not in _MATCH_COUNTS:
            matches = db.execute("select count(*) from events_fts where events_fts match ?", [query]).fetchone()[0]
            total = db.execute("select max(rowid) from events").fetchone()[0] or 0
            _MATCH_COUNTS[key] = (matches, total)
            if len(_MATCH_COUNTS) > 256:
                _MATCH_COUNTS.pop(next(iter(_MATCH_COUNTS)))
        matches, total = _MATCH_COUNTS[key]
        if matches * 50 > total:
            return "events e indexed by idx_events_sort_key_id"
    return "events e"


def page_events(
    db: Database,
    flt: EventFilter = NO_FILTER,
    *,
    after: tuple[str, str] | None = None,
    before: tuple[str, str] | None = None,
    offset: int = 0,
    limit: int = 200,
) -> list[TimelineEvent]:
    """One page of the timeline in date order.

    Keyset pagination: `after=(sort_key, id)` gives the rows following that row,
    `before=` the rows preceding it (returned in date order). `offset` is for jumps
    to a position when no neighbouring row is known."""
    src = _source(db, flt, columns=True)
    where, params = src.where, list(src.params)
    order = "asc"
    if after:
        where += f" and ({src.sort_key}, {src.event_id}) > (?, ?)"
        params += list(after)
    if before:
        where += f" and ({src.sort_key}, {src.event_id}) < (?, ?)"
        params += list(before)
        order = "desc"
    sql = (
        f"select {_EVENT_COLUMNS} from {src.tables} join articles a on a.id = e.article_id "
        f"where {where} order by {src.sort_key} {order}, {src.event_id} {order} limit ? offset ?"
    )
    rows = list(db.query(sql, [*params, limit, offset]))
    if before:
        rows.reverse()
    return _events_from_rows(db, rows)


def iter_events(db: Database, flt: EventFilter = NO_FILTER, limit: int | None = None) -> Iterator[TimelineEvent]:
    """Every event matching `flt` in date order, a page at a time."""
    after = None
    produced = 0
    while True:
        page = page_events(db, flt, after=after, limit=500)
        for event in page:
            yield event
            produced += 1
            if limit is not None and produced >= limit:
                return
        if len(page) < 500:
            return
        after = (page[-1].sort_key, page[-1].id)


def events_by_ids(db: Database, ids: Sequence[str]) -> list[TimelineEvent]:
    """The events with these ids, in date order (for exporting a selection)."""
    rows: list[dict] = []
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start : chunk_start + 500])
        marks = ",".join("?" * len(chunk))
        rows += db.query(
            f"select {_EVENT_COLUMNS} from events e join articles a on a.id = e.article_id where e.id in ({marks})",
            chunk,
        )
    rows.sort(key=lambda r: (r["sort_key"], r["id"]))
    return _events_from_rows(db, rows)


def _events_from_rows(db: Database, rows: list[dict]) -> list[TimelineEvent]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ",".join("?" * len(ids))
    names: dict[str, list[str]] = {}
    for row in db.query(
        f"select ea.event_id, ac.name from event_actors ea join actors ac on ac.id = ea.actor_id "
        f"where ea.event_id in ({marks}) order by ac.mention_count desc",
        ids,
    ):
        names.setdefault(row["event_id"], []).append(row["name"])
    quotes: dict[str, list[QuoteRecord]] = {}
    for quote in _quotes(db, f"q.event_id in ({marks})", ids):
        quotes.setdefault(quote.event_id or "", []).append(quote)
    return [
        TimelineEvent(
            id=r["id"],
            date=r["date_value"],
            granularity=r["granularity"],
            date_source=r["date_source"],
            date_text=r["date_text"],
            sort_key=r["sort_key"],
            text=r["text"],
            article=_article_ref(r),
            paragraph=r["paragraph"],
            start=r["start"],
            end=r["end"],
            period_end=r["period_end"],
            actors=tuple(dict.fromkeys(names.get(r["id"], []))),
            quotes=tuple(quotes.get(r["id"], [])),
        )
        for r in rows
    ]


def _article_ref(row: dict) -> ArticleRef:
    return ArticleRef(row["article_id"], row["title"], row["outlet"], row["published"], row["url"], row["author"])


def _quotes(
    db: Database, where: str, params: Sequence[object], order: str = "q.sort_key, q.id", limit: int = -1
) -> list[QuoteRecord]:
    sql = (
        "select q.id, coalesce(ac.name, q.speaker_name) as speaker_name, q.speaker_id, q.text, q.paragraph, "
        "q.event_id, q.sort_key, q.start, q.end_paragraph, q.end, q.speaker_kind, q.via, "
        "a.id as article_id, a.title, a.outlet, a.published, a.url, a.author "
        "from quotes q join articles a on a.id = q.article_id left join actors ac on ac.id = q.speaker_id "
        f"where {where} order by {order} limit ?"
    )
    return [
        QuoteRecord(
            r["id"],
            r["speaker_name"],
            r["speaker_id"],
            r["text"],
            _article_ref(r),
            r["paragraph"],
            r["event_id"],
            r["sort_key"],
            r["start"],
            r["end_paragraph"],
            r["end"],
            r["speaker_kind"],
            r["via"],
        )
        for r in db.query(sql, [*params, limit])
    ]


def quotes_where(
    db: Database, where: str, params: Sequence[object], order: str = "q.sort_key, q.id", limit: int = -1
) -> list[QuoteRecord]:
    """Quotes matching a condition on `q` (quotes) and `a` (their articles)."""
    return _quotes(db, where, params, order, limit)


def count_quotes_of(db: Database, speaker_id: str) -> int:
    return db.execute("select count(*) from quotes where speaker_id = ?", [speaker_id]).fetchone()[0]


def list_quotes(
    db: Database,
    flt: EventFilter = NO_FILTER,
    speaker_ids: Sequence[str] = (),
    limit: int = -1,
    latest: bool = False,
) -> list[QuoteRecord]:
    """Quotes in date order: those of events matching `flt` and, when `speaker_ids` are given, spoken by
    one of those actors. With `latest`, the last `limit` of them (still in date order)."""
    clauses, params = [], []
    if speaker_ids:
        clauses.append(f"q.speaker_id in ({', '.join('?' * len(speaker_ids))})")
        params += list(speaker_ids)
    if flt.active:
        where, filter_params = _where(db, flt)
        clauses.append(f"q.event_id in (select e.id from events e where {where})")
        params += filter_params
    if latest:
        found = _quotes(db, " and ".join(clauses) or "1", params, order="q.sort_key desc, q.id desc", limit=limit)
        return found[::-1]
    return _quotes(db, " and ".join(clauses) or "1", params, limit=limit)


def list_actors(
    db: Database, order: str = "count", kind: str | None = None, search: str | None = None, limit: int = -1
) -> list[ActorSummary]:
    """Actors with their mention counts, most mentioned first (or by name)."""
    clauses, params = [], []
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if search:
        clauses.append("(name like ? or aliases like ?)")
        params += [f"%{search}%", f"%{search}%"]
    order_by = "name collate nocase" if order == "name" else "mention_count desc, name collate nocase"
    sql = f"select * from actors where {' and '.join(clauses) or '1'} order by {order_by} limit ?"
    return [_actor(r) for r in db.query(sql, [*params, limit])]


def _actor(row: dict) -> ActorSummary:
    return ActorSummary(
        row["id"], row["name"], row["kind"], tuple(json.loads(row["titles"] or "[]")),
        tuple(json.loads(row["aliases"] or "[]")), row["mention_count"],
    )  # fmt: skip


def resolve_actor(db: Database, name: str) -> ActorSummary | None:
    """The actor called `name` (its canonical name or any alias, any case); the most mentioned wins."""
    wanted = name.strip().lower()
    for row in db.query(
        "select * from actors where lower(name) = ? or lower(aliases) like ? order by mention_count desc",
        [wanted, f'%"{_like_escape(wanted)}"%'],
    ):
        actor = _actor(row)
        if actor.name.lower() == wanted or wanted in (a.lower() for a in actor.aliases):
            return actor
    # Then a surname ("Lavrov"), then the surname of an alias ("Zelenskyy" of "Volodymyr Zelenskyy"), then
    # any part of a name ("Foreign Ministry").
    by_surname = _most_mentioned(db, "lower(surname) = ?", wanted)
    if by_surname:
        return by_surname
    for row in db.query(
        "select * from actors where lower(aliases) like ? order by mention_count desc", [f'%{_like_escape(wanted)}"%']
    ):
        actor = _actor(row)
        if any(alias.lower().split()[-1:] == [wanted] for alias in actor.aliases):
            return actor
    return _most_mentioned(db, "name like ?", f"%{_like_escape(wanted)}%")


def _most_mentioned(db: Database, where: str, param: str) -> ActorSummary | None:
    row = next(db.query(f"select * from actors where {where} order by mention_count desc limit 1", [param]), None)
    return _actor(row) if row else None


def _like_escape(text: str) -> str:
    return text.replace("%", "").replace("_", "")


def source_article(db: Database, article_id: str) -> SourceArticle:
    """An article's paragraphs with every event, actor, quote and date span marked."""
    row = next(
        db.query(
            "select id as article_id, title, outlet, published, url, author from articles where id = ?", [article_id]
        )
    )
    paragraphs = tuple(
        r["text"] for r in db.query("select text from paragraphs where article_id = ? order by idx", [article_id])
    )
    spans: list[Span] = []
    for r in db.query("select paragraph, start, end from mentions where article_id = ?", [article_id]):
        spans.append(Span(r["paragraph"], r["start"], r["end"], "actor"))
    for r in db.query("select paragraph, start, end from date_mentions where article_id = ?", [article_id]):
        spans.append(Span(r["paragraph"], r["start"], r["end"], "date"))
    for r in db.query("select paragraph, start, end_paragraph, end from quotes where article_id = ?", [article_id]):
        for paragraph in range(r["paragraph"], r["end_paragraph"] + 1):
            start = r["start"] if paragraph == r["paragraph"] else 0
            end = r["end"] if paragraph == r["end_paragraph"] else len(paragraphs[paragraph])
            spans.append(Span(paragraph, start, end, "quote"))
    return SourceArticle(_article_ref(row), paragraphs, tuple(spans))


def newest_event_day(db: Database) -> str | None:
    row = db.execute("select max(sort_key) from events").fetchone()
    return row[0][:10] if row and row[0] else None


def page_events_from_end(db: Database, flt: EventFilter, offset_from_end: int, limit: int) -> list[TimelineEvent]:
    """Rows counted back from the end of the timeline (for jumps near the end: `G`)."""
    src = _source(db, flt, columns=True)
    sql = (
        f"select {_EVENT_COLUMNS} from {src.tables} join articles a on a.id = e.article_id "
        f"where {src.where} order by {src.sort_key} desc, {src.event_id} desc limit ? offset ?"
    )
    rows = list(db.query(sql, [*src.params, limit, max(0, offset_from_end)]))
    rows.reverse()
    return _events_from_rows(db, rows)


def position_of(db: Database, flt: EventFilter, sort_key: str, event_id: str = "") -> int:
    """How many events matching `flt` come before (sort_key, event_id): the row index of that key."""
    src = _source(db, flt)
    sql = f"select count(*) from {src.tables} where {src.where} and ({src.sort_key}, {src.event_id}) < (?, ?)"
    return db.execute(sql, [*src.params, sort_key, event_id]).fetchone()[0]


def count_between(db: Database, flt: EventFilter, low: tuple[str, str], high: tuple[str, str]) -> int:
    """How many events matching `flt` lie in [low, high) in timeline order: moving the cursor a
    short way costs a short index walk, not a count from the start."""
    src = _source(db, flt)
    key = f"({src.sort_key}, {src.event_id})"
    sql = f"select count(*) from {src.tables} where {src.where} and {key} >= (?, ?) and {key} < (?, ?)"
    return db.execute(sql, [*src.params, *low, *high]).fetchone()[0]


def neighbour_period(db: Database, flt: EventFilter, sort_key: str, forward: bool, length: int = 10) -> str | None:
    """The first sort key of the next (or previous) day - or month, with `length=7` - holding an event."""
    src = _source(db, flt)
    period = sort_key[:length]
    # `order by ... limit 1` rather than min()/max(): SQLite then walks the timeline index from the
    # period and stops at the first match, instead of gathering every match of a search first.
    key = src.sort_key
    if forward:
        sql = f"select {key} from {src.tables} where {src.where} and {key} >= ? order by {key} limit 1"
        row = db.execute(sql, [*src.params, period + "\uffff"]).fetchone()
        return row[0] if row else None
    sql = f"select {key} from {src.tables} where {src.where} and {key} < ? order by {key} desc limit 1"
    row = db.execute(sql, [*src.params, period]).fetchone()
    return row[0][:length] if row else None


def event_ids(db: Database, flt: EventFilter, limit: int) -> list[str]:
    """Ids of the events matching `flt`, in date order, at most `limit`."""
    src = _source(db, flt)
    sql = f"select {src.event_id} from {src.tables} where {src.where} order by {src.sort_key}, {src.event_id} limit ?"
    return [row[0] for row in db.execute(sql, [*src.params, limit])]


def list_outlets(db: Database) -> list[tuple[str, int]]:
    """Every outlet with how many articles the store holds from it, most first (the outlet filter)."""
    rows = db.execute(
        "select outlet, count(*) from articles where outlet is not null and outlet != ''"
        " group by outlet order by count(*) desc, outlet"
    ).fetchall()
    return [(outlet, count) for outlet, count in rows]
