"""Find the actors of an article (people with titles, organisations, countries) and merge
their mentions: "US Secretary of State Antony Blinken", "Blinken" and "Secretary Blinken" are
one actor, "Antony Blinken", whose title is "US Secretary of State".

Works on the article body (paragraphs joined by blank lines) with offsets into it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import fuzz

from dateline.extract import lexicon
from dateline.extract.model import Actor

# A name word: capitalised, with apostrophes and hyphens ("O'Brien", "Jean-Yves"), or an initial.
# Its capital first, then what may follow it (Mc-, Mac- names checked by looking back at the M): the same
# choices, in the same order, as the five ways a name word can be written; a pattern that opens with a
# capital is tried only where one stands (see `_name_not_after`).
_AFTER_CAPITAL = r"(?:[a-z]+(?:['’-](?!s\b)[A-Z]?[a-z]+)*|['’][A-Z][a-z]+|\.|(?<=M)c[A-Z][a-z]+|(?<=M)ac[A-Z][a-z]+)"
_NAME_WORD = rf"[A-Z]{_AFTER_CAPITAL}"
_PARTICLE = r"(?:de|da|del|der|van|von|al|el|bin|ibn|le|la|du)"
_MORE_NAME_WORDS = rf"(?:[^\S\n]+(?:{_PARTICLE}[^\S\n]+)?{_NAME_WORD}){{0,3}}"  # never across paragraphs
_NAME = rf"{_NAME_WORD}{_MORE_NAME_WORDS}"


def _name_not_after(not_after: str) -> str:
    """`_NAME` where the character before it is not one of `not_after` (a character class): what
    `(?<!{not_after})` before it says, checked after its capital, so that the engine looks for the pattern
    only at capitals, not at every position (as `lexicon.words_pattern` does)."""
    return rf"[A-Z](?<!{not_after}.){_AFTER_CAPITAL}{_MORE_NAME_WORDS}"


# Capitalised words (or country adjectives / acronyms) that qualify a title: "US", "State Department".
_QUALIFIER = r"(?:[A-Z][\w.'’-]*[^\S\n]+){0,4}"  # never across paragraphs

_ORG_HEADS = (
    "Ministry|Department|Agency|Council|Committee|Commission|Parliament|Assembly|Office|Party|Bank|"
    "Fund|Court|Army|Forces|Guard|Service|Alliance|Union|Organization|Organisation|Institute|"
    "University|Corporation|Company|Group|Administration|Cabinet|Duma|Rada|Senate|Command|Project|"
    "Center|Centre|Foundation|Association|Network|Times|Post|News|Journal|Press|Media|Coalition|"
    "Campaign|Movement|Front|Federation|Society|Board|Authority|Bureau|Police|Navy|Television|Radio"
)
# Words that end the name of a thing, not of a person ("Nord Stream", "Allied Resolve", "East Room").
_THING_WORDS = frozenset(
    """Stream Pipeline Resolve Room House Street Avenue Road Square Hall Tower Airport Plant Station Bridge
    Island Islands Valley Sea Gulf Coast Report Review Act Bill Treaty Accord Agreement Pact Summit Conference
    Forum Games Cup Day Week Program Programme Initiative Plan Doctrine Order War Crisis Deal Club Market
    Index Exchange Online Today Magazine Channel Post Times News Journal""".split()
)


@dataclass
class _Person:
    name_words: list[str]
    titles: list[str] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        return self.name_words[-1]

    @property
    def name(self) -> str:
        return " ".join(self.name_words)


@dataclass(frozen=True)
class FoundMention:
    key: str
    start: int
    end: int
    text: str


_SPELLINGS = (("defence", "defense"), ("organisation", "organization"), ("centre", "center"), ("programme", "program"))


@lru_cache(maxsize=1 << 14)  # asked again at every mention of an actor
def actor_key(kind: str, name: str) -> str:
    """The key actors merge on: lower case, one spelling ("Defence"/"Defense"), and the parts of a
    hyphenated pair in one order ("NATO-Russia Council" / "Russia-NATO Council")."""
    lowered = name.lower().replace("co-operation", "cooperation")
    if kind != "person":
        for british, american in _SPELLINGS:
            lowered = lowered.replace(british, american)
        lowered = re.sub(r"\b([a-z]+)-([a-z]+)\b", lambda m: "-".join(sorted(m.groups())), lowered)
    return f"{kind}:{re.sub(r'[^a-z0-9]+', ' ', lowered).strip()}"


def _compile_patterns() -> dict[str, re.Pattern[str]]:
    titles = lexicon.words_pattern(list(lexicon.titles()))
    # `not_after`: what `(?<![\w-])` before them would say, checked after their first letter (`words_pattern`)
    orgs = lexicon.words_pattern(list(lexicon.organisations()), not_after=r"[\w-]")
    countries = lexicon.words_pattern(list(lexicon.country_forms()), not_after=r"[\w.-]")
    capitals = lexicon.words_pattern(list(lexicon.capital_forms()), not_after=r"[\w-]")
    places = lexicon.words_pattern(list(lexicon.place_forms()), not_after=r"[\w.-]")
    name_after_space, name_after_other = _name_not_after(r"\w"), _name_not_after(r"[\w.]")
    return {
        # Found from the title; the capitalised words qualifying it ("US", "State Department") are
        # read backwards from there (`_qualifier_before`): a pattern starting with optional words
        # would be tried at every capital letter of the text.
        "titled": re.compile(rf"(?<![\w-])(?P<title>(?:(?:{titles})\s+)*(?:{titles}))\s+(?P<name>{_NAME})\b"),
        "appositive": re.compile(
            rf"(?P<name>{name_after_space}),\s+(?:the\s+|a\s+|an\s+)?(?P<title>(?:[\w'’.-]+\s+){{0,5}}?(?:{titles}))\b",
        ),
        "organisation": re.compile(rf"{orgs}(?![\w-])"),
        "generic_org": re.compile(
            rf"[A-Z](?<!\w.)[\w'’-]+[^\S\n]+(?:[A-Z][\w'’-]+[^\S\n]+){{0,3}}(?:{_ORG_HEADS})"
            # "... Council of Europe", "Center for Strategic Studies and Security": capitalised words after it
            rf"(?:[^\S\n]+(?:of|for|on)[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w'’-]+"
            rf"(?:[^\S\n]+(?:and[^\S\n]+)?[A-Z][\w'’-]+){{0,4}})?\b"
        ),
        "country": re.compile(rf"{countries}(?![\w-]|\.\w)"),
        "place": re.compile(rf"{places}(?![\w-]|\.\w)"),
        "capital": re.compile(rf"{capitals}(?![\w-])"),
        "name": re.compile(rf"{name_after_other}\b"),
    }


_PATTERNS = _compile_patterns()
_ORG_HEAD_WORDS = frozenset(_ORG_HEADS.split("|"))
_TITLE_WORDS = frozenset(w for title in lexicon.titles() for w in title.split() if w[:1].isupper() and len(w) > 3)
_ACRONYM = re.compile(r"[A-Z](?<![\w.’'-].)[A-Z]{1,5}(?![\w.’'-]|\.\w)")  # (?<!...) after the first capital
# Capitals that are not organisations: roman numerals, units, time zones, shouting.
_NOT_ACRONYMS = frozenset("II III IV VI VII VIII IX XI XX TV AM PM GMT UTC EST EDT PST CET MSK OK CEO ID".split())
_PRESENCE_VERBS = re.compile(
    r"\s+(?:has|have|had|is|was|will|would|could|can|must|should|wants|wanted|denied|denies|"
    r"accused|accuses|insisted|rejected|demanded|sent|says|said|called|warned|responded|"
    r"believes|thinks|sees|considers|hopes|plans|"
    r"also|\w+ed)\b"
)
_LOCATIVE_PLACE = re.compile(r"\b(?:in|near|at|on|from|into|outside|across|toward|towards|around|over)\s+$")
_WHICH_OR_WHO = re.compile(r",\s+(?:which|who)\b")
_LOCATIVE = re.compile(r"\b(?:in|to|from|near|at|outside|via|into|toward|towards|around|across)\s+$")


class _Occupied:
    """Non-overlapping spans of the text already claimed, with a fast overlap test."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end)  # spans starting before `end`: the last two may reach `start`
        ends = self.ends
        return (index > 0 and ends[index - 1] > start) or (index > 1 and ends[index - 2] > start)


