"""Score Dateline's reading of web pages on scrapinghub/article-extraction-benchmark, and time HTML ingest.

    git clone https://github.com/scrapinghub/article-extraction-benchmark ../aeb
    python bench/eval_html.py [--benchmark ../aeb] [--baseline REV] [--runs 3] [--only quality,speed]

quality: the benchmark's 181 pages (html/*.html.gz) go through `dateline parse --json`, and the
articleBody built from its paragraphs is scored by the benchmark's own evaluate.py (word 4-gram
precision / recall / F1 averaged over pages, with its bootstrap spread). Also reported: pages with an
empty body (and how many of those trafilatura alone reads text from), pages with a publication date and
where it came from, dates that disagree with the /YYYY/MM/DD/ in the page's URL (the URL the benchmark
gives for it), and how often htmldate called alone disagrees with it.
speed: the same pages, unpacked to .html, read (file to article, as ingest reads them: the part the HTML
reader is) and ingested into a fresh store by `store.ingest.ingest_paths`, in a process of their own
pinned to one core (`taskset -c 0` where there is one), --published 2019-11-20 for pages without a date;
the median of --runs, in CPU time (the process's own, so that other work on a shared machine moves it
less than the wall clock, which is printed too).
--baseline REV: the same again with the `parse_html` of git revision REV (say fb5e687, the BeautifulSoup
reader) put in place of this checkout's, everything else this checkout's: the readers compared alone.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")

# Every driver runs in a process of its own: argv[1] is this checkout, argv[2] an old extract/articles.py
# whose parse_html replaces this checkout's (or ""), the rest its own arguments.
PRELUDE = """
import importlib.util, json, sys, time, datetime as dt
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import dateline.extract.articles
if sys.argv[2]:
    spec = importlib.util.spec_from_file_location("old_articles", sys.argv[2])
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    old.ArticleError = dateline.extract.articles.ArticleError  # its refusals are caught as this checkout's are
    dateline.extract.articles.parse_html = old.parse_html
args = sys.argv[3:]
"""

# `dateline parse --json` over the pages.
PARSE_DRIVER = (
    PRELUDE
    + """
from dateline.cli.main import main
sys.exit(main(["parse", "--json", *args]))
"""
)

# Reading alone: every page to an Article (or an error), as ingest reads files, nothing extracted or stored.
READ_DRIVER = (
    PRELUDE
    + """
from dateline.store.sources import read_articles
started, cpu = time.perf_counter(), time.process_time()
results = [result for _, result, _ in read_articles([args[0]])]
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
read = sum(1 for r in results if not isinstance(r, ValueError))
print(json.dumps({"seconds": elapsed, "cpu": cpu, "articles": read, "failed": len(results) - read}))
"""
)

# Ingest, a page at a time, so that an exception in one (a bug) is counted and does not end the run.
INGEST_DRIVER = (
    PRELUDE
    + """
