"""Time to first screen, per-key latency and memory of the app, driven headless by Pilot; and the first
screen of the real command in a real terminal (tmux).

    python bench/tui.py --db seed --db /tmp/1m.db --db /tmp/5m.db
    python bench/tui.py --db /tmp/1m.db --tmux        # the first screen of `dateline browse` in tmux
    python bench/tui.py --db x --imports               # what `dateline browse` imports before it

`--db seed` builds a store from the bundled seeds in a temporary folder. Each store is measured in its
own process (so memory is that store's), three runs each, and the median is reported. A key's latency
is the time from pressing it until the last frame it caused, with the timeline rows it drew, is ready
for the terminal (every worker done, every visible row loaded): what the user waits for. Each timed key
comes 0.1 s after the app fell idle, as a person's next key would; what the app does ahead in that time
(the highlighted actor's filter) counts in its favour. For the search, the word is typed up to its last
letter first, and the last letter is timed (results come as you type) until the first frame showing the
search's rows ("first matches drawn": before the count) and until the last frame it caused ("all
settled": the count, the status, the scroll range). The scrollbar jump scrolls the
timeline to its middle as a drag of the scrollbar does (`scroll_to`), and is timed until the rows there
are drawn. Memory (first run only): the process's resident set after paging down through 100,000 rows
(or the whole store), each screen drawn, and its peak. Build large stores with `bench/synthetic_store.py`.
`--tmux` and `--imports` first compile the app's modules to bytecode, as installing it does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
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
        first, last = timeline.rows_in_view()
        visible = range(first, min(timeline.total, last + 1))
        busy = any(not worker.is_finished for worker in app.workers)
        if not busy and all(timeline.row_at(i) is not None for i in visible):
            return
        await asyncio.sleep(0.001)


PAINTS: list[float] = []  # when a frame holding newly drawn timeline rows reached the terminal
SEARCHES: list[tuple[float, str | None]] = []  # each such frame's time and the search whose rows it shows


def record_paints() -> None:
    """Note the time of every frame that carries timeline lines drawn with a happening in them.

    Headless, Textual composes each frame but skips turning it into terminal output; here the frame
    is encoded as a real terminal session would (`App._display`), and the clock stops once the
    encoded frame is ready to write: the moment a user could see it. Stopping at the last row drawn
    instead would stop mid-frame, before the blank rows and the panels of the same frame are drawn.
    """
    from textual._compositor import CompositorUpdate
    from textual.app import App

    from dateline.tui.timeline import Timeline

    drew: list[Timeline] = []  # the timeline, once it drew lines for the frame being made
    original_line = Timeline.render_line

    def render_line(self, y):  # type: ignore[no-untyped-def]
        if not drew:
            drew.append(self)
        return original_line(self, y)

    original_display = App._display

    def display(self, screen, renderable):  # type: ignore[no-untyped-def]
        original_display(self, screen, renderable)
        if isinstance(renderable, CompositorUpdate) and self.is_headless:
            renderable.render_segments(self.console)  # what the driver would write to the terminal
            # Whether the lines drawn show a happening (not only placeholders), asked once a frame: asked for
            # each line drawn, as before, the question cost ~1 ms of every frame measured.
            if drew and drew[0].feed.has_rows(*[drew[0].rows_in_view()[0]] * 2):
                PAINTS.append(time.perf_counter())
                SEARCHES.append((PAINTS[-1], self.feed.filter.search))
            drew.clear()

    Timeline.render_line = render_line  # type: ignore[method-assign]
    App._display = display  # type: ignore[method-assign]


async def measure(db_path: Path, page: int) -> dict[str, float]:
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
        await screen_ready(pilot, app)
        await asyncio.sleep(HUMAN_PAUSE)
        PAINTS.clear()
        begun = time.perf_counter()
        app.timeline.scroll_to(y=app.timeline.total // 2, animate=False)  # what dragging the scrollbar does
        await screen_ready(pilot, app)
        timings["scrollbar to the middle"] = (max(PAINTS) if PAINTS else time.perf_counter()) - begun
        await pilot.press("slash", *search_word[:-1])
        await asyncio.sleep(0.4)  # results as you type: let the debounce fire and the results land
        await screen_ready(pilot, app)
        PAINTS.clear()
        SEARCHES.clear()
        begun = time.perf_counter()
        await pilot.press(search_word[-1])
        await asyncio.sleep(0.4)
        await screen_ready(pilot, app)
        # A search's first rows are drawn before it is counted: when they are, and when all is settled
        # (the count, and with it the status and how far the timeline scrolls).
        drawn = min(t for t, search in SEARCHES if search == search_word)
        timings["search: first matches drawn (incl. 150 ms debounce)"] = drawn - begun
        timings["search: all settled"] = max(PAINTS) - begun
        await pilot.press("enter")
        await screen_ready(pilot, app)
        await key("clear search (escape)", "slash", "escape")
        await key("n next match", "n")  # the search's next match among every happening
        panel = app.query_one("#actors")
        panel.focus()
        index = next(i for i, a in enumerate(panel.actors) if a.id == actor.id)
        panel.highlighted = index
        await key("actor filter", "space")
        panel.action_clear_actors()
        app.timeline.focus()
        await screen_ready(pilot, app)
        if page:
            timings["rows paged"] = await page_through(pilot, app, page)
            timings["MiB after paging"] = resident_mib()
    return timings


async def page_through(pilot, app, rows: int) -> int:  # type: ignore[no-untyped-def]
    """Page down from the top through `rows` rows (or the whole store), each screen drawn before the
    next page (the page-down action called directly: pressing the key through Pilot costs it ~0.1 s)."""
    timeline = app.timeline
    await pilot.press("g")
    await screen_ready(pilot, app)
    end = min(rows, timeline.total - 1)
    while timeline.cursor < end:
        timeline.action_page_down()
        while True:
            await pilot.pause()
            first, last = timeline.rows_in_view()
            if all(timeline.row_at(i) is not None for i in range(first, min(timeline.total, last + 1))):
                break
    return timeline.cursor


def resident_mib() -> float:
    """The process's resident memory now (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_one(db_path: Path, page: int) -> dict[str, float]:
    record_paints()
    timings = asyncio.run(measure(db_path, page))
    timings["peak memory MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return timings


def compile_bytecode() -> None:
    """Compile the app's modules to bytecode (`__pycache__`, as `pip install` does for an installed
    package), so start-up is measured as a user's is: an editable install run with
    PYTHONDONTWRITEBYTECODE set (as here) never gets any and compiles every module at every start."""
    import importlib

    folders = [str(Path(p)) for name in PACKAGES for p in importlib.import_module(f"dateline.{name}").__path__]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=True, stdout=subprocess.DEVNULL)


