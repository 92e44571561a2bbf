"""Read the store: the timeline (keyset-paginated), actors, quotes and source articles.

Every query uses bound parameters; rows become `store.records` dataclasses here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence

from sqlite_utils.db import Database

from store.records import (
    ActorSummary,
    ArticleRef,
    EventFilter,
    QuoteRecord,
    SourceArticle,
    Span,
    TimelineEvent,
)

NO_FILTER = EventFilter()

_EVENT_COLUMNS = """
    e.id, e.date_value, e.granularity, e.date_source, e.date_text, e.sort_key, e.text, e.paragraph,
    e.start, e.end, a.id as article_id, a.title, a.outlet, a.published, a.url
"""


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for what a user typed: every word must appear; the last may be a prefix."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _where(db: Database, flt: EventFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if flt.date_from:
        clauses.append("e.period_end >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("e.sort_key <= ?")
        params.append(flt.date_to + "T99")
    for actor_id in flt.actor_ids:
        clauses.append("e.id in (select event_id from event_actors where actor_id = ?)")
        params.append(actor_id)
    if flt.search:
        query = fts_query(flt.search)
        if query:
            clauses.append("e.rowid in (select rowid from events_fts where events_fts match ?)")
            params.append(query)
    return (" and ".join(clauses) or "1"), params


def _single_actor(db: Database, flt: EventFilter) -> str | None:
    """The actor id when the filter is exactly one actor: its timeline is an index range."""
    if flt.search or flt.date_from or flt.date_to or len(flt.actor_ids) != 1:
        return None
    return flt.actor_ids[0]


def count_events(db: Database, flt: EventFilter = NO_FILTER) -> int:
    if not flt.active:  # kept up to date by triggers (migration m003)
        return db.execute("select n from event_total").fetchone()[0]
    if (actor_id := _single_actor(db, flt)) is not None:
        return db.execute("select count(*) from event_actors where actor_id = ?", [actor_id]).fetchone()[0]
    query = fts_query(flt.search) if flt.search else None
    if query and not (flt.date_from or flt.date_to or flt.actor_ids):
        # Counting in the full-text index alone is ten times faster than joining to events.
        return db.execute("select count(*) from events_fts where events_fts match ?", [query]).fetchone()[0]
    where, params = _where(db, flt)
    return db.execute(f"select count(*) from events e where {where}", params).fetchone()[0]


_MATCH_COUNTS: dict[str, tuple[int, int]] = {}  # only steers the query plan: staleness is harmless


def _events_source(db: Database, flt: EventFilter) -> str:
    """`events e`, or `events e indexed by` the timeline order when a search matches so many
    events that walking the timeline in order finds a page sooner than sorting every match."""
    query = fts_query(flt.search) if flt.search else None
    if query:
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
    if (actor_id := _single_actor(db, flt)) is not None:
        return _page_of_actor(db, actor_id, after, before, offset, limit)
    where, params = _where(db, flt)
    order = "asc"
    if after:
        where += " and (e.sort_key, e.id) > (?, ?)"
        params += list(after)
    if before:
        where += " and (e.sort_key, e.id) < (?, ?)"
        params += list(before)
        order = "desc"
    sql = (
        f"select {_EVENT_COLUMNS} from {_events_source(db, flt)} join articles a on a.id = e.article_id "
        f"where {where} order by e.sort_key {order}, e.id {order} limit ? offset ?"
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
            actors=tuple(dict.fromkeys(names.get(r["id"], []))),
            quotes=tuple(quotes.get(r["id"], [])),
        )
        for r in rows
    ]


def _article_ref(row: dict) -> ArticleRef:
    return ArticleRef(row["article_id"], row["title"], row["outlet"], row["published"], row["url"])


def _quotes(
    db: Database, where: str, params: Sequence[object], order: str = "q.sort_key, q.id", limit: int = -1
) -> list[QuoteRecord]:
    sql = (
        "select q.id, coalesce(ac.name, q.speaker_name) as speaker_name, q.speaker_id, q.text, q.paragraph, "
        "q.event_id, q.sort_key, q.start, q.end_paragraph, q.end, "
        "a.id as article_id, a.title, a.outlet, a.published, a.url "
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
        )
        for r in db.query(sql, [*params, limit])
    ]


def count_quotes_of(db: Database, speaker_id: str) -> int:
    return db.execute("select count(*) from quotes where speaker_id = ?", [speaker_id]).fetchone()[0]


def list_quotes(
    db: Database, flt: EventFilter = NO_FILTER, speaker_id: str | None = None, limit: int = -1, latest: bool = False
) -> list[QuoteRecord]:
    """Quotes in date order: those of events matching `flt`, or of one speaker. With `latest`, the
    last `limit` of them (still in date order)."""
    clauses, params = [], []
    if speaker_id:
        clauses.append("q.speaker_id = ?")
        params.append(speaker_id)
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
    # Then a surname ("Lavrov"), then any part of a name ("Foreign Ministry").
    for sql, param in (
        ("select * from actors where lower(surname) = ? order by mention_count desc limit 1", wanted),
        ("select * from actors where name like ? order by mention_count desc limit 1", f"%{_like_escape(wanted)}%"),
    ):
        row = next(db.query(sql, [param]), None)
        if row:
            return _actor(row)
    return None


def _like_escape(text: str) -> str:
    return text.replace("%", "").replace("_", "")


def source_article(db: Database, article_id: str) -> SourceArticle:
    """An article's paragraphs with every event, actor, quote and date span marked."""
    row = next(
        db.query("select id as article_id, title, outlet, published, url from articles where id = ?", [article_id])
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


def _page_of_actor(
    db: Database,
    actor_id: str,
    after: tuple[str, str] | None,
    before: tuple[str, str] | None,
    offset: int,
    limit: int,
    from_end: bool = False,
) -> list[TimelineEvent]:
    """A page of one actor's timeline, walking the (actor_id, sort_key, event_id) index."""
    clauses, params = ["ea.actor_id = ?"], [actor_id]
    if after:
        clauses.append("(ea.sort_key, ea.event_id) > (?, ?)")
        params += list(after)
    if before:
        clauses.append("(ea.sort_key, ea.event_id) < (?, ?)")
        params += list(before)
    order = "desc" if before or from_end else "asc"
    sql = (
        f"select {_EVENT_COLUMNS} from event_actors ea join events e on e.id = ea.event_id "
        f"join articles a on a.id = e.article_id where {' and '.join(clauses)} "
        f"order by ea.sort_key {order}, ea.event_id {order} limit ? offset ?"
    )
    rows = list(db.query(sql, [*params, limit, offset]))
    if order == "desc":
        rows.reverse()
    return _events_from_rows(db, rows)


def page_events_from_end(db: Database, flt: EventFilter, offset_from_end: int, limit: int) -> list[TimelineEvent]:
    """Rows counted back from the end of the timeline (for jumps near the end: `G`)."""
    if (actor_id := _single_actor(db, flt)) is not None:
        return _page_of_actor(db, actor_id, None, None, max(0, offset_from_end), limit, from_end=True)
    where, params = _where(db, flt)
    sql = (
        f"select {_EVENT_COLUMNS} from {_events_source(db, flt)} join articles a on a.id = e.article_id "
        f"where {where} order by e.sort_key desc, e.id desc limit ? offset ?"
    )
    rows = list(db.query(sql, [*params, limit, max(0, offset_from_end)]))
    rows.reverse()
    return _events_from_rows(db, rows)


def position_of(db: Database, flt: EventFilter, sort_key: str, event_id: str = "") -> int:
    """How many events matching `flt` come before (sort_key, event_id): the row index of that key."""
    if (actor_id := _single_actor(db, flt)) is not None:
        sql = "select count(*) from event_actors where actor_id = ? and (sort_key, event_id) < (?, ?)"
        return db.execute(sql, [actor_id, sort_key, event_id]).fetchone()[0]
    where, params = _where(db, flt)
    sql = f"select count(*) from {_events_source(db, flt)} where {where} and (e.sort_key, e.id) < (?, ?)"
    return db.execute(sql, [*params, sort_key, event_id]).fetchone()[0]


def count_between(db: Database, flt: EventFilter, low: tuple[str, str], high: tuple[str, str]) -> int:
    """How many events matching `flt` lie in [low, high) in timeline order: moving the cursor a
    short way costs a short index walk, not a count from the start."""
    if (actor_id := _single_actor(db, flt)) is not None:
        sql = (
            "select count(*) from event_actors where actor_id = ? "
            "and (sort_key, event_id) >= (?, ?) and (sort_key, event_id) < (?, ?)"
        )
        return db.execute(sql, [actor_id, *low, *high]).fetchone()[0]
    where, params = _where(db, flt)
    sql = (
        f"select count(*) from {_events_source(db, flt)} where {where} "
        "and (e.sort_key, e.id) >= (?, ?) and (e.sort_key, e.id) < (?, ?)"
    )
    return db.execute(sql, [*params, *low, *high]).fetchone()[0]


def neighbour_period(db: Database, flt: EventFilter, sort_key: str, forward: bool, length: int = 10) -> str | None:
    """The first sort key of the next (or previous) day - or month, with `length=7` - holding an event."""
    if (actor_id := _single_actor(db, flt)) is not None:  # the actor's index, not a walk of all events
        where, params, table = "actor_id = ?", [actor_id], "event_actors e"
    else:
        where, params = _where(db, flt)
        table = _events_source(db, flt)  # a broad search walks the timeline in order, like a page
    period = sort_key[:length]
    # `order by ... limit 1` rather than min()/max(): SQLite then walks the sort_key index from the
    # period and stops at the first match, instead of gathering every match of a search first.
    if forward:
        sql = f"select e.sort_key from {table} where {where} and e.sort_key >= ? order by e.sort_key limit 1"
        row = db.execute(sql, [*params, period + "\uffff"]).fetchone()
        return row[0] if row else None
    sql = f"select e.sort_key from {table} where {where} and e.sort_key < ? order by e.sort_key desc limit 1"
    row = db.execute(sql, [*params, period]).fetchone()
    return row[0][:length] if row else None


def event_ids(db: Database, flt: EventFilter, limit: int) -> list[str]:
    """Ids of the events matching `flt`, in date order, at most `limit`."""
    where, params = _where(db, flt)
    sql = f"select e.id from {_events_source(db, flt)} where {where} order by e.sort_key, e.id limit ?"
    return [row[0] for row in db.execute(sql, [*params, limit])]
