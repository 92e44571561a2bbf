"""Score quotes and their named speakers on the crisis-coverage gold (../shared/eval/quotes).

    python bench/eval_named_quotes.py [--eval ../shared/eval/quotes] [--errors N]

Runs `dateline quotes --jsonl` over `crisis_dev.in.jsonl` (the 30 articles of ../shared/corpus) and the
scorer `score_named_quotes.py`: quote detection, and whether the name given as speaker is the right one.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from scoring import ROOT  # bench/scoring.py, next to this script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval" / "quotes")
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    docs, gold, scorer = (
        args.eval / name for name in ("crisis_dev.in.jsonl", "crisis_dev.gold.jsonl", "score_named_quotes.py")
    )
    if not gold.exists():
        sys.exit(f"no evaluation data at {args.eval}")
    with tempfile.TemporaryDirectory() as tmp:
        preds = Path(tmp) / "crisis_dev.pred.jsonl"
        with preds.open("w") as out:
            subprocess.run(
                [sys.executable, "-m", "dateline.cli.main", "quotes", "--jsonl", docs], check=True, stdout=out, cwd=ROOT
            )
        score = [sys.executable, scorer, docs, gold, preds]
        if args.errors:
            score += ["--errors", str(args.errors)]
        print(subprocess.run(score, check=True, capture_output=True, text=True).stdout, end="")


if __name__ == "__main__":
    main()