# A byline or credit paragraph: "By Jane Doe", "Jane Doe and John Roe, Associated Press", "Jane Doe – Tuesday,
# 1 March 2022, 19:48", "Photo: Jane Doe / Reuters": names and an outlet, nothing said.
_BYLINE = re.compile(
    r"(?:(?:By|by|BY)\s+[^\n]{2,80}"
    r"|(?:[A-Z][\w.'’-]*\s+){1,4}(?:(?:and|&)\s+(?:[A-Z][\w.'’-]*\s*){1,4})?(?:,|\s[–—-]|\s/)\s*[^\n]{0,60}"
    r"|(?:Photo|Credit|Image|Video|Reporting|Writing|Editing)[^\n:]{0,20}:[^\n]{0,100})"
)
# A dateline credit opening a story: "WASHINGTON (AP) —", "MOSCOW, Feb 20 (Reuters) -", "Feb. 4 (UPI) --".
_CREDIT = re.compile(r"^[^\n()]{0,40}\((?:[A-Z][\w.&-]*\s?){1,3}\)\s*(?:--|[-—–])", re.MULTILINE)


def _without_credits(body: str) -> str:
    """`body` with bylines, credit lines and dateline credits blanked out (same length, same offsets):
    nobody there is an actor of the story."""
    blanked: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", body):
        text = paragraph.group()
        words = len(text.split())
        if words > 14:
            continue  # longer than a credit (14 words at most) or a headline (12): most paragraphs
        lower_words = [w for w in re.findall(r"[\w’'-]+", text) if w[:1].islower()]
        function_only = all(w in ("and", "by", "of", "the", "de", "van", "von", "for", "in") for w in lower_words)
        credit = _BYLINE.fullmatch(text.strip()) and not _REPORTING.search(text)
        headline = (
            words <= 12
            and function_only
            and not text.rstrip().endswith((".", "!", "?"))
            and not text.lstrip().startswith(("-", "–", "—"))  # "— Jane Doe": who said the quote above
        )
        if (credit and (function_only or text.lstrip().lower().startswith("by ") or ":" in text)) or headline:
            blanked.append(paragraph.span())
    blanked.extend(credit.span() for credit in _CREDIT.finditer(body))
    if not blanked:
        return body  # no copy of an article that has none
    chars = list(body)
    for start, end in blanked:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def find_actors(body: str) -> tuple[list[Actor], list[FoundMention]]:
    """Actors of an article and every mention of them, with offsets into `body`."""
    body = _without_credits(body)  # offsets stay those of `body`
    taken = _Occupied()
    mentions: list[FoundMention] = []
    actors: dict[str, Actor] = {}

    def free(start: int, end: int) -> bool:
        return not taken.overlaps(start, end)

    def add(kind: str, name: str, start: int, end: int, titles: tuple[str, ...] = ()) -> None:
        key = actor_key(kind, name)
        taken.add(start, end)
        mentions.append(FoundMention(key, start, end, body[start:end]))
        if key not in actors:
            actors[key] = Actor(key, name, kind, titles, ())

    people: list[_Person] = []
    person_spans: list[tuple[int, int, _Person]] = []
    person_at = _Occupied()

    def claim_person(start: int, end: int, person: _Person) -> None:
        person_spans.append((start, end, person))
        person_at.add(start, end)

    def person_for(words: list[str]) -> _Person:
        for person in people:
            if same_person(person.name_words, words):
                if len(words) > len(person.name_words):
                    person.name_words = words
                    known.clear()
                return person
        person = _Person(words)
        people.append(person)
        known.clear()
        return person

    known: dict[tuple[str, ...], _Person | None] = {}  # `_known_person`'s answers while `people` stay the same

    def known_person(words: list[str]) -> _Person | None:
        key = tuple(words)
        if key not in known:
            known[key] = _known_person(people, words)
        return known[key]

    counts: dict[tuple[str, str], int] = {}  # how often a name or a surname occurs in the body

    # 1. People introduced with a title: "US Secretary of State Antony Blinken".
    for m in _PATTERNS["titled"].finditer(body):
        words = _name_words(m["name"])
        if not words:
            continue
        title = _clean_title(_qualifier_before(body, m.start("title")) + m["title"])
        person = person_for(words) if len(words) > 1 or not known_person(words) else known_person(words)
        if title and title not in person.titles:
            person.titles.append(title)
        start = m.start("name") + m["name"].index(words[0])
        end = start + _span_of_words(m["name"][start - m.start("name") :], words)
        claim_person(start, end, person)
        if len(words) == 1:
            person.aliases.add(f"{m['title']} {words[0]}")  # "Secretary Blinken"
    # 2. Appositives: "Ned Price, the State Department spokesman".
    for m in _PATTERNS["appositive"].finditer(body):
        words = _name_words(m["name"])
        if len(words) < 2:
            continue
        person = person_for(words)
        title = _clean_title(m["title"])
        if title and title not in person.titles:
            person.titles.append(title)
    # 3. Known organisations and countries, and capitals standing for their country.
    for m in _PATTERNS["organisation"].finditer(body):
        if free(m.start(), m.end()) and not person_at.overlaps(m.start(), m.end()):
            if _the_building(body, m.start(), m.group()):
                taken.add(m.start(), m.end())  # "met at the White House": the building, no one acting
                continue
            add("organisation", lexicon.organisations()[m.group().removeprefix("the ")], m.start(), m.end())
    for m in _ACRONYM.finditer(body):  # "the DNC", "FBI": capitals-only names are organisations
        word = m.group()
        if word in lexicon.country_forms() or word in _NOT_ACRONYMS or body[max(0, m.start() - 1) : m.start()] == "-":
            continue
        if (
            len(word) > 4
            or re.search(r"[A-Z]{2,}\W{1,3}$", body[max(0, m.start() - 6) : m.start()])
            or re.match(r"\W{1,3}[A-Z]{2,}", body[m.end() : m.end() + 6])
        ):
            continue  # "MOSCOW —" datelines, "By ALEXANDER BURNS", headlines in capitals
        if free(m.start(), m.end()) and not person_at.overlaps(m.start(), m.end()):
            add("organisation", word, m.start(), m.end())
    for m in _PATTERNS["generic_org"].finditer(body):
        group = m.group().rstrip()
        lead = _LEADING_FUNCTION_WORDS.match(group)
        start, end = m.start() + lead.end(), m.start() + len(group)
        text = " ".join(body[start:end].split())
        if text in lexicon.country_forms() or text in lexicon.place_forms():
            continue  # "Russian Federation": a country that ends like an organisation
        if len(text.split()) >= 2 and free(start, end) and not person_at.overlaps(start, end):
            add("organisation", _canonical_org(text), start, end)
    for m in _PATTERNS["place"].finditer(body):
        if free(m.start(), m.end()) and not person_at.overlaps(m.start(), m.end()):
            add("place", lexicon.place_forms()[m.group().removeprefix("the ")], m.start(), m.end())
    for m in _PATTERNS["country"].finditer(body):
        if free(m.start(), m.end()) and not person_at.overlaps(m.start(), m.end()):
            if _is_qualifier(body, m.end()):
                continue  # "US Secretary of State": part of a title
            add("country", lexicon.country_forms()[m.group().removeprefix("the ")], m.start(), m.end())
    for m in _PATTERNS["capital"].finditer(body):
        before = body[max(0, m.start() - 12) : m.start()]
        acts = _PRESENCE_VERBS.match(body, m.end()) or _WHICH_OR_WHO.match(body, m.end())
        if free(m.start(), m.end()) and acts and not _LOCATIVE.search(before):
            add("country", lexicon.capital_forms()[m.group()], m.start(), m.end())
    # 4. Untitled full names ("Joe Biden") and bare surnames of people already known.
    names = list(_PATTERNS["name"].finditer(body))  # gone over twice
    for m in names:
        if not free(m.start(), m.end()) or person_at.overlaps(m.start(), m.end()):
            continue
        words = _name_words(m.group())
        if not words:
            continue
        offset = m.start() + m.group().index(words[0])
        end = offset + _span_of_words(body[offset : m.end()], words)
        known_one = known_person(words)
        if known_one:
            claim_person(offset, end, known_one)
        elif (
            len(words) >= 2
            and _LOCATIVE_PLACE.search(body, max(0, offset - 12), offset)
            and not _common_words(words)
            and not _speaks(body, end)
            and free(offset, end)
        ):
            add("place", " ".join(words), offset, end)  # "the strike on Stara Vyzhivka": a place
        elif (
            len(words) >= 2
            and _looks_like_person(body, offset, end, words)
            and _person_evidence(body, offset, end, words, counts)
        ) or (
            len(words) == 1
            and (_speaks(body, end) or _REPORTED_BY.search(body, max(0, offset - 12), offset))
            and not re.fullmatch(r"[A-Z][a-z]+(?:ian|ese|ish|ic)", words[0])  # "Asian states", "Arabic writes"
            and not _sentence_initial_plural(body, offset, words[0])
        ):
            claim_person(offset, end, person_for(words))
    # Bare surnames mentioned before the full name was given are settled in a second pass.
    for m in names:
        words = _name_words(m.group())
        if len(words) == 1 and free(m.start(), m.end()) and not person_at.overlaps(m.start(), m.end()):
            known_one = known_person(words)
            if known_one:
                start = m.start() + m.group().index(words[0])
                claim_person(start, start + len(words[0]), known_one)
    for start, end, person in person_spans:
        person.aliases.add(body[start:end])
    for start, end, person in sorted(person_spans, key=lambda s: s[0]):
        key = actor_key("person", person.name)
        mentions.append(FoundMention(key, start, end, body[start:end]))
        actors[key] = Actor(
            key, person.name, "person", tuple(person.titles), tuple(sorted(person.aliases - {person.name}))
        )
    mentions = _expand_acronyms(actors, mentions)
    written: dict[str, set[str]] = {}
    for mention in mentions:
        written.setdefault(mention.key, set()).add(mention.text)
    for key, actor in list(actors.items()):
        if actor.kind != "person":
            forms = sorted(written.get(key, set()) - {actor.name})
            actors[key] = Actor(key, actor.name, actor.kind, actor.titles, tuple(forms))
    mentions.sort(key=lambda m: (m.start, m.end))
    return list(actors.values()), mentions


