"""The small curated word lists extraction relies on, loaded once from `extract/data/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dateline.extract.model import MONTH_NAMES


def _lines(name: str) -> list[str]:
    text = resources.files("dateline.extract.data").joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]


@cache
def countries() -> tuple[Place, ...]:
    places = []
    for line in _lines("countries.tsv"):
        name, aliases, capitals, demonyms = ([*line.split("\t"), "", "", ""])[:4]
        split = lambda field: tuple(a for a in field.split("|") if a)
        places.append(Place(name, split(aliases), split(capitals), split(demonyms)))
    return tuple(places)


@cache
def organisations() -> dict[str, str]:
    """Every written form of a known organisation -> its canonical name."""
    forms: dict[str, str] = {}
    for line in _lines("organisations.tsv"):
        name, _, aliases = line.partition("\t")
        for form in [name, *[a for a in aliases.split("|") if a]]:
            forms[form.removeprefix("the ")] = name
    return forms


@cache
def titles() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("titles.txt")), key=len, reverse=True))


@cache
def reporting_verbs() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("reporting_verbs.txt")), key=len, reverse=True))


@cache
def event_kinds() -> dict[str, tuple[str, ...]]:
    """Kinds of occurrence (call, meeting, attack, ...) -> the words and phrases that name them."""
    kinds: dict[str, tuple[str, ...]] = {}
    for line in _lines("event_kinds.tsv"):
        kind, _, words = line.partition("\t")
        kinds[kind] = tuple(w for w in words.split("|") if w)
    return kinds


@cache
def speaker_nouns() -> dict[str, str]:
    """Nouns that head an unnamed speaker's phrase ("a senior official", "the report") -> the kind
    of speaker: person, organisation or document."""
    nouns: dict[str, str] = {}
    for line in _lines("speaker_nouns.tsv"):
        noun, _, kind = line.partition("\t")
        nouns[noun] = kind
    return nouns


def words_pattern(words: tuple[str, ...] | list[str], not_after: str | None = None) -> str:
    """A regular expression matching any of `words`, preferring the longest; with `not_after` (a
    character class), only where the character before the word is not one of it.

    Built as a trie ("Secretary of State|Secretary" -> "Secretary(?: of State)?"): Python's engine
    tries the branches of a plain alternation one by one at every position, which with a few
    hundred titles or names made the actor patterns the slowest step of ingest. `not_after` is
    checked after the word's first character (`S(?<![-a-z].)ecretary`), where `(?<![-a-z])` before the
    pattern would check it first: a pattern that opens with a lookbehind (or a word boundary) is tried at every
    position of the text, one that opens with a choice of characters only where one of them stands.
    The two match the same: the first character is never a line break, which `.` would not match."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of a word
    if not_after is None:
        return _trie_regex(trie)
    if "" in trie or "\n" in trie:
        raise ValueError("words_pattern: not_after needs words that start with a character other than a line break")
    return "(?:" + "|".join(re.escape(c) + f"(?<!{not_after}.)" + _trie_regex(t) for c, t in sorted(trie.items())) + ")"


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a word may stop here; the longer ones are tried first because the group is greedy
        return f"(?:{body})?"
    return body


@cache
def country_forms() -> dict[str, str]:
    """Written forms of a country as an actor -> canonical name (capitals excluded)."""
    forms: dict[str, str] = {}
    for place in countries():
        for form in [place.name, *place.aliases]:
            forms[form.removeprefix("the ")] = place.name
    return forms


@cache
def place_forms() -> dict[str, str]:
    """Written forms of regions and territories (kind: place) -> canonical name."""
    forms: dict[str, str] = {}
    for line in _lines("places.tsv"):
        name, _, aliases = line.partition("\t")
        for form in [name, *[a for a in aliases.split("|") if a]]:
            forms[form.removeprefix("the ")] = name
    return forms


@cache
def capital_forms() -> dict[str, str]:
    return {capital: place.name for place in countries() for capital in place.capitals}


@cache
def demonyms() -> dict[str, str]:
    return {d: place.name for place in countries() for d in place.demonyms}


# Capitalised words that begin sentences or headings but never names.
NOT_NAMES = frozenset(
    """
    The A An And But Or If In On At For From To Of By With As After Before During While When Where
    This That These Those It Its He She They We I You His Her Their Our My Your Us Him Them
    There Here What Which Who Whom Whose Why How Meanwhile However Moreover Also Still Yet Since
    According Although Though Because Despite Earlier Later Last Next Now Then Today Yesterday
    Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr Some Many Most Several
    Both Each Every No Not Nor All Any Such Other Another Over Under About Against Between Into
    Through Without Within Among Amid Among Near Following Speaking Asked Asked Instead Even Only
    Just More Less Like Unlike Per Via Western Eastern Northern Southern West East North South European Soviet
    Officials Analysts Experts Diplomats Sources Reports Troops Forces Leaders Observers Critics
    Ministry Department Agency Council Committee Commission Government State Room House Street
    Square Palace Building Hall Church Airport Station Region Republic Province City Sea Ocean
    River Mountain Mountains Border Bridge Plant Power Nuclear Army Navy Air Force Forces Military
    Security Foreign Defense Defence National International Federal Central Joint Press Affairs
    """.split()
) | frozenset(MONTH_NAMES)
