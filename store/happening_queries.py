"""Read happenings: listed in timeline order, each with its reports, actors and sources."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlite_utils.db import Database

from dateline.extract.copies import is_copy
from dateline.store.queries import fts_query, period_clauses, quotes_where
from dateline.store.records import ArticleRef, Happening, HappeningFilter, HappeningReport, QuoteRecord

_PAGE = 200
ALL = HappeningFilter()


def _where(flt: HappeningFilter, walk: bool = False) -> tuple[str, list[object]]:
    """Each condition picks happening ids from an index (an actor's events, a search's matches, an
    outlet's articles), so SQLite reads the few that match instead of testing every happening.

    With `walk`, a search is instead tested on each happening read, in the order they are read: its
    events are looked up among the search's matching events, `temp.search_matches` (read from the
    full-text index once, see `fill_search_matches`), so a page of matches costs the happenings walked
    to find them, not a lookup of each match's account and happening (see `TimelineReader.rows_after`)."""
    clauses, params = period_clauses("h", flt.date_from, flt.date_to)
    for actor_id in flt.actor_ids:
        clauses.append(
            "h.id in (select s.happening_id from event_actors ea join events e on e.id = ea.event_id"
            " join segments s on s.id = e.segment_id where ea.actor_id = ?)"
        )
        params.append(actor_id)
    for outlets, negation in ((flt.outlets, ""), (flt.not_outlets, "not ")):
        if outlets:
            marks = ",".join("?" * len(outlets))
            clauses.append(
                f"h.id {negation}in (select s.happening_id from articles a join segments s on s.article_id = a.id"
                f" where lower(a.outlet) in ({marks}) and s.happening_id is not null)"
            )
            params.extend(o.lower() for o in outlets)
    if flt.search and (query := fts_query(flt.search)):
        # `event_happenings` gives each matching event's happening by the event's rowid (the full-text
        # index's), and a happening's events by its id: no lookup of an event's account.
        if walk:
            clauses.append(
                "exists (select 1 from event_happenings eh join temp.search_matches m on m.rowid = eh.rowid"
                " where eh.happening_id = h.id)"
            )
            return (" and ".join(clauses) or "1"), params  # the search's words: `fill_search_matches`
        clauses.append(
            "h.id in (select eh.happening_id from events_fts f join event_happenings eh on eh.rowid = f.rowid"
            " where events_fts match ?)"
        )
        params.append(query)
    return (" and ".join(clauses) or "1"), params


_HAPPENING_COLUMNS = (
    "h.id, h.date_value, h.granularity, h.sort_key, h.planned, h.date_conflicts, h.headline, h.headline_event_id,"
    " h.period_end"
)


def iter_happenings(db: Database, flt: HappeningFilter = ALL, limit: int | None = None) -> Iterator[Happening]:
    """Happenings in timeline order, read page by page (keyset pagination)."""
    where, params = _where(flt)
    after: tuple[str, str] = ("", "")
    remaining = limit
    while remaining is None or remaining > 0:
        size = _PAGE if remaining is None else min(_PAGE, remaining)
        rows = db.execute(
            f"select {_HAPPENING_COLUMNS} from happenings h where {where} and (h.sort_key, h.id) > (?, ?)"
            " order by h.sort_key, h.id limit ?",
            [*params, *after, size],
        ).fetchall()
        if not rows:
            return
        for row in rows:
            yield _happening(db, row)
        after = (rows[-1][3], rows[-1][0])
        if remaining is not None:
            remaining -= len(rows)


def happening_by_id(db: Database, happening_id: str) -> Happening | None:
    """One happening with its reports, actors, quotes and sources; None when there is none by that id."""
    row = db.execute(f"select {_HAPPENING_COLUMNS} from happenings h where h.id = ?", [happening_id]).fetchone()
    return _happening(db, row) if row else None


def happening_ids(db: Database, flt: HappeningFilter, limit: int) -> list[str]:
    """Ids of the happenings `flt` keeps, in timeline order, at most `limit`."""
    where, params = _where(flt)
    sql = f"select h.id from happenings h where {where} order by h.sort_key, h.id limit ?"
    return [hid for (hid,) in db.execute(sql, [*params, limit]).fetchall()]


