"""Score Dateline's reading of web pages on scrapinghub/article-extraction-benchmark, and time HTML ingest.

    git clone https://github.com/scrapinghub/article-extraction-benchmark ../aeb
    python bench/eval_html.py [--benchmark ../aeb] [--baseline DIR] [--runs 3] [--only quality,speed]

quality: the benchmark's 181 pages (html/*.html.gz) go through `dateline parse --json`, and the
articleBody built from its paragraphs is scored by the benchmark's own evaluate.py (word 4-gram
precision / recall / F1 averaged over pages, with its bootstrap spread). Also reported: pages with an
empty body (and how many of those trafilatura alone reads text from), pages with a publication date and
where it came from, and dates that disagree with the /YYYY/MM/DD/ in the page's URL (the URL the
benchmark gives for it).
speed: the same pages, unpacked to .html, read (file to article, as ingest reads them: the part the
HTML reader is) and ingested into a fresh store by `store.ingest.ingest_paths`
in a process of their own pinned to one core (`taskset -c 0` where there is one), --published
2019-11-20 for pages without a date; the median of --runs, in CPU time (the process's own, so that
other work on a shared machine moves it less than the wall clock, which is printed too).
With --baseline DIR (a checkout of an earlier Dateline, e.g. `git worktree add ../before <commit>`),
that code reads and ingests the same pages too.
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

# Runs in a process of its own, with the code under test first on sys.path: prints seconds and counts.
# A page at a time, so that an exception in one (a bug) is counted and does not end the run.
INGEST_DRIVER = """
import json, sys, time, datetime as dt
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from store.ingest import ingest_paths
from store.schema import open_store
db = open_store(sys.argv[3])
failed, crashed = 0, []
started, cpu = time.perf_counter(), time.process_time()
for page in sorted(Path(sys.argv[2]).iterdir()):
    try:
        failed += ingest_paths(db, [str(page)], dt.date(2019, 11, 20)).failed
    except Exception as error:
        crashed.append(f"{page.name[:12]}: {type(error).__name__}: {error}")
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
counts = {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in ("articles", "paragraphs", "events")}
print(json.dumps({"seconds": elapsed, "cpu": cpu, "failed": failed, "crashed": crashed, **counts}))
"""


# Reading alone: every page to an Article (or an error), as ingest reads files, nothing extracted or stored.
READ_DRIVER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import store.ingest
started, cpu = time.perf_counter(), time.process_time()
if hasattr(store.ingest, "read_articles"):
    results = [result for _, result, _ in store.ingest.read_articles([sys.argv[2]])]
else:  # a Dateline from before `dateline parse`
    files, _ = store.ingest.expand_paths([sys.argv[2]])
    results = [result for _, _, result, _ in store.ingest._read_sources(files)]
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
read = sum(1 for r in results if not isinstance(r, ValueError))
print(json.dumps({"seconds": elapsed, "cpu": cpu, "articles": read, "failed": len(results) - read}))
"""

# The same for an earlier Dateline that has no `dateline parse`: its HTML parser over each page.
PARSE_DRIVER = """
import gzip, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from extract.articles import Article, parse_articles
for page in sys.argv[2:]:
    text = gzip.decompress(Path(page).read_bytes()).decode("utf-8")
    for result in parse_articles(text, page, "html"):
        if isinstance(result, Article):
            print(json.dumps({"file": page, "published": result.published and result.published.isoformat(),
                              "published_source": "meta", "paragraphs": [p.text for p in result.paragraphs]}))
"""


def load_scorer(benchmark: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("aeb_evaluate", benchmark / "evaluate.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def url_date(url: str | None) -> str | None:
    if url and (m := URL_DATE.search(url)):
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    return None


def quality(benchmark: Path, n_bootstrap: int, baseline: Path | None = None) -> None:
    truth = json.loads((benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((benchmark / "html").glob("*.html.gz"))
    if baseline is None:
        command = [sys.executable, "-m", "tui.cli", "parse", "--json", *map(str, pages)]
    else:
        command = [sys.executable, "-c", PARSE_DRIVER, str(baseline), *map(str, pages)]
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT if baseline is None else baseline)
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
    print(
        f"with a publication date: {len(dated)} of {len(truth)} ({', '.join(f'{k} {v}' for k, v in sources.items())})"
    )
    with_url_date = [(key, url_date(truth[key].get("url"))) for key in truth]
    with_url_date = [(key, day) for key, day in with_url_date if day and records.get(key, {}).get("published")]
    disagree = [(key, day) for key, day in with_url_date if records[key]["published"] != day]
    print(f"dates disagreeing with the URL's /YYYY/MM/DD/: {len(disagree)} of {len(with_url_date)} pages with both")
    for key, day in disagree:
        print(f"  {key[:12]}: {records[key]['published']} ({records[key]['published_source']}), URL {day}")
    if baseline is None:
        print(f"htmldate alone (find_date on the page) disagrees with the URL date on {htmldate_off(benchmark, truth)}")
    if run.returncode not in (0, 1):
        print(run.stderr, file=sys.stderr)


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


def speed(benchmark: Path, baseline: Path | None, runs: int) -> None:
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
            for label, code in (("this checkout", ROOT), ("baseline", baseline)):
                if code is None:
                    continue
                results = []
                for run in range(runs):
                    db = Path(tmp) / f"{label.replace(' ', '-')}-{run}.db"
                    command = [sys.executable, "-c", driver, str(code), str(folder), str(db)]
                    if shutil.which("taskset"):
                        command = ["taskset", "-c", "0", *command]
                    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tmp)
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
                    f"  {stage:<8} {label:<14} {pages / cpu:6.1f} pages/s  {size / 1e6 / cpu:5.2f} MB/s "
                    f"({cpu:.2f} s; wall clock {seconds:.2f} s); {stored}; {last['failed']} failed"
                )
                for crash in last.get("crashed", []):
                    print(f"    ingest raised on {crash}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--benchmark", type=Path, default=ROOT.parent / "aeb", help="a checkout of the benchmark")
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier Dateline to time against")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bootstrap", type=int, default=1000, help="the scorer's bootstrap samples")
    parser.add_argument("--only", default="quality,speed")
    args = parser.parse_args()
    if not (args.benchmark / "evaluate.py").exists() or not (args.benchmark / "html").is_dir():
        sys.exit(f"no benchmark at {args.benchmark}: clone scrapinghub/article-extraction-benchmark there")
    parts = args.only.split(",")
    if "quality" in parts:
        print("== this checkout, through `dateline parse --json`")
        quality(args.benchmark, args.bootstrap)
        if args.baseline:
            print(f"== baseline {args.baseline}, its HTML parser")
            quality(args.benchmark, args.bootstrap, args.baseline)
    if "speed" in parts:
        speed(args.benchmark, args.baseline, args.runs)


if __name__ == "__main__":
    main()
