"""Store queries: filtered timelines read through their fast plans (an actor's index range, the
timeline index for broad searches) agree with the whole timeline filtered here, in Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic_store import build
from dateline.store import queries
from dateline.store.records import EventFilter, TimelineEvent
from dateline.store.schema import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = Path(tmp_path_factory.mktemp("queries")) / "store.db"
    build(path, 3000)  # happenings (about 3,000 events)
    return open_store(path, create=False)


def expected(store, flt: EventFilter) -> list[TimelineEvent]:  # type: ignore[no-untyped-def]
    """The whole timeline (unfiltered plan), filtered by actor membership and the search's matches."""
    events = queries.page_events(store, EventFilter(), limit=10_000)
    for actor_id in flt.actor_ids:
        ids = {row[0] for row in store.execute("select event_id from event_actors where actor_id = ?", [actor_id])}
        events = [e for e in events if e.id in ids]
    if flt.search:
        matching = {e.id for e in queries.page_events(store, EventFilter(search=flt.search), limit=10_000)}
        events = [e for e in events if e.id in matching]
    return events


def check_plan(store, flt: EventFilter) -> None:  # type: ignore[no-untyped-def]
    events = expected(store, flt)
    assert events, "the filter should match something"
    assert [e.id for e in queries.page_events(store, flt, limit=10_000)] == [e.id for e in events]
    assert queries.count_events(store, flt) == len(events)
    assert queries.event_ids(store, flt, 10_000) == [e.id for e in events]
    tail = queries.page_events_from_end(store, flt, 0, 3)
    assert [e.id for e in tail] == [e.id for e in events[-3:]]
    days = sorted({e.sort_key[:10] for e in events})
    for index in (0, len(events) // 2, len(events) - 1):
        event = events[index]
        assert queries.position_of(store, flt, event.sort_key, event.id) == index
        after = queries.page_events(store, flt, after=(event.sort_key, event.id), limit=2)
        assert [e.id for e in after] == [e.id for e in events[index + 1 : index + 3]]
        for forward in (True, False):
            key = queries.neighbour_period(store, flt, event.sort_key, forward)
            day = event.sort_key[:10]
            later, earlier = [d for d in days if d > day], [d for d in days if d < day]
            want = (later[0] if later else None) if forward else (earlier[-1] if earlier else None)
            assert (key[:10] if key else None) == want
            if key:
                low, high = sorted([(event.sort_key, event.id), (key, "")])
                between = sum(1 for e in events if low <= (e.sort_key, e.id) < high)
                assert queries.count_between(store, flt, low, high) == between


def test_one_actor(store) -> None:  # type: ignore[no-untyped-def]
    for actor in queries.list_actors(store, limit=30)[::10]:
        check_plan(store, EventFilter(actor_ids=(actor.id,)))


def test_an_actor_with_a_search_and_dates(store) -> None:  # type: ignore[no-untyped-def]
    actor = queries.list_actors(store, limit=1)[0]
    word = queries.page_events(store, EventFilter(actor_ids=(actor.id,)), limit=1)[0].text.split()[-1].strip(".")
    check_plan(store, EventFilter(actor_ids=(actor.id,), search=word))
    flt = EventFilter(actor_ids=(actor.id,), date_from="2004-01-01", date_to="2030-12-31")
    assert queries.count_events(store, flt) <= queries.count_events(store, EventFilter(actor_ids=(actor.id,)))


def test_two_actors(store) -> None:  # type: ignore[no-untyped-def]
    pair = store.execute(
        "select a.actor_id, b.actor_id from event_actors a join event_actors b "
        "on a.event_id = b.event_id and a.actor_id < b.actor_id group by 1, 2 order by count(*) desc limit 1"
    ).fetchone()
    check_plan(store, EventFilter(actor_ids=tuple(pair)))


def test_a_broad_search(store) -> None:  # type: ignore[no-untyped-def]
    check_plan(store, EventFilter(search="security"))
