"""While an ingest writes, the cycle collector runs rarely and leaves alone what the process held before
(`writer.collect_less`); afterwards it is as it was, also when the ingest fails."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from dateline.store import ingest
from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store
from dateline.store.sources import seed_files
from dateline.store.writer import _BATCH_THRESHOLD


def test_an_ingest_collects_less_while_it_writes_and_as_before_after(tmp_path: Path) -> None:
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    seen = []
    report = ingest_paths(
        open_store(tmp_path / "s.db"),
        seed_files(),
        progress=lambda *_: seen.append((gc.get_threshold()[0], gc.get_freeze_count())),
    )
    assert report.added
    assert seen and all(threshold == _BATCH_THRESHOLD and count > frozen for threshold, count in seen)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, frozen)


def test_a_failed_ingest_leaves_the_collector_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before, frozen = gc.get_threshold(), gc.get_freeze_count()

    def broken(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "_finish", broken)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(open_store(tmp_path / "s.db"), seed_files()[:1])
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, frozen)
