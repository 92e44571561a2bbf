"""Time to first screen, per-key latency and peak memory of the app, driven headless by Pilot.

    python bench/tui.py --db seed --db /tmp/10k.db --db /tmp/100k.db --db /tmp/1m.db

`--db seed` builds a store from the bundled seeds in a temporary folder. Each store is
measured in its own process (so peak memory is that store's), three runs each, and the
median is reported. A key's latency is the time from pressing it until the last frame it
caused, with the timeline rows it drew, is ready for the terminal (every worker done, every
visible row loaded): what the user waits for. Each timed key comes 0.1 s after the app fell
idle, as a person's next key would; what the app does ahead in that time (the next day, the
highlighted actor's filter) counts in its favour. For the search, the word is typed up to its
last letter first, and the last letter is timed (results come as you type).
Build large stores with `bench/synthetic_store.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZE = (160, 50)
HUMAN_PAUSE = 0.1  # seconds between keys: people rarely type two keys closer than this


async def screen_ready(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Wait until no worker runs, no message waits, and every visible timeline row is loaded."""
    timeline = app.timeline
    while True:
        await pilot.pause()
        top = round(timeline.scroll_y)
        visible = range(top, min(timeline.total, top + timeline.size.height))
        busy = any(not worker.is_finished for worker in app.workers)
        if not busy and all(timeline.event_at(i) is not None for i in visible):
            return
        await asyncio.sleep(0.001)


PAINTS: list[float] = []  # when a frame holding newly drawn timeline rows reached the terminal


def record_paints() -> None:
    """Note the time of every frame that carries timeline lines drawn with an event in them.

    Headless, Textual composes each frame but skips turning it into terminal output; here the frame
    is encoded as a real terminal session would (`App._display`), and the clock stops once the
    encoded frame is ready to write: the moment a user could see it. Stopping at the last row drawn
    instead would stop mid-frame, before the blank rows and the panels of the same frame are drawn.
    """
    from textual._compositor import CompositorUpdate
    from textual.app import App

    from dateline.tui.timeline import Timeline

    drew_rows = [False]
    original_line = Timeline.render_line

    def render_line(self, y):  # type: ignore[no-untyped-def]
        strip = original_line(self, y)
        if self.event_at(round(self.scroll_y) + y) is not None:
            drew_rows[0] = True
        return strip

    original_display = App._display

    def display(self, screen, renderable):  # type: ignore[no-untyped-def]
        original_display(self, screen, renderable)
        if isinstance(renderable, CompositorUpdate) and self.is_headless:
            renderable.render_segments(self.console)  # what the driver would write to the terminal
            if drew_rows[0]:
                PAINTS.append(time.perf_counter())
                drew_rows[0] = False

    Timeline.render_line = render_line  # type: ignore[method-assign]
    App._display = display  # type: ignore[method-assign]


async def measure(db_path: Path) -> dict[str, float]:
    from dateline.store.queries import list_actors
    from dateline.store.schema import open_store
    from dateline.tui.app import make_app

    db = open_store(db_path, create=False)
    actor = list_actors(db, limit=40)[len(list_actors(db, limit=40)) // 2]  # a mid-ranked actor
    search_word = "security"  # in the seed and in every synthetic store
    db.close()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await screen_ready(pilot, app)
        timings["first screen"] = max(PAINTS) - started
        assert app.timeline.total > 0

        async def key(name: str, *keys: str) -> None:
            await pilot.press(*keys[:-1])
            await screen_ready(pilot, app)
            await asyncio.sleep(HUMAN_PAUSE)  # what the app does ahead in the meantime counts for the key
            await screen_ready(pilot, app)
            PAINTS.clear()
            begun = time.perf_counter()
            await pilot.press(keys[-1])
            await screen_ready(pilot, app)
            # Latency: from the key press to the last frame with timeline rows it caused.
            timings[name] = (max(PAINTS) if PAINTS else time.perf_counter()) - begun

        await key("j", "j")
        await key("PgDn", "pagedown")
        await key("G", "G")
        await key("g", "g")
        await key("] next day", "right_square_bracket")
        await pilot.press("slash", *search_word[:-1])
        await asyncio.sleep(0.4)  # results as you type: let the debounce fire and the results land
        await screen_ready(pilot, app)
        PAINTS.clear()
        begun = time.perf_counter()
        await pilot.press(search_word[-1])
        await asyncio.sleep(0.4)
        await screen_ready(pilot, app)
        timings["search: last letter typed (incl. 150 ms debounce)"] = max(PAINTS) - begun
        await pilot.press("enter")
        await screen_ready(pilot, app)
        await key("clear search (escape)", "slash", "escape")
        panel = app.query_one("#actors")
        panel.focus()
        index = next(i for i, a in enumerate(panel.actors) if a.id == actor.id)
        panel.highlighted = index
        await key("actor filter", "space")
    return timings


def run_one(db_path: Path) -> dict[str, float]:
    record_paints()
    timings = asyncio.run(measure(db_path))
    timings["peak memory MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return timings


def seed_store(folder: Path) -> Path:
    from dateline.store.ingest import ingest_paths
    from dateline.store.schema import open_store
    from dateline.store.sources import seed_files

    path = folder / "seed.db"
    ingest_paths(open_store(path), seed_files())
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", action="append", required=True, help="a store file, or 'seed'")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # internal: measure in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for name in args.db:
            path = seed_store(Path(tmp)) if name == "seed" else Path(name)
            from dateline.store.queries import count_events
            from dateline.store.schema import open_store

            events = count_events(open_store(path, create=False))
            runs = []
            for _ in range(args.runs):
                out = subprocess.run(
                    [sys.executable, __file__, "--db", name, "--one", str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            results[f"{name} ({events:,} events)"] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    keys = list(next(iter(results.values())))
    print("| store | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for store, timings in results.items():
        cells = [f"{timings[k]:.0f}" if "MiB" in k else f"{timings[k] * 1000:.0f} ms" for k in keys]
        print(f"| {store} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
