"""What the app keeps while a user pages: the lines it draws go when they are no longer shown.

Paging through 100,000 rows once grew the process by 140 MB: each line the timeline handed to Textual
referred to itself (Textual's `Strip.crop_extend` keeps its answer in the strip's own cache, and for a
strip already as wide as asked that answer is the strip itself), so no line drawn was freed until a
rare full garbage collection.
"""

from __future__ import annotations

import gc
from pathlib import Path

from dateline.tui.app import make_app
from tests.test_app import settle
from tests.ui_store import write_varied_store


def refers_to_itself(obj: object, depth: int = 4) -> bool:
    """Whether `obj` reaches itself through at most `depth` references (a reference cycle, which only
    the garbage collector frees, never reference counting)."""
    seen: set[int] = set()
    frontier = [obj]
    for _ in range(depth):
        reached = []
        for item in frontier:
            for referent in gc.get_referents(item):
                if referent is obj:
                    return True
                if id(referent) not in seen and gc.is_tracked(referent):
                    seen.add(id(referent))
                    reached.append(referent)
        frontier = reached
    return False


async def test_the_lines_the_timeline_draws_hold_no_reference_to_themselves(tmp_path: Path) -> None:
    app = make_app(write_varied_store(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        for _ in range(3):  # lines drawn for rows the feed read after the first screen too
            await pilot.press("pagedown")
            await settle(pilot, app)
        timeline = app.timeline
        drawn = [timeline.render_line(y) for y in range(timeline.scrollable_size.height)]
        assert any(strip.text.strip() for strip in drawn)
        assert [strip.text for strip in drawn if refers_to_itself(strip)] == []