def fill_search_matches(db: Database, flt: HappeningFilter) -> None:
    """Put the rowids of the events `flt`'s search matches in the connection's own `temp.search_matches`,
    what a `walk` condition (`happening_where(flt, walk=True)`) reads: read from the full-text index once
    (a prefix search's words merged once), then looked up by rowid by every statement that walks."""
    db.execute("create temp table if not exists search_matches (rowid integer primary key)")
    db.execute("delete from temp.search_matches")
    if flt.search and (query := fts_query(flt.search)):
        db.execute(
            "insert into temp.search_matches (rowid) select rowid from events_fts where events_fts match ?"
            " order by rowid",
            [query],
        )
    db.conn.commit()  # the temporary table's transaction: the store is read as it changes, not a snapshot


def happening_where(flt: HappeningFilter, walk: bool = False) -> tuple[str, list[object]]:
    """The condition on `h` (happenings) keeping what `flt` keeps, and its parameters (`walk`: see `_where`)."""
    return _where(flt, walk)


def _happening(db: Database, row: tuple) -> Happening:
    hid, date_value, granularity, sort_key, planned, conflicts, headline, headline_event_id, period_end = row
    reports = tuple(
        HappeningReport(r[0], ArticleRef(r[5], r[6], r[7], r[8], r[9], r[10]), r[1], r[2], r[3], r[4])
        for r in db.execute(
            "select e.id, e.paragraph, e.text, e.date_value, e.date_source,"
            " a.id, a.title, a.outlet, a.published, a.url, a.author"
            " from segments s join events e on e.segment_id = s.id join articles a on a.id = s.article_id"
            " where s.happening_id = ? order by a.published, a.id, e.id",
            [hid],
        ).fetchall()
    )
    actors = tuple(
        name
        for (name,) in db.execute(
            "select ac.name from segments s join events e on e.segment_id = s.id"
            " join event_actors ea on ea.event_id = e.id join actors ac on ac.id = ea.actor_id"
            " where s.happening_id = ? group by ac.id order by count(*) desc, ac.name",
            [hid],
        ).fetchall()
    )
    quotes = quotes_where(
        db, "q.event_id in (select e.id from events e join segments s on s.id = e.segment_id where s.happening_id = ?)",
        [hid], order="a.published, a.id, q.paragraph, q.start",
    )  # fmt: skip
    return Happening(
        hid, date_value, granularity, sort_key, bool(planned),
        tuple((c["date"], tuple(c["outlets"])) for c in json.loads(conflicts or "[]")),
        headline, actors, reports, tuple(quotes), _wire_copies(db, [r.article.id for r in reports]),
        headline_event_id, period_end,
    )  # fmt: skip


_MOST_SOURCES_COMPARED = 50


def _wire_copies(db: Database, article_ids: list[str]) -> tuple[tuple[str, str], ...]:
    """Which sources are wire copies of an earlier one (in publication order; the first
    `_MOST_SOURCES_COMPARED` sources are compared, pairwise)."""
    unique = list(dict.fromkeys(article_ids))[:_MOST_SOURCES_COMPARED]
    if len(unique) < 2:
        return ()
    marks = ",".join("?" * len(unique))
    rows = db.execute(
        f"select id, sketch from articles where id in ({marks}) order by published, id", unique
    ).fetchall()
    originals: list[tuple[str, tuple[int, ...]]] = []
    copies = []
    for article_id, packed in rows:
        sketch = tuple(json.loads(packed or "[]"))
        original = next((o for o, s in originals if is_copy(sketch, s)), None)
        if original is None:
            originals.append((article_id, sketch))
        else:
            copies.append((article_id, original))
    return tuple(copies)


def speaker_quotes(db: Database, flt: HappeningFilter, speaker_id: str, limit: int) -> tuple[list[QuoteRecord], int]:
    """A speaker's latest `limit` quotes (in date order) in the happenings `flt` keeps (every condition:
    dates, actors, outlets, search), said in reports dated within its dates too (a happening can gather
    a later article's account), and how many such quotes there are."""
    where, params = _where(flt)
    dated, dated_params = period_clauses("e", flt.date_from, flt.date_to)
    clause = (
        "q.speaker_id = ? and q.event_id in (select e.id from events e join segments s on s.id = e.segment_id"
        f" join happenings h on h.id = s.happening_id where {' and '.join([where, *dated])})"
    )
    params = [speaker_id, *params, *dated_params]
    found = quotes_where(db, clause, params, order="q.sort_key desc, q.id desc", limit=limit)
    total = len(found)
    if total == limit:
        total = db.execute(f"select count(*) from quotes q where {clause}", params).fetchone()[0]
    return found[::-1], total
