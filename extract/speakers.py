"""Unnamed speakers and the authors of documents, read from the words of a news sentence.

A speaker is not always a name: "a senior Pentagon official said", "the head of the country's security
council said", "US officials described ... as", "the report asserted", "one statement read". This module
finds such a phrase right before a reporting verb and, when the phrase names a document, who wrote it:
"a statement by the Foreign Ministry", "the Foreign Ministry's statement", "a Russian document", "a
resolution co-written by Albania and Norway", or an earlier mention of the same document.

Offsets are into the article body, as everywhere in `extract`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from dateline.extract import lexicon
from dateline.extract.actors import FoundMention

_DETERMINERS = frozenset(
    "the a an one another two three four several some many most its his her their our this that these those".split()
)
# Words that cannot stand inside a speaker's noun phrase: verbs, prepositions, conjunctions, pronouns.
_NOT_MODIFIERS = frozenset(
    """is was were are be been being has have had will would could can may might must should shall do does did
    and or but nor so yet if then than that which who whom whose what when where while as at by for from in into
    on onto to with without about after before during since until against among over under through he she it
    they we you i him her them us me also not no said says say told tell""".split()
)
_WORD = re.compile(r"[\w.'’-]+")


@lru_cache(maxsize=4)
def _newlines(body: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", body)]


def next_newline(body: str, index: int) -> int:
    """The first line break at or after `index`, or the end of `body` (a bisection: a long article
    asks this for every quote)."""
    breaks = _newlines(body)
    found = bisect.bisect_left(breaks, index)
    return breaks[found] if found < len(breaks) else len(body)


def previous_newline(body: str, index: int) -> int:
    """The last line break before `index`, or -1."""
    breaks = _newlines(body)
    found = bisect.bisect_left(breaks, index) - 1
    return breaks[found] if found >= 0 else -1


def noun_kind(word: str) -> str | None:
    """The kind of speaker a head noun names ("officials": person, "ministry": organisation), or None."""
    nouns = lexicon.speaker_nouns()
    lowered = word.lower().strip(".,")
    if lowered in nouns:
        return nouns[lowered]
    for suffix in ("s", "es"):
        if lowered.endswith(suffix) and lowered[: -len(suffix)] in nouns:
            return nouns[lowered[: -len(suffix)]]
    return None


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    kind: str  # person, organisation or document: what its head noun names
    head: str  # the head noun, lower case and singular as written

    def text(self, body: str) -> str:
        return body[self.start : self.end]


def phrase_before(body: str, start: int, end: int, subject: bool = True) -> Phrase | None:
    """The noun phrase ending at `end` (a reporting verb follows) when a speaker noun heads it:
    "the hackers", "a Pentagon official", "US officials", "the head of the country's defence council"."""
    text = body[start:end]
    trimmed = text.rstrip(" ,")
    words = list(_WORD.finditer(trimmed))
    if not words:
        return None
    head = words[-1]
    kind = noun_kind(head.group())
    if head.group().endswith("."):
        return None  # a sentence ends there
    if kind is None or not head.group()[:1].isalpha():
        return None
    first = len(words) - 1
    index = first - 1
    through_of = False
    while index >= 0:
        word = words[index].group()
        lowered = word.lower()
        if lowered in _DETERMINERS:
            first = index
            break
        if lowered in ("of", "for") and not through_of and index >= 1 and noun_kind(words[index - 1].group()):
            through_of = True  # "the head of ...", "the spokesman for ..."
            first = index - 1
            index -= 2
            continue
        if lowered == "and" and through_of is False and index < first:
            # "the national security and defense council": 'and' inside the modifiers, only after a modifier
            if index >= 1 and words[index - 1].group().lower() not in _NOT_MODIFIERS:
                index -= 1
                continue
            break
        if word in _NOT_MODIFIERS or not _separated_by_space(trimmed, words[index], words[index + 1]):
            break
        if word in lexicon.NOT_NAMES and word[:1].isupper():
            break  # "Later a Pentagon official": a sentence adverb, not part of the phrase
        if len(words) - index > 9:
            break
        first = index
        index -= 1
    phrase_start = start + words[first].start()
    phrase_end = start + head.end()
    if body[phrase_start:phrase_end].lower() in ("it", "they"):
        return None
    if subject and not _opens_clause(body, phrase_start):
        return None  # "in public office", "read a teleprompter": an object, not the one speaking
    return Phrase(phrase_start, phrase_end, kind, head.group().lower())


def phrase_after(body: str, start: int, end: int, mentions: list[FoundMention]) -> Phrase | None:
    """The noun phrase opening `body[start:end]` when a speaker noun heads it and no actor is named
    before that noun: '," read one statement from ...', 'according to a Russian document, ...'."""
    text = body[start:end]
    for match in _WORD.finditer(text):
        word = match.group()
        if match.start() > 80 or (word in _NOT_MODIFIERS and word.lower() not in _DETERMINERS):
            return None
        if re.search(r"[,;:]", text[: match.start()]):
            return None
        kind = noun_kind(word)
        if kind is None:
            continue
        follows = text[match.end() : match.end() + 50]
        if _NAME_FOLLOWS.match(follows):
            return None  # "spokeswoman Maria Zakharova", "ambassador to the UN, Jane Roe": the name speaks
        head_start, head_end = start + match.start(), start + match.end() - len(word) + len(word.rstrip("."))
        if any(m.start < head_end and m.end > head_start for m in mentions):
            return None  # "the Foreign Ministry": a named actor
        if any(start <= m.start < head_start and not _modifies(body, m, head_start) for m in mentions):
            return None
        opening = len(text) - len(text.lstrip(" ,"))
        return Phrase(start + opening, head_end, kind, word.lower())
    return None


_NAME_FOLLOWS = re.compile(r"\.?\s+[A-Z][a-z]|(?:\s+(?:to|of|at|for|in)\s+(?:the\s+)?[\w.]+)?,\s+[A-Z][a-z]+\s+[A-Z]")


def _modifies(body: str, mention: FoundMention, head_start: int) -> bool:
    """ "a Russian document", "the UN resolution": the actor only qualifies the noun after it."""
    between = body[mention.end : head_start]
    return re.fullmatch(r"(?:['’]s?)?(?:\s+[\w-]+){0,3}\s+", between) is not None and "," not in between


_CLAUSE_OPENERS = frozenset(
    """that what which who whom whose and but as when while because where if after before since though
    although so whereas once until""".split()
)


def _opens_clause(body: str, index: int) -> bool:
    """Whether a phrase starting at `index` can be a subject: it opens the sentence or a clause."""
    before = body[max(0, index - 60) : index]
    if not before.strip() or re.search(r"[.!?:;,(—–\n”\"]\s*$", before):
        return True
    word = re.search(r"([\w’'-]+)\s*$", before)
    if word is None:
        return False
    if word.group(1).lower() in _CLAUSE_OPENERS:
        return True
    # "Later a Pentagon official said": one capitalised word opening the sentence
    return re.search(r"(?:^|[.!?\n]\s*)[A-Z][a-z]+\s*$", before) is not None and word.group(1)[:1].isupper()


def _separated_by_space(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    return text[left.end() : right.start()].isspace()


def _mention_after(mentions: list[FoundMention], start: int, limit: int) -> FoundMention | None:
    after = [m for m in mentions if start <= m.start <= limit]
    return after[0] if after else None


def document_author(
    body: str, phrase: Phrase, mentions: list[FoundMention], kinds: dict[str, str]
) -> tuple[str | None, str | None, int, int] | None:
    """Who wrote the document `phrase` names: (actor key, words, start, end), or None.

    In this order: an author named with it ("a statement by X", "X's report", "a statement released by
    X"), an author told nearby ("the motion, which was co-written by X and Y"), an actor among its
    modifiers ("a Russian document", "a UN resolution"), a modifier phrase ("a Ukrainian intelligence
    report": Ukrainian intelligence), and, for "the statement", the one mentioned before it."""
    after = body[phrase.end : phrase.end + 120]
    found = re.match(
        r"\s+(?:(?:released|issued|published|posted|sent|signed|written|put out)\s+)?(?:by|from|of)\s+(?:the\s+)?",
        after,
    )
    if found:
        author = _author_at(body, phrase.end + found.end(), mentions, kinds)
        if author:
            return author
    owner = [m for m in mentions if m.end <= phrase.start and re.fullmatch(r"['’]s?\s*", body[m.end : phrase.start])]
    inside = [m for m in mentions if phrase.start <= m.start and m.end <= phrase.end]
    if owner:
        return owner[-1].key, None, owner[-1].start, owner[-1].end
    told = _author_told_nearby(body, phrase, mentions, kinds)
    if told:
        return told
    if inside:
        return inside[0].key, None, inside[0].start, inside[0].end
    modifiers = body[phrase.start : phrase.end].split()[:-1]
    while modifiers and modifiers[0].lower() in _DETERMINERS:
        modifiers = modifiers[1:]
    if len(modifiers) == 1 and modifiers[0] in lexicon.demonyms():  # "a Russian document": Russia wrote it
        first = body.index(modifiers[0], phrase.start)
        return None, lexicon.demonyms()[modifiers[0]], first, first + len(modifiers[0])
    if modifiers and modifiers[0] in lexicon.demonyms() and len(modifiers) >= 2:
        words = " ".join(modifiers)  # "a Ukrainian intelligence report": Ukrainian intelligence wrote it
        first = body.index(words, phrase.start)
        return None, words, first, first + len(words)
    if not re.match(r"an?\s", body[phrase.start : phrase.end].lower()):  # "the statement", "one message"
        return _earlier_document(body, phrase, mentions, kinds)
    return None


def _author_at(
    body: str, index: int, mentions: list[FoundMention], kinds: dict[str, str]
) -> tuple[str | None, str | None, int, int] | None:
    """The author named at `index`: an actor ("Xinhua", "the Foreign Ministry", "Ukraine's Center for ...",
    "state news agency Xinhua") or a speaker phrase ("the hackers")."""
    window = body[index : index + 100]
    clause = re.split(r"[,.;:]|\s(?:that|which|who|on|in|at|after|before|to)\s", window)[0]
    limit = index + len(clause)
    inside = [m for m in mentions if index <= m.start < limit]
    if inside:
        people_or_orgs = [m for m in inside if kinds.get(m.key) in ("person", "organisation")]
        chosen = (people_or_orgs or inside)[-1] if _possessive_chain(body, inside) else inside[0]
        return chosen.key, None, chosen.start, chosen.end
    names = list(re.finditer(r"(?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+", clause))  # "state news agency Xinhua"
    if names:
        name = names[-1]
        return None, name.group(), index + name.start(), index + name.end()
    words = clause.strip().split()
    if words and noun_kind(words[-1]):
        text = " ".join(words)
        return None, text, index, index + len(text)
    return None


def _possessive_chain(body: str, inside: list[FoundMention]) -> bool:
    """ "Ukraine's Center for ...": the first actor only owns the one that follows."""
    first = inside[0]
    return len(inside) > 1 and re.match(r"['’]s?\s", body[first.end : first.end + 3]) is not None


def _author_told_nearby(
    body: str, phrase: Phrase, mentions: list[FoundMention], kinds: dict[str, str]
) -> tuple[str | None, str | None, int, int] | None:
    """ "..., which was co-written by X and Y", in the document's sentence or the two after it."""
    paragraph_end = next_newline(body, phrase.end)
    window_end = min(next_newline(body, paragraph_end + 2), phrase.end + 400)
    for match in re.finditer(
        r"\b(?:written|co-written|drafted|co-drafted|sponsored|co-sponsored|authored|co-authored|proposed|"
        r"put forward|tabled|submitted|introduced|presented|prepared)\s+(?:jointly\s+)?by\s+(?:the\s+)?",
        body[phrase.end : window_end],
    ):
        index = phrase.end + match.end()
        authors = _coordinated_actors(body, index, mentions)
        if authors:
            return authors
        found = _author_at(body, index, mentions, kinds)
        if found:
            return found
    return None


def _coordinated_actors(body: str, index: int, mentions: list[FoundMention]) -> tuple[None, str, int, int] | None:
    """ "X and Y" at `index`: both actors, as one speaker."""
    first = _mention_after(mentions, index, index + 4)
    if first is None:
        return None
    joined = re.match(r"\s*(?:,\s*|\s+and\s+|,\s+and\s+)(?:the\s+)?", body[first.end : first.end + 12])
    if not joined:
        return None
    index = first.end + joined.end()
    second = _mention_after(mentions, index, index + 1)
    if second is not None:
        return None, f"{first.text} and {second.text}", first.start, second.end
    name = re.match(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}", body[index : index + 60])  # one we do not know yet
    if name is None:
        return None
    return None, f"{first.text} and {name.group()}", first.start, index + name.end()


def _earlier_document(
    body: str, phrase: Phrase, mentions: list[FoundMention], kinds: dict[str, str]
) -> tuple[str | None, str | None, int, int] | None:
    """ "the statement said": the statement mentioned before, and who issued it."""
    pattern = re.compile(rf"\b{re.escape(phrase.head.rstrip('s'))}s?\b", re.IGNORECASE)
    earlier = [m for m in pattern.finditer(body, max(0, phrase.start - 1500), phrase.start)]
    for match in reversed(earlier):
        before = phrase_before(body, max(0, match.start() - 80), match.end(), subject=False)
        if before is None:
            continue
        found = document_author(body, Phrase(before.start, before.end, "document", phrase.head), mentions, kinds)
        if found:
            return found
        subject = _subject_of(body, match.start(), mentions)  # "The hackers left ... messages"
        if subject:
            return subject
    return None


def _subject_of(body: str, index: int, mentions: list[FoundMention]) -> tuple[str | None, str | None, int, int] | None:
    """The subject opening the sentence that reaches `index`: an actor or a speaker phrase."""
    line_start = previous_newline(body, index) + 1
    stop = body.rfind(". ", line_start, index)
    sentence_start = stop + 2 if stop >= 0 else line_start
    clause = body[sentence_start:index]
    verb = re.search(r"\s(?:\w+ed|left|sent|wrote|put|made|issued|posted|gave|published|released)\s", clause)
    if not verb:
        return None
    subject_end = sentence_start + verb.start()
    inside = [m for m in mentions if sentence_start <= m.start and m.end <= subject_end]
    if inside:
        return inside[0].key, None, inside[0].start, inside[0].end
    found = phrase_before(body, sentence_start, subject_end)
    if found:
        return None, found.text(body), found.start, found.end
    return None