_QUALIFIER_AT_END = re.compile(rf"(?:{_QUALIFIER})$")


def _qualifier_before(body: str, start: int) -> str:
    """Up to four capitalised words right before a title: "US Secretary of State", "State Department spokesman".

    Read from the title backwards, they stop at a word that qualifies no title: a name ("with Putin
    French President Macron": the title is "French President")."""
    words = _QUALIFIER_AT_END.search(body, max(0, start - 80), start).group().split()
    kept: list[str] = []
    for word in reversed(words):
        if not _qualifies(word.rstrip(".,")):
            break
        kept.insert(0, word)
    return " ".join(kept) + " " if kept else ""


@cache
def _organisation_words() -> frozenset[str]:
    return frozenset(w for name in lexicon.organisations() for w in re.split(r"[\s-]+", name))


def _qualifies(word: str) -> bool:
    """A word that can stand in a title before the title word: a country, an organisation's word, an acronym."""
    return (
        word.isupper()
        or "." in word  # "U.S."
        or word in lexicon.country_forms()
        or word in lexicon.demonyms()
        or word.rstrip("'’s") in lexicon.country_forms()  # "Russia's"
        or word in _organisation_words()
        or word in _TITLE_WORDS
        or word in _ORG_HEAD_WORDS
        or word in lexicon.NOT_NAMES
    )


