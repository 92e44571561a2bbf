"""Score the happenings timeline on the sentence-level gold of ../shared/eval/happenings.

    python bench/eval_happenings.py [--eval ../shared/eval/happenings] [--corpus ../shared/corpus/articles]
                                    [--events] [--errors]

Ingests the corpus into a fresh store in a temporary folder with `dateline ingest`, prints
`dateline happenings --json` (or, with --events, `dateline events --json`: the sentence-per-row
baseline) and runs the gold's own scorer `score_happenings.py` on it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=SHARED / "eval" / "happenings")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "articles")
    parser.add_argument("--events", action="store_true", help="score the events (one row per report) instead")
    parser.add_argument("--errors", action="store_true", help="list missed and split gold happenings")
    args = parser.parse_args()
    dateline = [sys.executable, "-m", "dateline.cli.main"]
    with tempfile.TemporaryDirectory() as tmp:
        db, pred = Path(tmp) / "eval.db", Path(tmp) / "pred.jsonl"
        subprocess.run([*dateline, "ingest", str(args.corpus), "--db", str(db), "--quiet"], check=True, cwd=ROOT)
        with pred.open("w") as out:
            listing = "events" if args.events else "happenings"
            subprocess.run([*dateline, listing, "--db", str(db), "--json"], check=True, stdout=out, cwd=ROOT)
        score = [sys.executable, str(args.eval / "score_happenings.py"), str(args.eval / "dev.jsonl"), str(args.corpus)]
        score += [str(pred)] + (["--errors"] if args.errors else [])
        return subprocess.run(score, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
