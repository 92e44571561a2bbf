"""Keep happenings as articles arrive: an article's accounts join the happenings they match.

The test of whether two accounts tell of one occurrence is `extract.happenings.same_happening`, a
function of the two alone, so the happenings are the connected components of a fixed graph and do
not depend on the order articles arrive in. Each new account is compared with the stored accounts a
day either side of it (an indexed range), skipping the rest of a happening once one of its accounts
matched; the happenings it touches are joined and named after their smallest account id.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

from sqlite_utils.db import Database

from extract.happenings import (
    HeadlineCandidate,
    Segment,
    components,
    consensus_date,
    happening_id,
    headline_rank,
    same_happening,
)
from extract.model import TimexValue


def record_segments(
    db: Database, segments: Sequence[Segment], reports: Mapping[str, HeadlineCandidate], outlet: str | None
) -> set[str]:
    """Store one article's accounts and join them into happenings. Runs inside the article's
    transaction; `reports` are the article's reports by event id, `outlet` its outlet. Returns the ids
    of the happenings it created or changed."""
    if not segments:
        return set()
    new_ids = {s.id for s in segments}
    pairs: list[tuple[str, str]] = []
    nodes: list[Segment] = list(segments)
    linked: dict[str, set[str]] = {s.id: set() for s in segments}  # new account -> happenings it joins
    for segment in segments:
        for other in segments:
            if other.id < segment.id and same_happening(segment, other):
                pairs.append((segment.id, other.id))
        for row in _candidates(db, segment):
            if row["id"] in new_ids or row["happening_id"] in linked[segment.id]:
                continue
            if same_happening(segment, _segment(row)):
                linked[segment.id].add(row["happening_id"])
    # Each touched happening stands in the graph as one node, named by its id.
    touched = sorted({h for hs in linked.values() for h in hs})
    for hid in touched:
        nodes.append(Segment(f"~{hid}", "", segments[0].date, (), {}, frozenset(), False))
    for sid, hids in linked.items():
        pairs.extend((sid, f"~{hid}") for hid in hids)
    segment_rows, happening_rows, changed = [], [], set()
    for group in components(nodes, pairs):
        old = [s.id[1:] for s in group if s.id.startswith("~")]
        members = [s for s in group if not s.id.startswith("~")]
        hid = happening_id([s.id for s in members] + [_first_segment(db, h) for h in old])
        segment_rows.extend(_segment_row(s, hid) for s in members)
        for previous in old:
            if previous != hid:
                db.execute("update segments set happening_id = ? where happening_id = ?", [hid, previous])
                db.execute("delete from happenings where id = ?", [previous])
        if not old:  # a happening of this article alone: built from what is in hand
            accounts = [(s.date.value, s.article_id, s.planned, outlet) for s in members]
            happening_rows.append(_happening_row(hid, accounts, [reports[e] for s in members for e in s.event_ids]))
        changed.add(hid)
    db["segments"].insert_all(segment_rows, replace=True)
    db["happenings"].insert_all(happening_rows, replace=True)
    for hid in changed:
        if not any(row["id"] == hid for row in happening_rows):
            refresh_happening(db, hid)
    return changed


def _candidates(db: Database, segment: Segment) -> list[dict]:
    days = _nearby_days(segment)
    marks = ",".join("?" * len(days))
    cursor = db.execute(
        f"select id, article_id, happening_id, date_value, terms, actors, planned from segments where day in ({marks})"
        " order by happening_id, id",
        days,
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _nearby_days(segment: Segment) -> list[str]:
    if segment.date.day is None:
        return [segment.date.sort_key[:10]]
    day = segment.date.first_day
    return [(day + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)]


def _segment(row: dict) -> Segment:
    return Segment(
        row["id"], row["article_id"], TimexValue.parse(row["date_value"]), (), json.loads(row["terms"]),
        frozenset(json.loads(row["actors"])), bool(row["planned"]),
    )  # fmt: skip


def _segment_row(s: Segment, hid: str) -> dict[str, object]:
    return {
        "id": s.id,
        "article_id": s.article_id,
        "happening_id": hid,
        "day": s.date.sort_key[:10],
        "date_value": s.date.value,
        "sort_key": s.date.sort_key,
        "planned": int(s.planned),
        "terms": json.dumps(s.terms, sort_keys=True),
        "actors": json.dumps(sorted(s.actors)),
    }


def _first_segment(db: Database, hid: str) -> str:
    return db.execute("select min(id) from segments where happening_id = ?", [hid]).fetchone()[0]


def refresh_happening(db: Database, hid: str) -> None:
    """Recompute a happening's row from its accounts and their reports."""
    accounts = db.execute(
        "select s.date_value, s.article_id, s.planned, a.outlet from segments s join articles a on a.id = s.article_id"
        " where s.happening_id = ?",
        [hid],
    ).fetchall()
    if not accounts:
        db.execute("delete from happenings where id = ?", [hid])
        return
    reports = [
        HeadlineCandidate(*row)
        for row in db.execute(
            "select e.id, e.text, e.date_source, (select count(*) from event_actors ea where ea.event_id = e.id),"
            " a.published from events e join segments s on s.id = e.segment_id join articles a on a.id = e.article_id"
            " where s.happening_id = ?",
            [hid],
        ).fetchall()
    ]
    db["happenings"].insert(_happening_row(hid, accounts, reports), replace=True)


def _happening_row(
    hid: str, accounts: Sequence[tuple[str, str, int | bool, str | None]], reports: Sequence[HeadlineCandidate]
) -> dict[str, object]:
    """A happening's row from its accounts (date value, article id, planned, outlet) and reports."""
    best, conflicts = consensus_date((value, article_id) for value, article_id, _, _ in accounts)
    outlet_of = {article_id: outlet or article_id for _, article_id, _, outlet in accounts}
    value = TimexValue.parse(best)
    headline = min(reports, key=headline_rank)
    return {
        "id": hid,
        "date_value": value.value,
        "granularity": value.granularity,
        "sort_key": value.sort_key,
        "period_end": value.last_day.isoformat() if value.last_day else value.sort_key[:10],
        "planned": int(all(p for _, _, p, _ in accounts)),
        "date_conflicts": json.dumps(
            [{"date": d, "outlets": sorted({outlet_of[a] for a in articles})} for d, articles in conflicts]
        ),
        "headline": headline.text,
        "headline_event_id": headline.event_id,
        "source_count": len({article_id for _, article_id, _, _ in accounts}),
        "report_count": len(reports),
    }
