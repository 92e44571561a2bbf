"""The quotes panel shows what kind of speaker said a quote and who relayed it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from dateline.cli.main import main
from dateline.tui.detail import DetailPanel
from tests.test_app import move_to_event, opened

BODY = (
    "Ewa Lind told envoys that the plan was a trap, "
    '"one nobody should fall for," her aide Jan Kowal said.\n\n'
    "The Kremlin published a draft treaty on Friday. "
    '"No new members shall be admitted," the draft says.'
)


def _store(tmp_path: Path) -> Path:
    article = tmp_path / "talks.txt"
    article.write_text(f"Example Times\nTalks\nPublished March 3, 2022\nhttps://example.com/t\n\n{BODY}\n")
    db = tmp_path / "s.db"
    assert main(["ingest", str(article), "--db", str(db), "--quiet"]) == 0
    return db


def _shown(panel: DetailPanel) -> list[str]:
    prompts = [panel.get_option_at_index(i).prompt for i in range(panel.option_count)]
    return [prompt.plain if isinstance(prompt, Text) else str(prompt) for prompt in prompts]


async def test_relayed_quote_shows_via(tmp_path: Path) -> None:
    async with opened(_store(tmp_path)) as (pilot, app):
        await move_to_event(pilot, app, "Ewa Lind told envoys")
        shown = "\n".join(_shown(app.query_one(DetailPanel)))
        assert "Ewa Lind via Jan Kowal" in shown


async def test_document_quote_shows_its_kind(tmp_path: Path) -> None:
    async with opened(_store(tmp_path)) as (pilot, app):
        await move_to_event(pilot, app, "The Kremlin published a draft treaty")  # the quote is in its happening
        shown = "\n".join(_shown(app.query_one(DetailPanel)))
        assert "Kremlin (document)" in shown
