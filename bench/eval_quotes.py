"""Score quote attribution on PolNeAR (../shared/eval/quotes), on our development and checking splits.

    python bench/eval_quotes.py [--eval ../shared/eval/quotes] [--split dev|check|both] [--errors N]

The 840 distinct articles are ordered by the SHA-1 of their id; the first 140 are the checking
split (looked at rarely, never tuned to), the other 700 the development split. Runs
`dateline quotes --jsonl` and the official scorer.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

from scoring import ROOT, tag_and_score  # bench/scoring.py, next to this script


def splits(gold: Path) -> dict[str, list[dict]]:
    seen: dict[str, dict] = {}
    for line in gold.open(encoding="utf-8"):
        doc = json.loads(line)
        seen.setdefault(doc["id"], doc)  # a few articles were annotated twice: the scorer uses the first
    ordered = sorted(seen.values(), key=lambda d: hashlib.sha1(d["id"].encode()).hexdigest())
    return {"check": ordered[:140], "dev": ordered[140:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval" / "quotes")
    parser.add_argument("--split", choices=["dev", "check", "both"], default="dev")
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    gold_file = args.eval / "polnear_train.jsonl"
    if not gold_file.exists():
        sys.exit(f"no evaluation data at {args.eval}")
    parts = splits(gold_file)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("dev", "check") if args.split == "both" else (args.split,):
            gold, docs, preds = (Path(tmp) / f"{name}.{kind}.jsonl" for kind in ("gold", "in", "pred"))
            gold.write_text("".join(json.dumps(d) + "\n" for d in parts[name]))
            docs.write_text("".join(json.dumps({"doc": d["id"], "text": d["text"]}) + "\n" for d in parts[name]))
            report = tag_and_score("quotes", docs, preds, args.eval / "score_quotes.py", gold, args.errors)
            print(f"== {name} ({len(parts[name])} articles)")
            print(report)


if __name__ == "__main__":
    main()
