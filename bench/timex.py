"""Speed of the time-expression tagger against bare dateparser `search_dates`, same documents, one run.

    python bench/timex.py [--docs IN.jsonl] [--limit N] [--repeat 3]

IN.jsonl has one document a line, {"doc", "published" or "dct", "text"}, as written by
`../shared/eval/timex/extract_text.py`. Without --docs the bundled seed and the real corpus
in ../shared/corpus (when present) are used. Both taggers run in this process, one after the
other, over the same texts; the report gives characters per second and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateparser.search import search_dates

from dateline.extract.articles import parse_plain_text
from dateline.extract.timex import tag_times
from dateline.store.sources import seed_files

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


def load(path: Path | None, limit: int | None) -> list[tuple[str, dt.date]]:
    docs: list[tuple[str, dt.date]] = []
    if path:
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            published = str(record.get("published") or record.get("dct"))[:10]
            docs.append((record["text"], dt.date.fromisoformat(published)))
    else:
        files = [Path(f) for f in seed_files()] + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
        for file in files:
            article = parse_plain_text(file.read_text(encoding="utf-8"))
            docs.append((article.body, article.published or dt.date(2022, 2, 15)))
    return docs[:limit] if limit else docs


def timed(func, docs, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """The median time of `repeat` passes over all documents, and the expressions found."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        found = sum(len(func(text, published) or []) for text, published in docs)
        times.append(time.perf_counter() - started)
    return statistics.median(times), found


def bare_search_dates(text: str, published: dt.date):  # type: ignore[no-untyped-def]
    base = dt.datetime.combine(published, dt.time())
    return search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base, "TIMEZONE": "UTC"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int, default=3, help="passes of each tagger; the median is reported")
    args = parser.parse_args()
    docs = load(args.docs, args.limit)
    chars = sum(len(text) for text, _ in docs)
    for warm_up in (bare_search_dates, tag_times):  # both pay their first-call costs before timing
        warm_up("warm up on Friday", dt.date(2022, 2, 15))
    ours, ours_found = timed(tag_times, docs, args.repeat)
    theirs, theirs_found = timed(bare_search_dates, docs, args.repeat)
    print(f"{len(docs)} documents, {chars:,} characters")
    print(f"dateline tag_times    {ours:8.2f} s  {chars / ours:12,.0f} chars/s  {ours_found} expressions")
    print(f"bare search_dates     {theirs:8.2f} s  {chars / theirs:12,.0f} chars/s  {theirs_found} expressions")
    print(f"ratio: dateline is {theirs / ours:.1f}x faster")


if __name__ == "__main__":
    main()
