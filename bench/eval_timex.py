"""Score the time-expression tagger on the TempEval-3 training corpus in ../shared/eval/timex.

    python bench/eval_timex.py [--eval ../shared/eval/timex] [--errors N]

Runs `dateline timex --jsonl` over TimeBank (the development half) and AQUAINT (kept as our own
held-out half) and prints the official scorer's figures for both.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from scoring import ROOT, tag_and_score  # bench/scoring.py, next to this script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval" / "timex")
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    if not (args.eval / "score_timex.py").exists():
        sys.exit(f"no evaluation data at {args.eval}")
    with tempfile.TemporaryDirectory() as tmp:
        for part in ("TimeBank", "AQUAINT"):
            docs, preds = Path(tmp) / f"{part}.jsonl", Path(tmp) / f"{part}.pred.jsonl"
            corpus = args.eval / "train" / part
            subprocess.run(
                [sys.executable, args.eval / "extract_text.py", corpus, "-o", docs], check=True, capture_output=True
            )
            lines = [json.loads(line) for line in docs.read_text().splitlines()]
            docs.write_text("".join(json.dumps({**d, "published": d["dct"][:10]}) + "\n" for d in lines))
            report = tag_and_score("timex", docs, preds, args.eval / "score_timex.py", corpus, args.errors)
            print(f"== {part}")
            print(report)


if __name__ == "__main__":
    main()
