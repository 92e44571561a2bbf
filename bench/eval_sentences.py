"""The sentence splitter against the sentences a careful reader marked.

    python bench/eval_sentences.py [--gold ../shared/eval/happenings/dev.jsonl] [--corpus ../shared/corpus/articles]

The gold file has every sentence of the corpus articles, one a line ({"file", "paragraph", "sentence"}).
Each article is read as ingest reads it and its paragraphs split; a gold sentence counts as found when
the splitter gives exactly that text. Prints precision and recall over the sets of sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateline.extract.articles import parse_plain_text
from dateline.extract.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "happenings" / "dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "articles")
    args = parser.parse_args()
    gold_rows = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    gold = {(row["file"], row["sentence"].strip()) for row in gold_rows}
    ours = set()
    for name in sorted({row["file"] for row in gold_rows}):
        article = parse_plain_text((args.corpus / name).read_text(encoding="utf-8"))
        ours |= {(name, s.text) for p in article.paragraphs for s in split_sentences(p.text)}
    found = len(gold & ours)
    print(f"{len(gold)} gold sentences, {len(ours)} split: {found} exactly the same")
    print(f"precision {found / len(ours):.3f}  recall {found / len(gold):.3f}")
    for name, sentence in sorted(gold - ours)[:10]:
        print(f"  missed  {name}: {sentence[:100]}")


if __name__ == "__main__":
    main()
