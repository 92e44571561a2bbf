"""The one writer alone: `store.writer.write_rows` replayed on articles extracted ahead.

    python bench/writer.py [--recombined 2000] [--corpus ../shared/corpus/articles] [--runs 3]
                           [--profile FILE] [--digest] [--rows FILE]

The recombined articles of `bench/ingest.py` (the same 2,000) are extracted once, in worker processes,
into the rows the workers hand the writer (`writer.ArticleRows`); then each run writes them into a fresh
store the way `dateline ingest` does (`store.ingest._BatchWriter`: up to 256 articles a transaction, the
ingest's pragmas), and prints the CPU time of the writing alone, beside its wall time and the load.
`--profile FILE` writes a cProfile of the last run; `--digest` prints a hash of every table's rows
(but the full-text indexes'), to check a change to the writer stores the same rows. `--rows FILE` keeps
the extracted rows in FILE (a pickle, written the first time, read after): runs of old and new writer code
in turn then replay the very same rows without extracting them again.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest import recombine  # bench/ingest.py, beside this file

from dateline.store.collector import collect_as_before, collect_less
from dateline.store.ingest import INGEST_PRAGMAS, IngestReport, _BatchWriter
from dateline.store.schema import open_store
from dateline.store.sources import read_sources
from dateline.store.workers import extract_rows
from dateline.store.writer import BATCH_COLLECTOR_THRESHOLD, ArticleRows, content_id


def extracted(corpus: Path, count: int) -> list[ArticleRows]:
    """The rows of `count` recombined articles, in reading order, extracted in worker processes."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        recombine(corpus, folder, count)
        files = sorted(folder.iterdir())
        articles = [(result, None, content_id(result)) for _, _, result, _ in read_sources(files)]
    with multiprocessing.Pool(os.cpu_count() or 1) as pool:
        rows = pool.starmap(extract_rows, articles, chunksize=16)
    failed = [r for r in rows if isinstance(r, str)]
    if failed:
        raise SystemExit(f"{len(failed)} articles failed: {failed[0]}")
    return rows  # type: ignore[return-value]


def write_all(db_path: Path, rows: list[ArticleRows]) -> IngestReport:
    db = open_store(db_path)
    for name, value in INGEST_PRAGMAS.items():
        db.execute(f"pragma {name} = {value}")
    report = IngestReport()
    writer = _BatchWriter(db, report)
    collector = collect_less(BATCH_COLLECTOR_THRESHOLD)  # as `ingest_paths` sets the cycle collector
    for article in rows:
        writer.write(article.article_id, article)
    writer.commit()
    collect_as_before(collector)
    db.close()
    return report


def digest(db_path: Path) -> str:
    """A hash of every table's rows but the migrations' log and the full-text indexes' own tables
    (`articles.ingested_at` left out)."""
    db = open_store(db_path, create=False)
    total = hashlib.sha1()
    tables = [
        name
        for (name,) in db.execute(
            "select name from sqlite_master where type = 'table' and name not like '%fts%'"
            " and name != '_sqlite_migrations' order by name"
        )
    ]
    for table in tables:
        columns = [c.name for c in db[table].columns if not (table == "articles" and c.name == "ingested_at")]
        if not columns:
            continue
        names = ", ".join(f'"{c}"' for c in columns)
        part = hashlib.sha1()
        for row in db.execute(f'select {names} from "{table}" order by {names}'):
            part.update(repr(row).encode())
        total.update(f"{table}:{part.hexdigest()}".encode())
        print(f"  {table:<28} {part.hexdigest()[:12]}")
    db.close()
    return total.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/articles"))
    parser.add_argument("--recombined", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the last run here")
    parser.add_argument("--digest", action="store_true", help="print a hash of the stored rows")
    parser.add_argument("--rows", type=Path, help="keep the extracted rows in this file and replay them from it")
    args = parser.parse_args()
    if args.rows and args.rows.exists():
        rows = pickle.loads(args.rows.read_bytes())
    else:
        if not args.corpus.is_dir():
            raise SystemExit(f"no corpus at {args.corpus}")
        rows = extracted(args.corpus, args.recombined)
        if args.rows:
            args.rows.write_bytes(pickle.dumps(rows, pickle.HIGHEST_PROTOCOL))
    print(f"{len(rows):,} recombined articles extracted; writing them, each run into a fresh store:")
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            db_path = Path(tmp) / "bench.db"
            profiler = None
            if args.profile and run == args.runs - 1:
                import cProfile

                profiler = cProfile.Profile(time.process_time)
                profiler.enable()
            started, cpu = time.perf_counter(), time.process_time()
            report = write_all(db_path, rows)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(args.profile)
            print(
                f"  run {run + 1}: {elapsed:.2f} s (CPU {cpu:.2f} s), {report.added:,} articles, "
                f"{report.events:,} events  (load {os.getloadavg()[0]:.1f})"
            )
            if args.digest and run == 0:
                print(f"  digest {digest(db_path)}")


if __name__ == "__main__":
    main()
