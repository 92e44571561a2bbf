"""The app on a small store of two outlets: enter on a happening opens the paragraph of its headline,
also when its sentence opens with a dateline (which the headline leaves out) and another outlet's report
comes first; a live resize lays the panels out for the new size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.tui.app import make_app
from dateline.tui.detail import DetailPanel
from dateline.tui.panels import ActorsPanel
from dateline.tui.screens import SourceScreen
from tests.test_app import settle

ARTICLES = [
    {
        "title": "Talks in Vienna", "outlet": "Daily Courier", "published": "2022-03-04",
        "text": "Envoys are due in Vienna this week.\n\nOfficials said envoys of both sides met in Vienna on Friday.",
    },
    {
        "title": "Envoys meet in Vienna", "outlet": "Wire Service", "published": "2022-03-05",
        "text": "VIENNA (AP) — Envoys of Russia and Ukraine met in Vienna on Friday for three hours of talks on a"
        " ceasefire, officials said. The delegations left without a statement.\n\nNo agreement was reached.",
    },
]  # fmt: skip


@pytest.fixture
def two_outlets(tmp_path: Path) -> Path:
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES))
    db = tmp_path / "s.db"
    assert main(["ingest", str(source), "--db", str(db), "--quiet"]) == 0
    return db


async def test_enter_opens_the_headline_report_whose_dateline_the_headline_leaves_out(two_outlets: Path) -> None:
    app = make_app(two_outlets)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot, app)
        row = app.timeline.current
        assert row is not None and row.headline.startswith("Envoys of Russia and Ukraine met")
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.source.article.outlet == "Wire Service"
        paragraph = app.screen.source.paragraphs[app.screen.paragraph]
        assert paragraph.startswith("VIENNA (AP)")
        start, end = app.screen.passage
        assert paragraph[start:end].endswith("officials said."), "the headline's sentence marked, not its paragraph"


async def test_a_live_resize_lays_the_panels_out_for_the_new_size(two_outlets: Path) -> None:
    app = make_app(two_outlets)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot, app)
        actors, details = app.query_one(ActorsPanel), app.query_one(DetailPanel)
        assert actors.display and details.display
        await pilot.resize_terminal(80, 24)
        await settle(pilot, app)
        assert not actors.display and not details.display
        assert app.timeline.size.width > 60
        await pilot.resize_terminal(110, 40)
        await settle(pilot, app)
        assert actors.display and not details.display
        await pilot.resize_terminal(140, 45)
        await settle(pilot, app)
        assert actors.display and details.display
