"""Kinds of occurrence a report tells of (a call, a meeting, a strike, a vote, ...), from the words
that name them (`extract/data/event_kinds.tsv`).

Two accounts that name different kinds, and none in common, tell of different occurrences (a call
and a strike on one day stay two happenings, however alike their words). `statement` is the weak
kind: nearly every report says who said it, so an account is of that kind only when its own words
(outside quotation marks) name no other: a statement told of for itself ("the minister said in a
tweet ..."), a happening of its own beside the strike it may be about. An account that names no
kind at all is compared by its words and actors alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from dateline.extract.lexicon import event_kinds, words_pattern

STATEMENT = "statement"

_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
# Quoted words name what the speaker talks about, not the speaking: a quotation, one left open at the
# end of the sentence, or the end of one opened in an earlier sentence.
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|^[^“\"]*”")


def occurrence_kinds(text: str) -> frozenset[str]:
    """The kinds of occurrence a report's own words name; words inside quotation marks are left out."""
    _, phrases, phrase_kinds = _lexicon()
    plain = unquoted(text).lower()
    found = {kind for m in phrases.finditer(plain) for kind in phrase_kinds[m.group(0)]}
    found.update(*map(_word_kinds, _WORD.findall(plain)))  # one call, not one a word
    return frozenset(found)


@cache
def _word_kinds(word: str) -> tuple[str, ...]:
    return _lexicon()[0].get(stem(word.replace("’", "'").removesuffix("'s")), ())


def account_kinds(kinds: Iterable[frozenset[str]]) -> frozenset[str]:
    """An account's kinds from its reports': every kind they name, `statement` only when they name
    no other."""
    every = [k for k in kinds if k]
    strong = frozenset(k for ks in every for k in ks if k != STATEMENT)
    if strong:
        return strong
    return frozenset({STATEMENT}) if every else frozenset()


def different_kinds(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two accounts' kinds tell of different occurrences: each names a kind, none in common."""
    return bool(a) and bool(b) and a.isdisjoint(b)


def unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text) if "”" in text or "“" in text or '"' in text else text


@cache
def stem(word: str) -> str:
    """A lower-case word's English stem (Snowball)."""
    return _stemmer().stemWord(word)


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer  # PyStemmer: Snowball's English stemmer in C

    return Stemmer.Stemmer("english")


@cache
def _lexicon() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str], dict[str, tuple[str, ...]]]:
    """Single words by stem -> kinds; a pattern of the phrases; each phrase -> kinds."""
    words: dict[str, set[str]] = {}
    phrases: dict[str, set[str]] = {}
    for kind, forms in event_kinds().items():
        for form in forms:
            if " " in form:
                phrases.setdefault(form, set()).add(kind)
            else:
                words.setdefault(stem(form), set()).add(kind)
    if any(not phrase[:1].isalpha() for phrase in phrases):
        raise ValueError("event_kinds.tsv: a phrase starts with a letter")
    # `\b` before a phrase, checked after its first letter (`not_after`): tried only where one stands
    pattern = re.compile(words_pattern(list(phrases), not_after=r"\w") + r"\b")
    return (
        {w: tuple(sorted(k)) for w, k in words.items()},
        pattern,
        {p: tuple(sorted(k)) for p, k in phrases.items()},
    )
