"""Wire copies: articles that carry the same text (an agency story run by many outlets).

Each article gets a bottom-k sketch of its word 5-grams: the k smallest 64-bit hashes of its
shingles. Two sketches estimate the Jaccard resemblance of the two texts (Broder's bottom-k
estimator: of the k smallest hashes of their union, the share found in both). A library
(datasketch) does this with k permutations, but it imports NumPy and SciPy (0.6 s) and hashes
every shingle k times; one hash a shingle is enough for a yes/no on copies.
"""

from __future__ import annotations

import hashlib
import heapq
import re

SKETCH_SIZE = 64
SHINGLE_WORDS = 5
# Texts this alike are one story: agencies' copies differ by a byline, a dateline, a trimmed paragraph.
COPY_RESEMBLANCE = 0.6

_WORD = re.compile(r"\w+", re.UNICODE)


def sketch(text: str) -> tuple[int, ...]:
    """The text's bottom-k sketch (sorted), empty for a text shorter than one shingle."""
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    hashes = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles]
    hashes.sort()  # a few hundred: sorting them all costs less than keeping a heap of the smallest
    return tuple(hashes[:SKETCH_SIZE])


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard resemblance of the texts behind two sketches (0..1)."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, set(a) | set(b))
    shared = set(a) & set(b)
    return sum(1 for h in union if h in shared) / len(union)


def is_copy(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return resemblance(a, b) >= COPY_RESEMBLANCE
