"""Shared by the evaluation scripts: run a `dateline` tagger over JSON Lines and score its output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tag_and_score(command: str, docs: Path, preds: Path, scorer: Path, gold: Path, errors: int = 0) -> str:
    """`dateline COMMAND --jsonl DOCS` written to PREDS, then SCORER GOLD PREDS; its report."""
    with preds.open("w") as out:
        subprocess.run(
            [sys.executable, "-m", "dateline.cli.main", command, "--jsonl", docs], check=True, stdout=out, cwd=ROOT
        )
    score = [sys.executable, scorer, gold, preds]
    if errors:
        score += ["--errors", str(errors)]
    return subprocess.run(score, check=True, capture_output=True, text=True).stdout
