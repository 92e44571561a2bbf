"""The app quietens the garbage collector while it runs (`gc.freeze`, higher thresholds) and leaves it as
it found it when it ends: a process that goes on after it (these tests, an ingest whose own test checks
the collector) keeps nothing frozen by it."""

from __future__ import annotations

import gc
from pathlib import Path

from dateline.tui.app import make_app
from tests.test_app import settle


async def test_the_app_leaves_the_collector_as_it_found_it(seed_db: Path) -> None:
    before = gc.get_threshold(), gc.get_freeze_count()
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert gc.get_freeze_count() > before[1] and gc.get_threshold()[0] >= 10_000  # quietened while it runs
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
