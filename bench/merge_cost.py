"""The merge step's cost per article as the store grows: does joining happenings stay flat?

    python bench/merge_cost.py [--articles 1000,5000,20000] [--days 60|3650]

Generates articles by varying the bundled seed (as bench/ingest.py does) with publication dates
spread over --days days (60: a crisis, where every day holds many articles; 3650: ten years), ingests
them into a fresh store through `store.ingest.ingest_paths`, and reports the time spent grouping an
article's reports into accounts and joining them into happenings (`segments_of` and
`record_segments`), per article, for the first and the last 1,000 articles of each run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dateline.store.writer as writer
from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store
from dateline.store.sources import seed_files

NAMES = ["Antony Blinken", "Sergey Lavrov", "Ned Price", "Joe Biden", "Olaf Scholz", "Emmanuel Macron",
         "Dmytro Kuleba", "Jens Stoltenberg", "Boris Johnson", "Volodymyr Zelensky"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def generate(folder: Path, count: int, days: int, seed_text: str) -> None:
    rng = random.Random(11)
    header, _, body = seed_text.partition("Subscribe\n")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    first = dt.date(2022, 1, 1)
    for index in range(count):
        text = "\n\n".join(rng.sample(paragraphs, len(paragraphs)))
        for name in ("Antony Blinken", "Sergey Lavrov", "Ned Price", "Joe Biden"):
            text = text.replace(name, rng.choice(NAMES))
        text = text.replace("Tuesday", rng.choice(WEEKDAYS)).replace("100,000", f"{rng.randint(2, 200)},000")
        day = first + dt.timedelta(days=rng.randrange(days))
        dated = header.replace("February 15,2022", f"{day:%B} {day.day},{day.year}")
        (folder / f"article-{index:05d}.txt").write_text(f"{dated}Subscribe\n\n{text}\n# {index}\n", encoding="utf-8")


class Timer:
    """Wraps a function and records the CPU time each call took (the process's own, so other work on
    the machine does not count)."""

    def __init__(self, function):  # type: ignore[no-untyped-def]
        self.function = function
        self.calls: list[float] = []

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.process_time()
        try:
            return self.function(*args, **kwargs)
        finally:
            self.calls.append(time.process_time() - started)


def measure(count: int, days: int, seed_text: str) -> None:
    grouping, joining = Timer(writer.segments_of), Timer(writer.record_segments)
    writer.segments_of, writer.record_segments = grouping, joining
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            folder.mkdir()
            generate(folder, count, days, seed_text)
            db = open_store(Path(tmp) / "merge.db")
            started = time.perf_counter()
            report = ingest_paths(db, [str(folder)])
            elapsed = time.perf_counter() - started
            happenings = db.execute("select count(*) from happenings").fetchone()[0]
    finally:
        writer.segments_of, writer.record_segments = grouping.function, joining.function
    per_article = [g + j for g, j in zip(grouping.calls, joining.calls, strict=True)]
    head, tail = (1000 * sum(part) / len(part) for part in (per_article[:1000], per_article[-1000:]))
    print(
        f"{count:>6} articles over {days:>4} days: {happenings:>6} happenings, ingest {elapsed:6.1f} s; merge step "
        f"per article: first 1,000 {head:5.2f} ms, last 1,000 {tail:5.2f} ms  ({report.failed} failed)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="1000,5000,20000", help="comma-separated store sizes")
    parser.add_argument("--days", type=int, default=60, help="days the publication dates spread over")
    args = parser.parse_args()
    seed_text = Path(seed_files()[0]).read_text(encoding="utf-8")
    for count in (int(n) for n in args.articles.split(",")):
        measure(count, args.days, seed_text)


if __name__ == "__main__":
    main()
