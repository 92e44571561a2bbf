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
import sys
from array import array

SKETCH_SIZE = 64
SHINGLE_WORDS = 5
# Texts this alike are one story: agencies' copies differ by a byline, a dateline, a trimmed paragraph.
COPY_RESEMBLANCE = 0.6

_WORD = re.compile(r"\w+", re.UNICODE)


def sketch(text: str) -> tuple[int, ...]:
    """The text's bottom-k sketch (sorted), empty for a text shorter than one shingle. Each shingle's
    hash is the first 8 bytes of its UTF-8 BLAKE2b digest read big-endian (stored sketches hold them):
    the words are encoded once, not once in each of their five shingles, and the digests read as one array."""
    words = [w.lower().encode() for w in _WORD.findall(text)]
    tails = (words[i:] for i in range(SHINGLE_WORDS))
    shingles = set(map(b" ".join, zip(*tails, strict=False)))  # as many as the shortest tail has words
    blake2b = hashlib.blake2b
    hashes = array("Q", b"".join([blake2b(s, digest_size=8).digest() for s in shingles]))
    if sys.byteorder == "little":
        hashes.byteswap()  # the digests are read big-endian
    return tuple(sorted(hashes)[:SKETCH_SIZE])  # a few hundred: a sort costs less than a heap of the smallest


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard resemblance of the texts behind two sketches (0..1)."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, set(a) | set(b))
    shared = set(a) & set(b)
    return sum(1 for h in union if h in shared) / len(union)


def is_copy(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return resemblance(a, b) >= COPY_RESEMBLANCE