def _name_words(text: str) -> list[str]:
    """The words of a name, with leading non-name words ("The", "Tuesday") removed."""
    return list(_name_words_of(text))


@lru_cache(maxsize=8192)
def _name_words_of(text: str) -> tuple[str, ...]:
    words = text.split()
    if any(re.search(r"-[a-z]|['’](?:re|ve|ll|d|m|t)$", w) for w in words):
        return ()  # "Russian-delivered", "Kremlin-backed", "We're": not names
    while words and (words[0].rstrip(".,") in lexicon.NOT_NAMES or words[0] in lexicon.country_forms()):
        words = words[1:]
    while words and (words[-1].rstrip(".,") in lexicon.NOT_NAMES or re.fullmatch(r"[A-Z]\.", words[-1])):
        words = words[:-1]
    if any(w in lexicon.NOT_NAMES or w in lexicon.demonyms() or w in lexicon.country_forms() for w in words):
        return ()
    if any(w in lexicon.capital_forms() or w in lexicon.organisations() for w in words):
        return ()
    if any(w in _ORG_HEAD_WORDS or w in _THING_WORDS or w in _TITLE_WORDS for w in words):
        return ()  # "UN General Assembly", "Deputy Secretary", "Opening Ceremony"
    return tuple(words)


def _span_of_words(text: str, words: list[str]) -> int:
    """Length of `text` up to the end of the last of `words`."""
    position = 0
    for word in words:
        position = text.index(word, position) + len(word)
    return position


