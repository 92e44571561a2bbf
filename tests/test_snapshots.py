"""SVG snapshots of the main screens (fixed size, fixed data) to catch layout regressions.

Update them after an intended change with `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.tui.app import make_app
from dateline.tui.density import DensityStrip, column_of
from dateline.tui.density_outlets import DENSITY_PAUSE
from tests.conftest import SEED
from tests.ui_store import write_ui_store

SIZE = (150, 36)


@pytest.fixture
def seed_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # the status line shows the store path: keep it the same in every run
    assert main(["ingest", str(SEED), "--db", "seed.db", "--quiet"]) == 0
    assert os.path.exists("seed.db")
    return make_app(Path("seed.db"))


async def wait_for_workers(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def pressing(*batches: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """A `run_before` that presses each batch of keys once the app has settled, and lets it settle after."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_workers(pilot)
        for keys in batches:
            await pilot.press(*keys)
            await wait_for_workers(pilot)

    return run


def test_main_screen(seed_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=SIZE, run_before=wait_for_workers)


def test_main_screen_80x24(seed_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """A small terminal: the timeline alone, a footer of whole keys; `a` brings the actors in."""
    assert snap_compare(seed_app, terminal_size=(80, 24), run_before=pressing(("a", "j")))


def test_source_view(seed_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=SIZE, run_before=pressing(("j",) * 7 + ("enter",)))


def test_actor_filter(seed_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def choose(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_workers(pilot)
        await pilot.press("a", "j", "j", "j", "space", "t")
        await wait_for_workers(pilot)
        await pilot.pause(DENSITY_PAUSE + 0.2)  # the density strip counts the filter's days after a pause
        await wait_for_workers(pilot)

    assert snap_compare(seed_app, terminal_size=SIZE, run_before=choose)


def test_help_screen(seed_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def help_(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_workers(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(seed_app, terminal_size=(150, 60), run_before=help_)


@pytest.fixture
def crisis_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The app on a fixed crisis-like store (tests/ui_store.py), its path the same in every run."""
    monkeypatch.chdir(tmp_path)
    return make_app(write_ui_store(Path(".")))


def test_crisis_main_screen_140x45(crisis_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """Happenings wrapped in up to three lines, badges, marks, the density strip, the details panel."""
    assert snap_compare(crisis_app, terminal_size=(140, 45), run_before=wait_for_workers)


def test_crisis_main_screen_80x24(crisis_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(crisis_app, terminal_size=(80, 24), run_before=wait_for_workers)


def test_crisis_expanded_happening(crisis_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The Geneva meeting expanded into its reports (outlet, the date each gives, the sentence), the
    cursor on the second report."""
    assert snap_compare(crisis_app, terminal_size=(140, 45), run_before=pressing(("j", "l"), ("j", "j")))


def test_crisis_density_strip(crisis_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The strip after a click on its bar of February 10: the cursor lands there, the day marked."""

    async def click(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_workers(pilot)
        strip = pilot.app.query_one(DensityStrip)
        target = next(i for i, bar in enumerate(strip.bars) if bar.first_day.isoformat() == "2022-02-10")
        column = column_of(target, len(strip.bars), strip.content_region.width)
        await pilot.click(DensityStrip, offset=(strip.content_region.x - strip.region.x + column, 0))
        await wait_for_workers(pilot)

    assert snap_compare(crisis_app, terminal_size=(100, 30), run_before=click)