PACKAGES = ("cli", "extract", "store", "tui")


def print_imports(runs: int = 5) -> None:
    """What `dateline browse` imports before its first screen (the command, the store, the app), as the
    import time of each package (the modules' own times summed, `python -X importtime`), the median of
    `runs` fresh processes."""
    code = "import dateline.cli.main, dateline.store.schema, dateline.tui.app"
    runs_by_package: list[dict[str, int]] = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True)
        packages: dict[str, int] = {}
        for line in out.stderr.splitlines()[1:]:
            own, _, name = line.removeprefix("import time:").split("|")
            name = name.strip()
            package = ".".join(name.split(".")[:2]) if name.startswith("dateline.") else name.split(".")[0]
            packages[package] = packages.get(package, 0) + int(own)
        runs_by_package.append(packages)
    names = set().union(*runs_by_package)
    median = {n: statistics.median(r.get(n, 0) for r in runs_by_package) for n in names}
    print(f"imports before the first screen: {sum(median.values()) / 1e6:.3f} s in all; the largest packages:")
    for name in sorted(median, key=median.get, reverse=True)[:14]:
        print(f"  {median[name] / 1e3:7.1f} ms  {name}")


STATUS = re.compile(r"of [\d,]+ happenings")


def first_screen_in_tmux(db_path: Path, size: tuple[int, int] = SIZE) -> tuple[float, float]:
    """Seconds from starting `dateline browse` in a tmux window until its screen shows the timeline's
    status (drawn in the same frame as the first rows), read with `tmux capture-pane` every few ms; and
    the CPU time the command had used by then (all its threads, to the kernel's 10 ms tick)."""
    command = f"{Path(sys.executable).parent / 'dateline'} browse --db {db_path}"
    session = f"dateline-bench-{time.monotonic_ns()}"
    started = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command],
                   check=True)  # fmt: skip
    try:
        while time.perf_counter() - started < 30:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True)
            if STATUS.search(screen.stdout):
                wall = time.perf_counter() - started
                return wall, cpu_seconds(session)
            time.sleep(0.002)
        raise RuntimeError(f"no first screen within 30 s: {screen.stdout[-500:]}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def cpu_seconds(session: str) -> float:
    """User and system CPU time of the process running in the tmux session's pane (Linux)."""
    pid = subprocess.run(["tmux", "display-message", "-p", "-t", session, "#{pane_pid}"], capture_output=True,
                         text=True).stdout.strip()  # fmt: skip
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


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
    parser.add_argument("--page", type=int, default=0, help=argparse.SUPPRESS)  # internal: and page through
    parser.add_argument("--page-rows", type=int, default=100_000, help="rows paged through (0: none)")
    parser.add_argument("--tmux", action="store_true", help="time the first screen of `dateline browse` in tmux")
    parser.add_argument("--imports", action="store_true", help="what `dateline browse` imports before its first screen")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.page)))
        return
    if args.imports:
        compile_bytecode()
        print_imports()
        return
    if args.tmux:
        compile_bytecode()
        # One session kept open meanwhile: the tmux server stays up between runs (a user's terminal is
        # already running), and a run never starts while the server of the last one is exiting.
        keeper = f"dateline-bench-keeper-{os.getpid()}"
        subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 3600"], check=True)
        try:
            for name in args.db:
                runs = [first_screen_in_tmux(Path(name)) for _ in range(args.runs)]
                times, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
                shown = ", ".join(f"{t:.2f}" for t in times)
                print(
                    f"{name}: first screen in tmux {statistics.median(times):.2f} s (median of {shown}); "
                    f"CPU {statistics.median(cpus):.2f} s (median), load {os.getloadavg()[0]:.1f}"
                )
        finally:
            subprocess.run(["tmux", "kill-session", "-t", keeper], check=False)
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for name in args.db:
            path = seed_store(Path(tmp)) if name == "seed" else Path(name)
            from dateline.store.timeline import TimelineReader

            happenings = TimelineReader(path).total()
            runs = []
            for _ in range(args.runs):
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--db",
                        name,
                        "--one",
                        str(path),
                        "--page",
                        str(args.page_rows if not runs else 0),
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            results[f"{name} ({happenings:,} happenings)"] = {
                k: statistics.median(r[k] for r in runs if k in r) for k in runs[0]
            }
    keys = list(next(iter(results.values())))
    print("| store | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for store, timings in results.items():
        cells = [f"{timings[k]:,.0f}" if "MiB" in k or "rows" in k else f"{timings[k] * 1000:.0f} ms" for k in keys]
        print(f"| {store} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