def _fold(name: str) -> str:
    """A name as it sounds, so that transliterations compare equal: "Aleksandr"/"Alexander",
    "Sergei"/"Sergey", "Zelenskiy"/"Zelensky"/"Zelenskyy", "Dmitriy"/"Dmitry"."""
    folded = name.lower().replace("’", "'")
    for written, sound in (("ks", "x"), ("kh", "h"), ("iy", "y"), ("yy", "y"), ("ii", "y"), ("ei", "ey"), ("j", "y")):
        folded = folded.replace(written, sound)
    return re.sub(r"(?<=[^aeiou])er$", "r", folded)  # "Alexander" / "Aleksandr"


def same_surname(a: str, b: str) -> bool:
    """ "Zelensky"/"Zelenskyy", "Zelenskiy": one surname transliterated two ways."""
    if a == b:
        return True
    if a[:3].lower() != b[:3].lower():
        return False
    if _fold(a) == _fold(b):
        return True
    shorter, longer = sorted((a.lower(), b.lower()), key=len)
    return len(shorter) >= 5 and longer.startswith(shorter[:-1]) and len(longer) - len(shorter) <= 2


def same_person(known: list[str], words: list[str]) -> bool:
    """Whether two written names are one person: the same surname, and first names that agree.

    A single word also names a person by the first word of a full name when that word is how the
    person is called ("Xi" for "Xi Jinping": family name first)."""
    if len(words) == 1 and len(known) == 2 and known[0] == words[0] and known[0] not in lexicon.NOT_NAMES:
        return True
    if len(known) == 1 and len(words) == 2 and words[0] == known[0] and words[0] not in lexicon.NOT_NAMES:
        return True
    if not same_surname(known[-1], words[-1]):
        return False
    if len(known) == 1 or len(words) == 1:
        return known[-1] == words[-1]
    first_a, first_b = known[0].lower(), words[0].lower()
    # "Antony"/"Tony", "Sergey"/"Sergei", "Aleksandr"/"Alexander": short forms and transliterations.
    return (
        first_a == first_b
        or first_a.endswith(first_b)
        or first_b.endswith(first_a)
        or first_a[:4] == first_b[:4]
        or fuzz.ratio(_fold(first_a), _fold(first_b)) >= 85
    )


