"""Reporting verbs (cues) and the small phrases around them that name a speaker.

The reporting-verb pattern from the lexicon, the noun phrase a cue's subject is, pronouns and
role nouns ("he", "the official") resolved to the nearest fitting mention, and the attribution
tuple built from a mention. The building blocks of `extract/quote_attribution.py`.
"""

from __future__ import annotations

import re

from dateline.extract import lexicon, speakers
from dateline.extract.actors import FoundMention

_CUES = lexicon.words_pattern(list(lexicon.reporting_verbs()))
_CUE = re.compile(rf"\b(?:{_CUES}|According to)\b")  # "According to X," opens sentences

# A cue word used as a noun: "the demands", "his claims", "Russian-delivered demands", "fresh calls".
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|its|their|our|your|my|these|those|such|any|no|new|fresh|further|similar|repeated)\s+$",
    re.IGNORECASE,
)

_ADJECTIVE_BEFORE = re.compile(
    r"(?:\b[A-Za-z]+-[a-z]+|\b[a-z]+(?:ed|al|ive|ic|ous|ful|ary|['’]s)|\b[A-Z][a-z]+(?:ian|ese|ish))\s+$"
)  # "Russian-delivered demands", "military demands", "Asian states"


def _verb_cues(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Reporting verbs in `text[start:end]`, leaving out the same words used as nouns."""
    found = []
    for cue in _CUE.finditer(text, start, len(text) if end is None else end):
        before = text[max(0, cue.start() - 30) : cue.start()]
        if _DETERMINER_BEFORE.search(before):
            continue
        if cue.group().endswith("s") and _ADJECTIVE_BEFORE.search(before):
            continue
        found.append(cue)
    return found


def _first_cue(text: str) -> re.Match[str] | None:
    cues = _verb_cues(text)
    return cues[0] if cues else None


_PRONOUNS = {"he": "person", "she": "person", "they": None, "it": "organisation"}

_ROLE_NOUN = re.compile(
    r"\b(?:the|a|an|one|another)\s+(?:[\w.-]+\s+){0,3}?(?P<role>official|spokesman|spokeswoman|spokesperson|"
    r"minister|diplomat|president|secretary|ambassador|envoy|statement|ministry|source|lawmaker|senator|"
    r"leader|analyst|expert|adviser|advisor|aide|commander|general|chancellor|officer|negotiator|"
    r"candidate|governor|mayor|chairman|chairwoman|director|strategist|consultant|researcher|"
    r"professor|economist|witness|resident|commenter|reporter|correspondent|host|campaign|report|"
    r"newspaper|agency|group)s?\b",
    re.IGNORECASE,
)


def _mention_to_attribution(
    mention: FoundMention, cue: str | None
) -> tuple[str | None, str | None, int, int, str | None]:
    return mention.key, None, mention.start, mention.end, cue


def _appositive_name(body, after_cue, kinds):  # type: ignore[no-untyped-def]
    """ "said Britain's ambassador to the UN, Jane Roe": the person the title belongs to, not its country."""
    first = after_cue[0]
    if kinds.get(first.key) == "person":
        return first
    for later in after_cue[1:]:
        between = body[first.end : later.start]
        if kinds.get(later.key) == "person" and re.fullmatch(r"['’]s?\s+[^,.;]{2,60},\s+", between):
            return later
    return first


def _phrase_attribution(body, phrase, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    """A speaker phrase as an attribution: a document is credited to its author when one is named."""
    if phrase.kind == "document":
        author = speakers.document_author(body, phrase, mentions, kinds)
        if author:
            return author[0], author[1], phrase.start, phrase.end, cue
    if phrase.head in ("correspondent", "correspondents", "reporter", "reporters", "journalists", "journalist"):
        owner = [m for m in mentions if m.end <= phrase.end and re.fullmatch(r"['’]s?\s+", body[m.end : m.end + 3][:3])]
        outlet = [m for m in owner if phrase.start <= m.start]
        if outlet:  # "the Daily Planet's correspondents": the outlet's words
            return outlet[-1].key, None, phrase.start, phrase.end, cue
        named = re.match(r"(?:[Tt]he\s+)?((?:[A-Z][\w-]+\s+)*[A-Z][\w-]+)['’]s?\s", body[phrase.start : phrase.end])
        if named:
            return None, named.group(1), phrase.start, phrase.end, cue
    return None, phrase.text(body), phrase.start, phrase.end, cue


_NOT_SPEAKERS = frozenset(
    "But And Or So Yet Then However Also Still Now Here There Instead Meanwhile Later Earlier".split()
)

_NP_START = re.compile(r"(?:(?i:the|a|an|one|another|some|many|several|two|three)\b|[A-Z])")


def _noun_phrase(body: str, start: int, end: int, leading: bool = False) -> tuple[int, int] | None:
    """The words between `start` and `end` as a speaker's noun phrase, if they look like one.

    With `leading`, the phrase is the beginning of that stretch, up to a comma or preposition."""
    text = body[start:end]
    offset = len(text) - len(text.lstrip(' ,”"—–-'))
    text = text[offset:]
    if leading:
        cut = re.search(
            r"[,.;:!?]|\s(?:in|on|at|during|after|before|to|of|about|from|with|for|when|while|has|have|had|is|was|"
            r"were|are|will|would|can|could|did|does|who|which|that|\w+ed)\s",
            text,
        )
        text = text[: cut.start()] if cut else text
    text = text.rstrip(" ,")
    words = text.split()
    if not 1 <= len(words) <= 7 or not _NP_START.match(text) or "\n" in text:
        return None
    if words[0].lower() in ("he", "she", "they", "it", "i", "we", "you") or text[0] in '“"':
        return None
    if words[0].strip(",") in _NOT_SPEAKERS or re.fullmatch(
        r"(?:In|On|At|For|From|With|By|To|Of|During|[A-Z][a-z]+ing)", words[0]
    ):
        return None  # "But, said Solovey": a conjunction or adverb, not a speaker
    return start + offset, start + offset + len(text)


def _possessive(body: str, mention: FoundMention) -> bool:
    """ "Sanders's following", "Gowdy’s office": the actor owns something; it is not the one speaking."""
    return re.match(r"['’]s?\b", body[mention.end : mention.end + 2]) is not None


_OBJECT_BEFORE = re.compile(r"\b(?:with|to|by|for|against|on|about|from|of|at|into|than|like|as)\s+(?:the\s+)?$")


def _names_the_aside(body: str, aside: tuple[int, int], mention: FoundMention) -> bool:
    """ "the country's president, Jan Kos, said": the aside is only the name of the one before it."""
    if body[aside[0] : aside[1]].strip(" ,") != mention.text:
        return False
    role = re.search(r"([\w-]+)\s*$", body[max(0, aside[0] - 30) : aside[0]])
    return role is not None and speakers.noun_kind(role.group(1)) == "person"


def _aside_before(body: str, start: int, cue_start: int) -> tuple[int, int]:
    """The comma-delimited aside right before a verb ("X, clad in a red cape, said"), or an empty span."""
    text = body[start:cue_start].rstrip()
    if not text.endswith(","):
        return (0, 0)
    opening = text.rfind(",", 0, len(text) - 1)
    if opening < 0:
        return (0, 0)
    return (start + opening, start + len(text))


def _resolve_pronoun(word, start, end, quote_start, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    """A pronoun's speaker: the most recent actor of a fitting kind before it."""
    lowered = word.lower()
    wanted = _PRONOUNS.get(lowered, "person") if lowered not in ("who", "i", "we") else None
    earlier = [
        m for m in mentions if m.end <= min(start, quote_start) and (wanted is None or kinds.get(m.key) == wanted)
    ]
    if lowered in ("i", "we"):
        earlier = []
    if earlier:
        return earlier[-1].key, None, start, end, cue
    return None, None, start, end, cue  # the mention is kept; an unresolved "he" names no one


def _pronoun_or_role(body, start, end, quote_start, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    window = body[start:end]
    pronoun = re.search(r"\b(he|she|they|it|He|She|They|It)\b", window)
    role = _ROLE_NOUN.search(window)
    match = pronoun if pronoun and (not role or pronoun.start() < role.start()) else role
    if match is None:
        return None
    m_start, m_end = start + match.start(), start + match.end()
    word = match.group().lower()
    if match is role and re.match(r"(?:a|an|one|another)\s", word):
        return None, match.group(), m_start, m_end, cue  # "an intelligence source said": unnamed, not a back-reference
    wanted = _PRONOUNS.get(word, "person") if match is pronoun else _role_kind(role["role"])
    earlier = [
        m for m in mentions if m.end <= min(m_start, quote_start) and (wanted is None or kinds.get(m.key) == wanted)
    ]
    if earlier:
        return earlier[-1].key, None, m_start, m_end, cue
    return None, (None if match is pronoun else match.group()), m_start, m_end, cue


def _role_kind(role: str) -> str:
    return "organisation" if role.lower() in ("statement", "ministry") else "person"
