"""Store queries: the fast plans (one actor's index range) agree with the general plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic_store import build
from store import queries
from store.records import EventFilter
from store.schema import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = Path(tmp_path_factory.mktemp("queries")) / "store.db"
    build(path, 3000)
    return open_store(path, create=False)


def test_one_actor_plans_agree_with_the_general_plan(store) -> None:  # type: ignore[no-untyped-def]
    for actor in queries.list_actors(store, limit=30)[::6]:
        fast = EventFilter(actor_ids=(actor.id,))
        general = EventFilter(actor_ids=(actor.id,), date_from="0001-01-01")  # same events, general SQL
        assert queries._single_actor(store, fast) and not queries._single_actor(store, general)
        events = queries.page_events(store, general, limit=10_000)
        assert [e.id for e in queries.page_events(store, fast, limit=10_000)] == [e.id for e in events]
        assert queries.count_events(store, fast) == queries.count_events(store, general) == len(events)
        for index in (0, len(events) // 2, len(events) - 1):
            event = events[index]
            for flt in (fast, general):
                assert queries.position_of(store, flt, event.sort_key, event.id) == index
                for forward in (True, False):
                    key = queries.neighbour_period(store, flt, event.sort_key, forward)
                    days = sorted({e.sort_key[:10] for e in events})
                    day = event.sort_key[:10]
                    later, earlier = [d for d in days if d > day], [d for d in days if d < day]
                    expected = (later[0] if later else None) if forward else (earlier[-1] if earlier else None)
                    assert (key[:10] if key else None) == expected
                    if key:
                        low, high = sorted([(event.sort_key, event.id), (key, "")])
                        between = sum(1 for e in events if low <= (e.sort_key, e.id) < high)
                        assert queries.count_between(store, flt, low, high) == between


def test_next_and_previous_day_of_a_search(store) -> None:  # type: ignore[no-untyped-def]
    flt = EventFilter(search="security")
    events = queries.page_events(store, flt, limit=10_000)
    days = sorted({e.sort_key[:10] for e in events})
    assert len(days) > 3
    for day in days[:: max(1, len(days) // 5)]:
        later, earlier = [d for d in days if d > day], [d for d in days if d < day]
        forward = queries.neighbour_period(store, flt, day, True)
        backward = queries.neighbour_period(store, flt, day, False)
        assert (forward[:10] if forward else None) == (later[0] if later else None)
        assert backward == (earlier[-1] if earlier else None)