from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store
db = open_store(args[1])
failed, crashed = 0, []
started, cpu = time.perf_counter(), time.process_time()
for page in sorted(Path(args[0]).iterdir()):
    try:
        failed += ingest_paths(db, [str(page)], dt.date(2019, 11, 20)).failed
    except Exception as error:
        crashed.append(f"{page.name[:12]}: {type(error).__name__}: {error}")
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
counts = {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in ("articles", "paragraphs", "events")}
print(json.dumps({"seconds": elapsed, "cpu": cpu, "failed": failed, "crashed": crashed, **counts}))
"""
)


def load_scorer(benchmark: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("aeb_evaluate", benchmark / "evaluate.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def url_date(url: str | None) -> str | None:
    if url and (m := URL_DATE.search(url)):
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    return None


def run_driver(driver: str, old_reader: str, *args: str, pin: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", driver, str(ROOT), old_reader, *args]
    if pin and shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def quality(benchmark: Path, n_bootstrap: int, old_reader: str = "") -> None:
    truth = json.loads((benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((benchmark / "html").glob("*.html.gz"))
    run = run_driver(PARSE_DRIVER, old_reader, *map(str, pages))
    if run.returncode not in (0, 1):
        sys.exit(run.stderr)
    records = {Path(r["file"]).name.removesuffix(".html.gz"): r for r in map(json.loads, run.stdout.splitlines())}
    prediction = {key: {"articleBody": "\n\n".join(records.get(key, {}).get("paragraphs", []))} for key in truth}
    metrics = load_scorer(benchmark).evaluate(truth, prediction, n_bootstrap)
    print(f"pages: {len(truth)}; read {len(records)}, refused {len(truth) - len(records)}")
    print(
        "F1 {f1:.3f} ± {f1_std:.3f}   precision {precision:.3f} ± {precision_std:.3f}   "
        "recall {recall:.3f} ± {recall_std:.3f}   accuracy {accuracy:.3f}".format(**metrics)
    )
    empty = [key for key in truth if not prediction[key]["articleBody"].strip()]
    print(
        f"empty bodies: {len(empty)}; of them trafilatura alone reads text from {trafilatura_reads(benchmark, empty)}"
    )
    dated = [r for r in records.values() if r["published"]]
    sources: dict[str, int] = {}
    for record in dated:
        sources[record["published_source"]] = sources.get(record["published_source"], 0) + 1
    where = ", ".join(f"{source or 'source not kept'} {count}" for source, count in sources.items())
    print(f"with a publication date: {len(dated)} of {len(truth)} ({where})")
    with_url_date = [(key, url_date(truth[key].get("url"))) for key in truth]
    with_url_date = [(key, day) for key, day in with_url_date if day and records.get(key, {}).get("published")]
    disagree = [(key, day) for key, day in with_url_date if records[key]["published"] != day]
    print(f"dates disagreeing with the URL's /YYYY/MM/DD/: {len(disagree)} of {len(with_url_date)} pages with both")
    for key, day in disagree:
        print(f"  {key[:12]}: {records[key]['published']} ({records[key]['published_source']}), URL {day}")
    if not old_reader:
        print(f"htmldate alone (find_date on the page) disagrees with the URL date on {htmldate_off(benchmark, truth)}")


def htmldate_off(benchmark: Path, truth: dict[str, dict]) -> str:
    """How often htmldate, called bare on a page, gives a date other than its URL's."""
    import htmldate

    both = off = 0
    for key, record in truth.items():
        day = url_date(record.get("url"))
        if day is None:
            continue
        html = gzip.decompress((benchmark / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        found = htmldate.find_date(html, original_date=True)
        both += found is not None
        off += found is not None and found != day
    return f"{off} of {both} pages"


def trafilatura_reads(benchmark: Path, keys: list[str]) -> int:
    """How many of these pages trafilatura, called bare, finds a body in."""
    import trafilatura

    found = 0
    for key in keys:
        html = gzip.decompress((benchmark / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        if (trafilatura.extract(html) or "").strip():
            found += 1
    return found


def speed(benchmark: Path, runs: int, readers: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        size = 0
        for page in sorted((benchmark / "html").glob("*.html.gz")):
            data = gzip.decompress(page.read_bytes())
            size += len(data)
            (folder / page.name.removesuffix(".gz")).write_bytes(data)
        pages = len(list(folder.iterdir()))
        print(f"{pages} pages ({size / 1e6:.1f} MB of HTML), one core, median of {runs} runs, CPU time:")
        for stage, driver in (("reading", READ_DRIVER), ("ingest", INGEST_DRIVER)):
            for label, old_reader in readers.items():
                results = []
                for run in range(runs):
                    db = Path(tmp) / f"{stage}-{len(label)}-{run}.db"
                    out = run_driver(driver, old_reader, str(folder), str(db), pin=True)
                    if out.returncode:
                        sys.exit(out.stderr)
                    results.append(json.loads(out.stdout.splitlines()[-1]))
                cpu = statistics.median(r["cpu"] for r in results)
                seconds = statistics.median(r["seconds"] for r in results)
                last = results[-1]
                stored = (
                    f"stored {last['articles']} articles, {last['paragraphs']} paragraphs, {last['events']} events"
                    if stage == "ingest"
                    else f"read {last['articles']} articles"
                )
                print(
                    f"  {stage:<8} {label:<22} {pages / cpu:6.1f} pages/s  {size / 1e6 / cpu:5.2f} MB/s "
                    f"({cpu:.2f} s; wall clock {seconds:.2f} s); {stored}; {last['failed']} failed"
                )
                for crash in last.get("crashed", []):
                    print(f"    ingest raised on {crash}")


def old_reader_file(revision: str, folder: Path) -> str:
    """extract/articles.py as it was at `revision`, written to a file in `folder`."""
    source = subprocess.run(
        ["git", "show", f"{revision}:extract/articles.py"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    path = folder / "old_articles.py"
    path.write_text(source, encoding="utf-8")
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--benchmark", type=Path, default=ROOT.parent / "aeb", help="a checkout of the benchmark")
    parser.add_argument("--baseline", metavar="REV", help="a git revision whose parse_html to compare with")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bootstrap", type=int, default=1000, help="the scorer's bootstrap samples")
    parser.add_argument("--only", default="quality,speed")
    args = parser.parse_args()
    if not (args.benchmark / "evaluate.py").exists() or not (args.benchmark / "html").is_dir():
        sys.exit(f"no benchmark at {args.benchmark}: clone scrapinghub/article-extraction-benchmark there")
    parts = args.only.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        readers = {"this checkout": ""}
        if args.baseline:
            readers[f"parse_html of {args.baseline}"] = old_reader_file(args.baseline, Path(tmp))
        if "quality" in parts:
            for label, old_reader in readers.items():
                print(f"== {label}, through `dateline parse --json`")
                quality(args.benchmark, args.bootstrap, old_reader)
        if "speed" in parts:
            speed(args.benchmark, args.runs, readers)


if __name__ == "__main__":
    main()
