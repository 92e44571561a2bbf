"""The app's start: its first rows come with the store opened, in the one worker that opens it (no second
worker reads them before they are shown); and the command imports only what the first screen needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.message import Message
from textual.worker import Worker, WorkerState

from dateline.tui.app import make_app
from dateline.tui.feed import TimelineFeed
from dateline.tui.messages import StoreReady
from tests.test_app import settle
from tests.ui_store import write_varied_store

ROOT = Path(__file__).resolve().parent.parent


async def test_the_first_rows_come_with_the_store_opened(tmp_path: Path) -> None:
    messages: list[Message] = []
    app = make_app(write_varied_store(tmp_path))
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await settle(pilot, app)
        first_shown = next(i for i, m in enumerate(messages) if isinstance(m, TimelineFeed.Shown))
        before = messages[:first_shown]
        started = {
            m.worker.group for m in before if isinstance(m, Worker.StateChanged) and m.state == WorkerState.RUNNING
        }
        assert started == {"open"}, started  # no worker of the feed's read the first rows again
        assert len([m for m in before if isinstance(m, StoreReady)]) == 1
        assert messages[first_shown].total == app.timeline.total == app.reader.total() > 0
        assert app.timeline.current is not None and app.timeline.current.headline


def test_the_app_imports_only_what_its_first_screen_needs() -> None:
    later = (
        "dateparser",
        "dateline.extract.timex",
        "dateline.extract.pipeline",
        "dateline.store.ingest",
        "dateline.store.sources",
        "dateline.store.export",
        "dateline.tui.screens",
        "dateline.tui.filters",
    )
    code = (
        "import sys\nimport dateline.cli.main, dateline.tui.app\n"
        f"print(sorted(m for m in {later!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