def _known_person(people: list[_Person], words: list[str]) -> _Person | None:
    matches = [p for p in people if same_person(p.name_words, words)]
    if len(words) == 1:
        matches = [p for p in matches if len(p.name_words) > 1] or matches
        by_surname = [p for p in matches if p.name_words[-1] == words[0]]
        if by_surname:
            matches = by_surname
        elif len(matches) > 1:
            return None  # "Vladimir" with two Vladimirs in the article: no one in particular
    return matches[-1] if matches else None


def _clean_title(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,")
    text = re.split(r"(?<=[a-z])[.!?]\s+", text)[
        -1
    ]  # "... Ukraine. U.S. Ambassador": the title starts after the full stop
    text = re.sub(r"^(?:the|a|an|and|of|by|with|from|to|as)\s+", "", text, flags=re.IGNORECASE)
    words = text.split()
    while (
        words
        and words[0] in lexicon.NOT_NAMES
        and words[0] not in ("State", "Foreign", "Defense", "Defence", "National", "Press", "Joint", "Security")
    ):
        words = words[1:]
    return " ".join(words)


_LEADING_FUNCTION_WORDS = re.compile(r"(?:(?:The|A|An|In|On|At|By|For|From|To|Of|And|With|As)\s+)*")


def _canonical_org(text: str) -> str:
    known = lexicon.organisations().get(text)
    if known:
        return known
    # "Russia's Foreign Ministry" and "Russian Foreign Ministry" are one organisation.
    text = re.sub(r"\bMinistry of (?:the )?(Defen[cs]e|Foreign Affairs|Interior|Finance|Justice|Health|Energy)\b",
                  lambda m: ("Foreign" if m[1] == "Foreign Affairs" else m[1]) + " Ministry", text)  # fmt: skip
    words = text.split()
    first = words[0]
    for suffix in ("'s", "’s", "'", "’"):
        if first.endswith(suffix) and first[: -len(suffix)] in lexicon.country_forms():
            country = lexicon.country_forms()[first[: -len(suffix)]]
            demonym = next((d for d, c in lexicon.demonyms().items() if c == country and d.istitle()), country)
            words[0] = demonym
    if len(words) >= 2 and words[0] in lexicon.country_forms() and words[0] not in lexicon.demonyms():
        country = lexicon.country_forms()[words[0]]  # "Belarus Defence Ministry"
        words[0] = next((d for d, c in lexicon.demonyms().items() if c == country and d.istitle()), words[0])
    return " ".join(words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def _expand_acronyms(actors: dict[str, Actor], mentions: list[FoundMention]) -> list[FoundMention]:
    """ "CSTO" after "the Collective Security Treaty Organization": an acronym is the actor whose
    initials it spells, when the article names one."""
    merged: dict[str, str] = {}
    for key, actor in actors.items():
        if actor.kind != "organisation" or not re.fullmatch(r"[A-Z]{2,6}", actor.name):
            continue
        expansions = [other for other in actors.values() if other.key != key and _initials(other.name) == actor.name]
        if len(expansions) == 1:
            merged[key] = expansions[0].key
    if not merged:
        return mentions  # not rebuilt: most articles spell out no acronym they use
    for key in merged:
        del actors[key]
    return [FoundMention(merged[m.key], m.start, m.end, m.text) if m.key in merged else m for m in mentions]


_NEXT_CAPITALISED = re.compile(r"\s+([A-Z][\w-]*)")


def _is_qualifier(body: str, end: int) -> bool:
    """A country name used as an adjective in a title or organisation ("US President", "US and NATO papers")."""
    following = _NEXT_CAPITALISED.match(body, end)
    return bool(following) and following[1] not in lexicon.NOT_NAMES | {"and", "or"} and not following[1].endswith("ed")


_REPORTING_WORDS = lexicon.words_pattern(list(lexicon.reporting_verbs()))
_REPORTING = re.compile(rf"\s*,?\s+(?:{_REPORTING_WORDS})\b")
_REPORTED_BY = re.compile(r"\b(?:said|says|told|added|asked|wrote)\s+$")  # '"...," said Price'


_OWNS_A_VOICE = re.compile(r"['’]s\s+(?:spokesman|spokeswoman|spokesperson|office|government|administration)")


def _speaks(body: str, end: int) -> bool:
    return bool(_REPORTING.match(body, end)) or bool(_OWNS_A_VOICE.match(body, end))


def _sentence_initial_plural(body: str, start: int, word: str) -> bool:
    before = body[max(0, start - 3) : start]
    return word.endswith("s") and (start == 0 or re.search(r"[.!?\"”]\s*$|\n\s*$", before) is not None)


_ROLE_WORDS = lexicon.words_pattern(
    [noun for noun, kind in lexicon.speaker_nouns().items() if kind == "person"]
    + [title.lower() for title in lexicon.titles() if " " not in title]
)


def _person_evidence(body: str, start: int, end: int, words: list[str], counts: dict[tuple[str, str], int]) -> bool:
    """An untitled name is a person when the article treats it as one: it speaks ("Joe Biden said",
    "said Joe Biden"), it is followed by an appositive, it recurs, or its surname recurs alone."""
    name = " ".join(words)
    if _speaks(body, end) or re.search(rf"\b(?:{_REPORTING_WORDS})\s*,?\s*$", body[max(0, start - 25) : start]):
        return True
    if re.search(rf"\b(?:{_ROLE_WORDS})\b[^,.;:\n]{{0,40}},\s+$", body[max(0, start - 60) : start]):
        return True  # "the ambassador to the UN, Jane Doe": the name of the role before it
    if re.match(r",\s+(?:a|an|the|who)\b|,\s+\d{1,3},", body[end : end + 12]):
        return True  # "Jane Doe, a lawyer", "John Smith, who", "Ann Lee, 44,"
    if re.match(r"\s+(?:has|had|was|is|will|would|could|also|then|\w+ed)\b", body[end : end + 14]):
        return True  # the subject of a verb: "Dean Baker argued", "Jane Doe has"
    if re.search(r"\b[a-z]{4,}\s+$", body[max(0, start - 20) : start]) and not re.search(
        r"\b(?:in|at|of|from|to|near|on|with|for|by|into|the)\s+$", body[max(0, start - 8) : start]
    ):
        return True  # a lower-case role before it: "economist Dean Baker", "consultant Phil Musser"
    if ("name", name) not in counts:  # counted once an article: a long one names many people many times
        counts["name", name] = body.count(name)
    if counts["name", name] > 1:
        return True
    if ("surname", words[-1]) not in counts:
        counts["surname", words[-1]] = len(re.findall(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])", body))
    return counts["surname", words[-1]] > counts["name", name]


def _the_building(body: str, start: int, name: str) -> bool:
    """ "at the White House", "inside the Kremlin": a seat of government named as the place it is."""
    building = re.search(r"(?:House|Palace|Building|Kremlin|Pentagon|Capitol|Street)$", name)
    return (
        building is not None
        and re.search(
            r"\b(?:at|in|inside|outside|into|near|from|to|on the lawn of)\s+the\s+$", body[max(0, start - 20) : start]
        )
        is not None
    )


def _common_words(words: list[str]) -> bool:
    """ "Strategic Stability", "National Security": capitalised words of the language, not a name."""
    return any(re.search(r"(?:ity|tion|sion|ment|ness|ance|ence|ism|ship|ics|ical|ive|ous)$", w) for w in words)


def _looks_like_person(body: str, start: int, end: int, words: list[str]) -> bool:
    """Two or three capitalised words that are not a place or an organisation."""
    if len(words) > 4 or words[-1] in _THING_WORDS:
        return False
    if _common_words(words):
        return False
    if re.search(r"\b(?:the|The)\s+$", body[max(0, start - 4) : start]):
        return False  # "the Critical Threats Project": people do not take an article
    following = body[end : end + 30]
    return not re.match(r"\s+(?:" + _ORG_HEADS + r")\b", following)
