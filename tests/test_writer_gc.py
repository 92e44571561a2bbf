"""While an ingest writes, the cycle collector runs rarely and leaves alone what the process held before
(`store.collector`); afterwards it is as it was, also when the ingest fails."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from dateline.store import ingest
from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store
from dateline.store.sources import seed_files
from dateline.store.writer import BATCH_COLLECTOR_THRESHOLD


def test_an_ingest_collects_less_while_it_writes_and_as_before_after(tmp_path: Path) -> None:
    gc.unfreeze()  # as in a process that froze nothing (frozen objects are then looked at again, nothing lost)
    before = gc.get_threshold()
    seen = []
    report = ingest_paths(
        open_store(tmp_path / "s.db"),
        seed_files(),
        progress=lambda *_: seen.append((gc.get_threshold()[0], gc.get_freeze_count())),
    )
    assert report.added
    assert seen and all(threshold == BATCH_COLLECTOR_THRESHOLD and count > 0 for threshold, count in seen)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)


def test_what_another_part_of_the_process_froze_stays_frozen(tmp_path: Path) -> None:
    before = gc.get_threshold()
    gc.freeze()
    try:
        ingest_paths(open_store(tmp_path / "s.db"), seed_files())
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() > 0  # freed objects leave it, the rest stays frozen
    finally:
        gc.unfreeze()


def test_a_failed_ingest_leaves_the_collector_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gc.unfreeze()
    before = gc.get_threshold()

    def broken(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "_finish", broken)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(open_store(tmp_path / "s.db"), seed_files())
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
