"""Split paragraph text into sentences, keeping character offsets.

A rule-based splitter tuned for newswire: it does not break after common
abbreviations ("U.S.", "Feb.", "Mr.", "p.m.") or initials, and it keeps a closing
quotation mark with the sentence it ends.
"""

from __future__ import annotations

import re

from dateline.extract.model import Sentence

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev st jr sr sec amb pres
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd llc dept univ no vs etc approx est fig ft mt
    a.m p.m u.s u.k u.n e.u u.s.a d.c i.e e.g
    """.split()
)

# A candidate sentence end: terminal punctuation, optional closing quotes or
# brackets, then whitespace. Possessive, and only from the start of a run of punctuation, so a
# long run that ends no sentence is read once, not once per character.
_END = re.compile(r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s)""")
_NEXT_STARTS_SENTENCE = re.compile(r"""\s+["'“‘(\[]?[A-Z0-9]""")
_WORD_CHAR = re.compile(r"[\w.]")
_WORD_AFTER = re.compile(r"""\s+["“‘(]?(\w+)""")


def split_sentences(text: str, paragraph: int = 0) -> list[Sentence]:
    """Sentences of one paragraph, with offsets into `text`."""
    sentences: list[Sentence] = []
    start = _skip_space(text, 0)
    for match in _END.finditer(text):
        end = match.end()
        if end <= start or not _is_boundary(text, match):
            continue
        sentences.append(Sentence(paragraph, start, end, text[start:end]))
        start = _skip_space(text, end)
    tail = text[start:].rstrip()
    if tail:
        sentences.append(Sentence(paragraph, start, start + len(tail), tail))
    return sentences


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if not _NEXT_STARTS_SENTENCE.match(text, match.end()):
        return False
    if not match.group().startswith("."):
        return True
    token = _word_before(text, match.start()).lower().rstrip(".")
    if not token:
        return True
    if token in ABBREVIATIONS:
        # "in the U.S. The ..." is a real break; "Mr. Smith" is not. An
        # abbreviation that only ever precedes a name or number never ends one.
        return token in {"u.s", "u.k", "u.n", "e.u", "d.c", "etc", "a.m", "p.m"} and _capital_after(
            text, match.end(), stopwords=True
        )
    return not (len(token) == 1 and token.isalpha())  # an initial: "John F. Kennedy"


_SENTENCE_OPENERS = frozenset(
    "the a an it he she they we i in on at but and this that there his her its their as if "
    "while when after before however meanwhile earlier later".split()
)


def _word_before(text: str, end: int) -> str:
    """The run of word characters and dots that ends at `end` (or just before a newline there),
    read backwards from `end`: the cost is the word's length, not the text's."""
    if end > 0 and text[end - 1] == "\n":
        end -= 1  # as `$` matches before a final newline
    start = end
    while start > 0 and _WORD_CHAR.match(text, start - 1):
        start -= 1
    return text[start:end]


def _capital_after(text: str, index: int, stopwords: bool) -> bool:
    word = _WORD_AFTER.match(text, index)
    return bool(word) and (not stopwords or word.group(1).lower() in _SENTENCE_OPENERS)
