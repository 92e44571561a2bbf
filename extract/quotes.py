"""Find direct and partial quotes in an article body and attribute each to its speaker.

Works on the body text (paragraphs joined by blank lines); offsets are into it.

1. Quote spans: curly and straight double quotes, paired within a paragraph. A paragraph
   that opens a quote and does not close it continues into the next paragraph when that
   one opens with a quotation mark (the newswire convention).
2. Not speech: scare quotes and titles ("open door policy") - short quotes used as a
   noun phrase with no reporting verb attached.
3. Speaker: the reporting verb (cue) after the quote ('," said Price', '," Price said'),
   or before it ('Lavrov said: "...'), or the subject of the sentence for a partial quote
   ('Blinken reiterated the US commitment to "..."'). Pronouns and role nouns ("he",
   "the official") resolve to the most recent fitting actor; a quote paragraph with no cue
   continues the last speaker.
4. The grammar of reported speech decides between candidates: the subject of the reporting
   verb, not the nearest name; an unnamed speaker's phrase when it opens the clause ("a Pentagon
   official said"); a document's words credited to its author (`extract/speakers.py`); "it",
   "they", "the ministry", "the statement", "Finland's president" resolved within the article;
   relayed speech ("X told Y that ..., "...," Z said"; "Z said, quoting X") credited to the one
   quoted, with the teller as `via`.
5. Each quote gets its speaker's kind: person, organisation, country or document.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from extract import lexicon, speakers
from extract.actors import FoundMention
from extract.model import Actor
from extract.sentences import ABBREVIATIONS

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
_OPENERS = '“"'
_CLOSERS = '”"'


@dataclass(frozen=True)
class FoundQuote:
    start: int  # first character of the quoted words (after the opening mark)
    end: int  # just past the last quoted word (before the closing mark)
    text: str
    speaker_key: str | None
    speaker_name: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    speaker_kind: str | None = None  # person, organisation, country, document
    via: str | None = None  # the name of whoever relayed the words
    parts: tuple[tuple[int, int], ...] = ()  # the quoted stretches, when an attribution interrupts them


@dataclass
class _Span:
    open: int  # index of the opening mark
    close: int  # index of the closing mark (or end of text when unclosed)
    fragments: list[tuple[int, int]]  # content pieces (without marks)


def _pair_quotes(body: str) -> list[_Span]:
    spans: list[_Span] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]
    carried: _Span | None = None
    for p_start, p_end in paragraphs:
        index = p_start
        current = None
        if carried is not None:
            if body[p_start] in _OPENERS:
                current = carried
                current.fragments.append((p_start + 1, p_start + 1))
                index = p_start + 1
            else:
                carried = None
        carried = None
        while index < p_end:
            char = body[index]
            if current is None and char in _OPENERS and _can_open(body, index, p_end):
                current = _Span(index, -1, [(index + 1, index + 1)])
            elif current is not None and char in _CLOSERS and _can_close(body, index, p_start):
                first, _ = current.fragments[-1]
                current.fragments[-1] = (first, index)
                current.close = index
                spans.append(current)
                current = None
            index += 1
        if current is not None:
            first, _ = current.fragments[-1]
            current.fragments[-1] = (first, p_end)
            carried = current  # continues if the next paragraph opens a quote
            if p_end == len(body) or not _next_paragraph_opens_quote(body, p_end):
                current.close = p_end
                spans.append(current)
                carried = None
    return spans


def _next_paragraph_opens_quote(body: str, p_end: int) -> bool:
    rest = body[p_end:].lstrip("\n")
    return bool(rest) and rest[0] in _OPENERS


def _can_open(body: str, index: int, p_end: int) -> bool:
    if body[index] == "“":
        return True
    before = body[index - 1] if index > 0 else " "
    after = body[index + 1] if index + 1 < p_end else " "
    return (before.isspace() or before in "([—–-:/") and not after.isspace()


def _can_close(body: str, index: int, p_start: int) -> bool:
    if body[index] == "”":
        return True
    before = body[index - 1] if index > p_start else " "
    if before.isspace() and index - 2 >= p_start and body[index - 2] in "'’":
        return True  # 'vote for Hillary Clinton,\' "': a nested quote closed just before
    return not before.isspace()


_LOOK_BACK = 6000  # characters before a quote where its speaker, or what "he" or "the ministry" refers to, is named
_LOOK_AHEAD = 1500  # characters after it: '," said ...', "which was drafted by X" in the next sentences


def find_quotes(body: str, actors: list[Actor], mentions: list[FoundMention]) -> list[FoundQuote]:
    """Quotes in `body` with their speakers, using the actor mentions found in it."""
    kinds = {a.key: a.kind for a in actors}
    names = {a.key: a.name for a in actors}
    spans = _pair_quotes(body)
    # Nobody inside quotation marks is the speaker of a quote, nor a pronoun's antecedent.
    opens = [span.open for span in spans]
    outside = []
    for m in mentions:
        index = bisect.bisect_left(opens, m.start) - 1
        if index < 0 or m.start >= spans[index].close:
            outside.append(m)
    starts = [m.start for m in outside]
    quotes: list[FoundQuote] = []
    last_speaker: tuple[str | None, str | None, int | None, int | None, str | None] | None = None
    last_quote_paragraph_end = -1
    last_via = None
    for span in spans:
        # Speakers are looked for near the quote: a window of the mentions keeps a long article linear.
        mentions = outside[
            bisect.bisect_left(starts, span.open - _LOOK_BACK) : bisect.bisect_left(starts, span.close + _LOOK_AHEAD)
        ]
        start, end = span.fragments[0][0], span.fragments[-1][1]
        parts = ((start, end),)
        content = _content_text(body, span)
        sentence_start, sentence_end = _sentence_bounds(body, span.open, span.close)
        whole_paragraph = _starts_paragraph(body, span.open)
        if _names_a_work(body, span, content):
            continue  # 'told CNN's "New Day," that ...': a programme, however close to a verb
        attribution = _attribute_after(body, span, sentence_end, mentions, kinds)
        if attribution is None and not _is_speech(body, span, content, sentence_start, whole_paragraph):
            continue
        via = None
        if attribution is not None:  # '... that "...," Ushakov said': whose words Ushakov tells
            relayed = _relayed(body, span, sentence_start, sentence_end, attribution, mentions, kinds, names)
            if relayed:
                attribution, via = relayed
        if attribution is None:
            attribution = _attribute_before(body, span, sentence_start, mentions, kinds)
        same_paragraph = quotes and "\n" not in body[quotes[-1].end : span.open]
        follows_quote_paragraph = (
            whole_paragraph and speakers.previous_newline(body, span.open) - 1 <= last_quote_paragraph_end + 2
        )
        if attribution is None and last_speaker and (same_paragraph or follows_quote_paragraph):
            # No cue of its own: it goes on with the speaker of the quote just before it.
            attribution = (*last_speaker[:4], "(continued)")
            via = last_via
        if (
            attribution is None
            and span.open == sentence_start
            and (not whole_paragraph or _after_colon(body, span.open))
        ):
            attribution = _previous_sentence_speaker(body, sentence_start, span.open, mentions, kinds)
        if attribution is None and span.open == sentence_start and content.endswith((".", "!", "?")):
            attribution = _next_sentence_speaker(body, span.close + 1, mentions)
        if attribution is None:
            attribution = _sentence_subject(body, span, sentence_start, mentions, kinds)
        # Merge 'X," Price said, "Y."' into one quote.
        if quotes and attribution and _continues_previous(body, quotes[-1], span.open, attribution):
            previous = quotes.pop()
            content = previous.text + " … " + content
            start = previous.start
            parts = (*(previous.parts or ((previous.start, previous.end),)), (span.fragments[0][0], end))
            attribution = (
                previous.speaker_key,
                previous.speaker_name,
                previous.speaker_start,
                previous.speaker_end,
                previous.cue,
            )
            via = previous.via
        if attribution is None:
            attribution = (None, None, None, None, None)
        attribution = _refer(body, attribution, actors, mentions, last_speaker, names, kinds)
        key, name, s_start, s_end, cue = attribution
        if key and not name:
            name = names.get(key)
        kind = _speaker_kind(kinds.get(key or ""), name, body[s_start:s_end] if s_start is not None else "")
        if (
            quotes
            and s_start is not None
            and body[s_start:s_end].lower() == "it"
            and (key, name)
            == (
                quotes[-1].speaker_key,
                quotes[-1].speaker_name,
            )
        ):
            kind = quotes[-1].speaker_kind  # "It demanded ...", after the draft spoke: the draft again
        quotes.append(FoundQuote(start, end, content, key, name, s_start, s_end, cue, kind, via, parts))
        if key or name or s_start is not None:
            last_speaker = attribution
            last_via = via
        last_quote_paragraph_end = speakers.next_newline(body, span.close)
    return quotes


def _head_kind(words: str) -> str | None:
    """What a speaker phrase's head noun names: "the head of the council" -> person, "the report" -> document."""
    head = re.split(r"\s+(?:of|for|from|by|at|in|on)\s+", words.strip(), maxsplit=1)[0].split()
    return speakers.noun_kind(head[-1]) if head else None


def _speaker_kind(actor_kind: str | None, name: str | None, mention: str) -> str | None:
    """Person, organisation, country or document: the actor's kind, else what the words name."""
    if _head_kind(mention) == "document":
        return "document"  # "the report said": the words of a document, whoever wrote it
    if actor_kind:
        return "country" if actor_kind == "place" else actor_kind
    words = (name or mention or "").strip()
    if not words:
        return None
    return _head_kind(words) or "person"


def _refer(body, attribution, actors, mentions, last_speaker, names, kinds):  # type: ignore[no-untyped-def]
    """A speaker told by reference resolved to whom it refers to in the article: "it" after a
    document or an organisation spoke, "they" after "X and Y", "the ministry" or "the chancellor"
    to the actor that is one, "the statement" to the one quoted before."""
    key, name, s_start, s_end, cue = attribution
    if s_start is None:
        return attribution
    words = body[s_start:s_end]
    lowered = words.lower()
    last_kind = (
        _speaker_kind(kinds.get(last_speaker[0] or ""), last_speaker[1], body[last_speaker[2] : last_speaker[3]])
        if last_speaker and last_speaker[2] is not None
        else None
    )
    recent = last_speaker is not None and last_speaker[2] is not None and 0 < s_start - last_speaker[2] < 700
    if lowered == "it" and recent and last_kind in ("document", "organisation", "country"):
        line_start = speakers.previous_newline(body, s_start)
        own_sentence = max(last_speaker[3], body.rfind(". ", max(0, line_start), s_start), line_start)
        named_since = [m for m in mentions if m.key == key and own_sentence <= m.start and m.end <= s_start]
        if not named_since:  # "How the agency puts it": an actor named since then is the one
            return last_speaker[0], last_speaker[1], s_start, s_end, cue
    if lowered == "they":
        pair = _coordinated_before(body, s_start, mentions, kinds)
        if pair:
            return None, f"{names[pair[0].key]} and {names[pair[1].key]}", s_start, s_end, cue
        return attribution
    owner = re.match(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s?\s", words)
    if owner and owner.group(1) in lexicon.country_forms() and not key:
        # "Ukraine's president" is "the Ukrainian president"
        country = lexicon.country_forms()[owner.group(1)]
        demonym = next((d for d, c in lexicon.demonyms().items() if c == country and d.istitle()), country)
        words = f"the {demonym} {words[owner.end() :]}"
        lowered = words.lower()
    if key or not re.match(r"the\s", lowered):
        return attribution
    head = words.split()[-1]
    kind = speakers.noun_kind(head)
    if kind == "document":
        if name and name != words:
            return attribution  # its author is known
        said_in_it = recent and re.search(
            rf"\b{re.escape(head.lower().rstrip('s'))}", body[last_speaker[2] - 100 : last_speaker[3] + 100].lower()
        )  # 'the White House said in a statement. ... The statement also said'
        if recent and (last_kind == "document" or said_in_it) and (last_speaker[0] or last_speaker[1]):
            return last_speaker[0], last_speaker[1], s_start, s_end, cue
        return attribution
    referent = _definite_referent(words, s_start, actors, mentions, kind)
    if referent is None and kind == "person" and len(words.split()) == 2 and not head.endswith("s"):
        # "the official said", with no title to match: the person last named
        earlier = [m for m in mentions if m.end <= s_start and kinds.get(m.key) == "person"]
        referent = earlier[-1].key if earlier else None
    return (referent, None, s_start, s_end, cue) if referent else attribution


def _coordinated_before(body, index, mentions, kinds):  # type: ignore[no-untyped-def]
    """The last "X and Y" of two actors of one kind before `index` (within a few sentences)."""
    before = [m for m in mentions if index - 500 <= m.start and m.end <= index]
    for first, second in reversed(list(itertools.pairwise(before))):
        same_kind = kinds.get(first.key) == kinds.get(second.key) in ("person", "country")
        joined = re.fullmatch(r"\s+and\s+(?:[A-Z][\w.-]*\s+){0,3}", body[first.end : second.start])
        if first.key != second.key and same_kind and joined:  # "President X and Chancellor Y"
            return first, second
    return None


def _definite_referent(words, index, actors, mentions, kind):  # type: ignore[no-untyped-def]
    """The actor "the chancellor", "the defence ministry", "the alliance" refers to: the last one
    mentioned before whose name or title holds every word of the phrase."""
    wanted = [_spelling(w) for w in words.split()[1:]]
    if not wanted or kind is None:
        return None
    fitting = {}
    for actor in actors:
        if (kind == "person") != (actor.kind == "person"):
            continue
        forms = [actor.name, *actor.titles, *actor.aliases]
        for form in forms:
            have = {_spelling(w) for w in re.split(r"[\s'’-]+", form) if w}
            have |= {_spelling(d) for d, c in lexicon.demonyms().items() if c in form or c == actor.name}
            if all(w in have or w.rstrip("s") in have for w in wanted):
                fitting[actor.key] = True
                break
    earlier = [m for m in mentions if m.key in fitting and m.end <= index]
    return earlier[-1].key if earlier else None


def _spelling(word: str) -> str:
    """One spelling for comparing words: lower case, British and American forms alike."""
    lowered = word.lower().strip(".,")
    return re.sub(r"ce$", "se", lowered) if lowered.endswith("ence") else lowered


def _content_text(body: str, span: _Span) -> str:
    pieces = [body[a:b] for a, b in span.fragments]
    text = " ".join(piece.strip() for piece in pieces if piece.strip())
    return text.rstrip(",").strip()


_ABBREVIATION_BEFORE = re.compile(
    r"(?:\b[A-Z]|\b(?i:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)).replace(".", "\\.") + r"))\.$"
)


def _sentence_bounds(body: str, open_: int, close: int) -> tuple[int, int]:
    """The sentence around a quote: back to the last full stop that is not an abbreviation
    ("Sen.", "Lt. Gen.", "U.S."), forward to the first one after the closing mark."""
    left = open_
    while left > 0:
        if body[left - 1] == "\n":
            break
        if (
            left >= 2
            and body[left - 2] in ".?!"
            and body[left - 1].isspace()
            and not (body[left - 2] == "." and _ABBREVIATION_BEFORE.search(body, max(0, left - 8), left - 1))
        ):
            break
        if (
            left >= 3
            and body[left - 3] in ".?!"
            and body[left - 2] in '”"'
            and body[left - 1].isspace()
            and body[left : left + 1].isupper()
        ):
            break  # '... tomorrow." He said': the quote closed its sentence
        left -= 1
    paragraph_end = speakers.next_newline(body, close)
    right = paragraph_end
    for m in re.finditer(r"[.!?][”\"]?(?=\s|$)", body[close + 1 : paragraph_end]):
        stop = close + 1 + m.start()
        if body[stop] == "." and _ABBREVIATION_BEFORE.search(body, max(0, stop - 7), stop + 1):
            continue  # "Lt. Gen. Mick Bednarek"
        right = close + 1 + m.end()
        break
    return left, right


def _starts_paragraph(body: str, index: int) -> bool:
    return index == 0 or body[index - 1] == "\n"


def _mention_to_attribution(
    mention: FoundMention, cue: str | None
) -> tuple[str | None, str | None, int, int, str | None]:
    return mention.key, None, mention.start, mention.end, cue


# '"...," Trump barked': after a quote that hands over to its speaker (it ends on a comma, a question
# or an exclamation mark), a name or pronoun and a past-tense verb are the speaker and how they spoke.
_MANNER_OF_SPEAKING = re.compile(
    r"\s*[,—–-]?\s*(?:he|she|they|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?P<verb>[a-z]+ed)\b"
)


class _ManneredCue:
    """A manner-of-speaking verb used as a cue: the same face as a regular-expression match."""

    def __init__(self, match: re.Match[str]) -> None:
        self._match = match

    def start(self) -> int:
        return self._match.start("verb")

    def end(self) -> int:
        return self._match.end("verb")

    def group(self) -> str:
        return self._match.group("verb")


def _attribute_after(body, span, sentence_end, mentions, kinds):  # type: ignore[no-untyped-def]
    """'," said Price' / '," State Department spokesman Ned Price said' / '," he said'."""
    after_start = span.close + 1
    whole_tail = body[after_start:sentence_end]
    tail = whole_tail
    next_quote = re.search(r"[“\"]", tail)
    if next_quote and next_quote.start() > 0:
        tail = tail[: next_quote.start()]  # a verb inside the next quote is not this one's cue
    if not re.match(r"\s*[,—–-]?\s*\S", tail) or tail.lstrip().startswith(("“", '"')):
        return None
    inside = body[span.fragments[-1][0] : span.fragments[-1][1]].rstrip()
    if (
        inside.endswith(".")
        and re.match(r"\s+[A-Z]", tail)
        and not re.match(rf"\s+(?:[A-Z][\w.'’-]*\s+){{1,3}}(?:{_CUES})\b(?:\s+[\w.,]+){{0,4}}\s*$", whole_tail)
    ):
        return None  # '..." He added, "...': the quote closed its own sentence ('..." Trump said.' still counts)
    cue = _first_cue(tail)
    manner = _MANNER_OF_SPEAKING.match(tail) if inside.endswith((",", "?", "!")) else None
    if manner and (cue is None or cue.start() > manner.start("verb")):
        cue = _ManneredCue(manner)  # '"Go back," Trump barked', '"..., " he fumed'

    if cue is None or cue.start() > 200:
        return None
    cue_start, cue_end = after_start + cue.start(), after_start + cue.end()
    gap = body[after_start:cue_start]
    # '"crystal ball" and said', '"a big advocate" of ..., which he argued': the words after the
    # quote go on with its own sentence; a verb there belongs to someone else.
    # '" that Sanders can win, said Elmendorf': the words after the quote finish its sentence; the speaker follows.
    inverted_first = re.match(r"\W*[a-z].*,\s*$", gap) is not None
    if (
        re.search(r"\b(?:and|but|or|then|which|because|if|including|when|while|whereas|although|though|since)\b", gap)
        and not inverted_first
    ):
        return None
    if not inverted_first:
        found = _subject_before(body, after_start, cue_start, span.open, mentions, kinds, cue.group())
        if found:
            return found
        gap = _noun_phrase(body, after_start, cue_start)
        if gap:  # '," a senior official said': whoever stands between the quote and the verb
            return None, body[gap[0] : gap[1]], gap[0], gap[1], cue.group()
    # Inverted: '," said Price' or '," said the official'.
    phrase = speakers.phrase_after(body, cue_end, sentence_end, mentions)
    if phrase:  # '," read one statement from the ministry'
        return _phrase_attribution(body, phrase, mentions, kinds, cue.group())
    after_cue = [m for m in mentions if cue_end <= m.start <= cue_end + 60 and m.start < sentence_end]
    if after_cue:
        return _mention_to_attribution(_appositive_name(body, after_cue, kinds), cue.group())
    right_after = re.match(r"\s+(he|she|they)\b", body[cue_end : cue_end + 6])  # '," said he'
    if right_after:
        start = cue_end + right_after.start(1)
        return _resolve_pronoun(
            right_after.group(1), start, start + len(right_after.group(1)), span.open, mentions, kinds, cue.group()
        )
    resolved = _pronoun_or_role(body, cue_end, min(sentence_end, cue_end + 60), span.open, mentions, kinds, cue.group())
    if resolved and resolved[2] is not None and not body[cue_end : resolved[2]].strip(" ,"):
        return resolved
    inverted = _noun_phrase(body, cue_end, min(sentence_end, cue_end + 80), leading=True)
    if inverted:
        return None, body[inverted[0] : inverted[1]], inverted[0], inverted[1], cue.group()
    return None


def _relayed(body, span, sentence_start, sentence_end, attribution, mentions, kinds, names):  # type: ignore[no-untyped-def]
    """Relayed speech: the words belong to whoever speaks in the clause that holds them, or to the one
    quoted, and the one who told them is kept as `via`:
    'Putin told Biden that it would be a mistake, "...," Ushakov said' (Putin, via Ushakov);
    '"...," Ushakov said, quoting Putin' (Putin, via Ushakov); 'X warned of "...", according to Y'."""
    key, name, s_start, s_end, cue = attribution
    relayer = names.get(key or "", name) or (body[s_start:s_end] if s_start is not None else None)
    if s_start is None or relayer is None or body[s_start:s_end].lower() in ("he", "she", "they", "it"):
        return None
    quoting = re.match(r"[^.,;“”\"]{0,20}?,?\s+(?:quoting|citing)\s+", body[s_end : s_end + 40])
    nested = (
        re.search(r"[‘’']\w|\w[’']\s", body[span.fragments[0][0] : span.close]) and "‘" in body[span.open : span.close]
    )
    if quoting and not nested:  # a quote holding a quote: "quoting" is about the inner one
        index = s_end + quoting.end()
        quoted = [m for m in mentions if m.start == index and not re.match(r"['’]s?\s", body[m.end : m.end + 3])]
        if quoted and quoted[0].key != key:
            return _mention_to_attribution(quoted[0], cue), relayer
    previous_close = max(body.rfind("”", sentence_start, span.open), body.rfind('"', sentence_start, span.open))
    start = max(sentence_start, previous_close + 1)
    head = body[start : span.open]
    if _speaker_kind(kinds.get(key or ""), name, body[s_start:s_end]) != "person":
        return None  # "according to the report": a document or an agency is the source of record
    cues = [c for c in _verb_cues(head) if c.group().lower() != "according to"]
    if not cues:
        return None
    if re.search(
        r"\b(?:can|cannot|could|would|should|will|may|might|must|not|to|never|n[’']t)\s+$", head[: cues[-1].start()]
    ):
        return None  # "X cannot say that ...": nobody said it
    complement = head[cues[-1].end() :]
    if not re.search(r"\bthat\b", complement) or re.search(r"[.!?;]\s|\s[—–]\s|,\s+(?:and|but|while)\b", complement):
        return None  # the quote is not inside what the first speaker said
    inner = _subject_before(body, start, start + cues[-1].start(), span.open, mentions, kinds, cues[-1].group())
    if inner is None or inner[2] is None or body[inner[2] : inner[3]].lower() in ("he", "she", "they", "it", "who"):
        return None
    if (inner[0] and inner[0] == key) or (inner[0] is None and inner[1] == name):
        return None
    if inner[0] is None and inner[1] is None:
        return None
    return inner, relayer


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


def _attribute_before(body, span, sentence_start, mentions, kinds):  # type: ignore[no-untyped-def]
    """'Lavrov said: "..."' / 'Blinken told reporters, "..."' / 'according to Price, "..."'."""
    previous_close = max(body.rfind("”", sentence_start, span.open), body.rfind('"', sentence_start, span.open))
    whole_sentence_start = sentence_start
    sentence_start = max(sentence_start, previous_close + 1)  # a cue before an earlier quote is that quote's
    head = body[sentence_start : span.open]
    words_of = re.search(r"\b[Ii]n\s+(?:the\s+)?([^,]{2,60}?)['’]s?\s+(?:own\s+)?words\s*[:,]?\s*$", head)
    if words_of:  # "In the mayor's words: "...""
        first, last = sentence_start + words_of.start(1), sentence_start + words_of.end(1)
        owner = [m for m in mentions if first <= m.start < last]
        if owner:
            return _mention_to_attribution(owner[-1], "in the words of")
    cues = _verb_cues(head)
    if not cues:
        if head.rstrip().endswith(":"):  # "Here's Clinton in December 1992: "...""; "Newport and Harter: "...""
            return _subject_before(
                body, sentence_start, sentence_start + len(head.rstrip()) - 1, span.open, mentions, kinds, None
            )
        return None
    cue = cues[-1]
    opening = [c for c in cues if c.group() == "According to" and not head[: c.start()].strip()]
    if opening and not [c for c in cues if c.start() > opening[0].start()]:
        cue = opening[0]  # "According to X, ... "...": the whole sentence is told by X
    elif (
        not re.search(r"[:,]\s*$|\bthat\s*$|\b(?:" + _CUES + r")\s*$", head)
        and len(head) - cue.end() > 60
        and not re.search(r"\bthat\b", head[cue.end() :])  # "X assured ... that Y will be "...""
    ):
        return None
    cue_start = sentence_start + cue.start()
    cue_end = sentence_start + cue.end()
    if cue.group().lower() == "according to":
        phrase = speakers.phrase_after(body, cue_end, span.open, mentions)
        if phrase:  # "According to a Russian document, ..."
            return _phrase_attribution(body, phrase, mentions, kinds, cue.group())
        after = [m for m in mentions if cue_end <= m.start < span.open]
        if after:
            return _mention_to_attribution(after[0], cue.group())
        phrase = _noun_phrase(body, cue_end, span.open, leading=True)
        if phrase:
            return None, body[phrase[0] : phrase[1]], phrase[0], phrase[1], cue.group()
    # "X said he was "convinced" ..., saying he had "reason to believe"": a participle's subject
    # opens the whole sentence, before the earlier quote.
    participle = (
        cue.group().endswith("ing")
        and body[whole_sentence_start] not in _OPENERS
        # '"...," Cruz said, adding: "...": the subject of 'said' adds it
        and len(cues) == 1
    )
    subject_from = whole_sentence_start if participle else sentence_start
    found = _subject_before(body, subject_from, cue_start, span.open, mentions, kinds, cue.group())
    if found:
        return found
    after = [m for m in mentions if cue_end <= m.start < span.open]
    return _mention_to_attribution(after[0], cue.group()) if after else None


_PRONOUN_BEFORE_VERB = re.compile(r"\b(he|she|they|who|it|I|we|He|She|They|Who|It|We)(?:\s+\w+ly)?\s*$")


def _subject_before(body, start, cue_start, quote_start, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    """The speaker standing before a reporting verb: a pronoun right before it ("she wrote",
    "Obama, who called"), else the last actor before it that is not a possessive or in
    parentheses ("Sanders's following"), people first, else a pronoun or role noun."""
    if cue and cue.endswith("ing"):
        # 'Albright urged women to vote for Clinton, saying, "..."': a participle's speaker is
        # the subject of the sentence, its first actor or pronoun.
        first = _first_subject(body, start, cue_start, quote_start, mentions, kinds, cue)
        if first:
            return first
        phrase = _noun_phrase(body, start, cue_start, leading=True)  # "The retired neurosurgeon has ..., saying"
        if phrase:
            return None, body[phrase[0] : phrase[1]], phrase[0], phrase[1], cue
    pronoun = _PRONOUN_BEFORE_VERB.search(body, start, cue_start)
    if pronoun:
        return _resolve_pronoun(pronoun.group(1), pronoun.start(1), pronoun.end(1), quote_start, mentions, kinds, cue)
    phrase = _phrase_speaker(body, start, cue_start, mentions, kinds, cue)
    if phrase:
        return phrase
    clause = max(start, body.rfind(",", start, cue_start) + 1)
    opening = speakers.phrase_after(body, clause, cue_start, mentions)
    if opening and opening.kind == "document" and re.match(r"\s+(?:\w+\s+)?(?:by|from)\s", body[opening.end :]):
        return _phrase_attribution(body, opening, mentions, kinds, cue)  # "A statement by the ministry said"
    aside = _aside_before(body, start, cue_start)
    candidates = [
        m
        for m in mentions
        if start <= m.start
        and m.end <= cue_start
        and not _possessive(body, m)  # "Sanders's following"
        and body.count("(", start, m.start) <= body.count(")", start, m.start)
        and not (aside[0] <= m.start < aside[1] and not _names_the_aside(body, aside, m))
        # "Mary Susan, clad in a cape with the name Trump, said"; but "Ukraine's president, Jan Kos, said"
        and not _OBJECT_BEFORE.search(body, max(start, m.start - 9), m.start)  # "met with Trump and declared"
    ]
    people = [m for m in candidates if kinds.get(m.key) == "person"]
    if people or candidates:
        return _mention_to_attribution((people or candidates)[-1], cue)
    found = _pronoun_or_role(body, start, cue_start, quote_start, mentions, kinds, cue)
    if found:
        return found
    clause = max(body.rfind(",", start, cue_start), body.rfind(";", start, cue_start)) + 1
    phrase = _noun_phrase(body, max(start, clause), cue_start)  # "The minority leader said flatly:"
    return (None, body[phrase[0] : phrase[1]], phrase[0], phrase[1], cue) if phrase else None


_ADVERBS_AT_END = re.compile(
    r"(?:\s+(?:also|later|then|previously|earlier|again|further|has|have|had|was|is|were|are|will|would|"
    r"once|first|recently|today|yesterday|[a-z]+ly))*\s*,?\s*$"
)


def _phrase_speaker(body, start, cue_start, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    """An unnamed speaker standing right before the verb: "a Pentagon official said", "US officials
    described", "the report asserted" (a document: its author, when the article names one)."""
    end = _ADVERBS_AT_END.search(body, start, cue_start).start()
    if any(m.end == end for m in mentions):
        return None  # "the Foreign Ministry said": a named actor
    phrase = speakers.phrase_before(body, max(start, end - 120), end)
    if phrase is None:
        return None
    named = [m for m in mentions if m.end <= phrase.start and re.fullmatch(r",\s+", body[m.end : phrase.start])]
    if named and named[-1].start >= start:  # "Ned Price, the department's spokesman, said": his title
        return _mention_to_attribution(named[-1], cue)
    return _phrase_attribution(body, phrase, mentions, kinds, cue)


_CLAUSE_BREAK = re.compile(r"(?:,\s+(?:and|but|while|whereas)|;|\s+and)\s+(?=(?:he|she|they|it|the|[A-Z])\b)")


def _first_subject(body, start, cue_start, quote_start, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    """The subject of the clause that ends at `cue_start`: a pronoun opening it, else its first actor
    ("Christie made it a priority, and he has battled ..., calling the mayor a "liar"": he)."""
    breaks = list(_CLAUSE_BREAK.finditer(body, start, cue_start))
    if breaks:
        start = breaks[-1].end()
    opening = re.match(r"\W*(he|she|they|He|She|They)\b", body[start:cue_start])
    if opening:
        return _resolve_pronoun(
            opening.group(1), start + opening.start(1), start + opening.end(1), quote_start, mentions, kinds, cue
        )
    inside = [
        m
        for m in mentions
        if start <= m.start
        and m.end <= cue_start
        and not _possessive(body, m)
        and not _OBJECT_BEFORE.search(body, max(start, m.start - 9), m.start)  # "In an interview with CNN, X"
    ]
    people = [m for m in inside if kinds.get(m.key) == "person"]  # "Speaking in Salem, Ohio, Jones said"
    return _mention_to_attribution((people or inside)[0], cue) if inside else None


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


def _after_colon(body: str, index: int) -> bool:
    """True when the text before `index` (across a paragraph break) ends with a colon."""
    return body[:index].rstrip().endswith(":")


def _previous_sentence_speaker(body, sentence_start, quote_start, mentions, kinds):  # type: ignore[no-untyped-def]
    """'Or maybe Jeb Bush, consultant Phil Musser says. "Several surveys ..."': a sentence that
    ends on its reporting verb introduces the quote after it."""
    previous = body[max(0, sentence_start - 200) : sentence_start].rstrip()
    cue = re.search(rf"\b(?:{_CUES})\s*[.:]$", previous)
    if not cue:
        # 'The Foundation describes itself in the following way:' then the quote in its own paragraph
        cue = re.search(rf"\b(?:{_CUES})\b[^.\n]*:$", previous)
    if not cue or "\n" in previous[cue.start() :]:
        return None
    cue_start = sentence_start - len(body[max(0, sentence_start - 200) : sentence_start]) + cue.start()
    line_start = speakers.previous_newline(body, cue_start) + 1
    return _subject_before(
        body, max(line_start, cue_start - 120), cue_start, quote_start, mentions, kinds, cue.group().rstrip(".: ")
    )


# The sentence after a quote that stands alone names who said it: "Those were the words of X", "The
# remarks came from X", "X made the comments on Sunday", "X wrote the message on Telegram".
_WORDS_OF = re.compile(
    r"\s*(?:(?:That|This|Those|These|Such)\s+(?:was|were|is|are)\s+(?:the\s+)?|The\s+)"
    r"(?:words?|remarks?|comments?|message|warning|statement|post|tweet|verdict|view|assessment)\s+"
    r"(?:\w+\s+){0,2}?(?:of|from|by)\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,5}?$"  # "... of Defence Minister X"
)
_MADE_THE = re.compile(
    r"\s+(?:made|wrote|posted|tweeted|delivered|issued|gave)\s+(?:the|these|those|that|this)\s+"
    r"(?:words?|remarks?|comments?|message|warning|statement|post|tweet|speech|appeal)\b"
)


def _next_sentence_speaker(body, sentence_end, mentions):  # type: ignore[no-untyped-def]
    """A quote standing alone, its speaker named in the sentence after it."""
    following = [m for m in mentions if sentence_end <= m.start <= sentence_end + 120]
    if not following:
        return None
    first = following[0]
    if "\n" in body[sentence_end : first.start].strip(" "):
        return None  # the next paragraph is another matter
    between = body[sentence_end : first.start]
    title_only = re.fullmatch(r"\s*(?:[A-Z][\w.'’-]*\s+){0,5}", between) is not None  # "Defence Minister X made"
    if _WORDS_OF.fullmatch(between) or (title_only and _MADE_THE.match(body, first.end)):
        return _mention_to_attribution(first, "(next sentence)")
    return None


def _sentence_subject(body, span, sentence_start, mentions, kinds):  # type: ignore[no-untyped-def]
    """The subject of the clause holding a partial quote: a pronoun opening it, else its first actor."""
    opening = re.match(r"\W*(He|She|They)\b", body[sentence_start : span.open])
    if opening:
        return _resolve_pronoun(
            opening.group(1), sentence_start + opening.start(1), sentence_start + opening.end(1), span.open,
            mentions, kinds, None,
        )  # fmt: skip
    head = body[sentence_start : span.open]
    document = _document_before_relative(body, sentence_start, span.open, mentions, kinds)
    if document:  # 'vetoed a resolution that "deplores ..."': the resolution's words
        return document
    cues = [c for c in _verb_cues(head) if c.group().lower() != "according to"]
    if cues and re.search(r",[”\"]?\s+(?:while|and|but|whereas)\b|;", head[cues[-1].end() :]):
        cues = []  # "X said ..., while Y conveyed "...": another clause, another subject
    if cues and head.count("(", cues[0].end()) > head.count(")", cues[0].end()):
        cues = []  # the quote is inside a parenthesis the verb does not reach
    if cues:  # a partial quote far into what someone said: the speaker is the subject of its verb
        cue_start = sentence_start + cues[0].start()
        found = _subject_before(body, sentence_start, cue_start, span.open, mentions, kinds, cues[0].group())
        if found and found[3] is not None and re.fullmatch(r"[^,;]{0,25}", body[found[3] : cue_start]):
            return found
    clauses = list(re.finditer(r"(?:,\s+(?:while|and|but|whereas|as)|;|\s+while)\s+", head))
    clause_start = sentence_start + clauses[-1].end() if clauses else sentence_start
    for start in (clause_start, sentence_start):
        before = [
            m for m in mentions
            if start <= m.start and m.end <= span.open and not _possessive(body, m)
        ]  # fmt: skip
        if before:
            people = [m for m in before if kinds.get(m.key) == "person"]
            return _mention_to_attribution((people or before)[0] if start == sentence_start else before[0], None)
    return _pronoun_or_role(body, sentence_start, span.open, span.open, mentions, kinds, None)


def _document_before_relative(body, start, quote_start, mentions, kinds):  # type: ignore[no-untyped-def]
    """ "a resolution on Friday that "...": the document the relative clause opens on."""
    relative = re.search(r"\s(?:that|which)\s+$", body[max(start, quote_start - 12) : quote_start])
    if relative is None:
        return None
    relative_start = max(start, quote_start - 12) + relative.start()
    words = list(re.finditer(r"[\w’'-]+", body[max(start, relative_start - 50) : relative_start]))
    for word in reversed(words[-4:]):
        if speakers.noun_kind(word.group()) == "document":
            noun_end = max(start, relative_start - 50) + word.end()
            phrase = speakers.phrase_before(body, max(start, noun_end - 80), noun_end, subject=False)
            return _phrase_attribution(body, phrase, mentions, kinds, None) if phrase else None
    return None


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


def _continues_previous(body: str, previous: FoundQuote, open_: int, attribution) -> bool:  # type: ignore[no-untyped-def]
    between = body[previous.end : open_]
    return (
        # '"We remain committed," Price said, "to the diplomatic path."': the second part goes on with
        # the sentence (lower case); after '..., she said, adding, "Mr. Trump ..."' a new one begins.
        body[open_ + 1 : open_ + 2].islower()
        and "\n" not in between
        and len(between) < 80
        and bool(re.match(r"[,]?[”\"]\s*,?\s*[^“”\"]*\b(?:" + _CUES + r")\b[^“”\"]*,\s*$", between))
        and attribution[0] == previous.speaker_key
    )


_NAMING = re.compile(
    # a possessive ("NATO's"), not a contraction ("it's", "that's")
    r"(?:(?<!\bit)(?<!\bthat)(?<!\bhe)(?<!\bshe)(?<!\bwhat)(?<!\bthere)(?<!\bwho)(?<!\bhere)['’]s"
    r"|\bso-called|\bdubbed|\bnamed|\btitled|\bknown as|\bnicknamed|\blabell?ed|\bbranded|\btermed|"
    r"\bcalled|\bcalling|\bthe word|\bthe term|\bthe phrase|\bslogan)\s*$",
    re.IGNORECASE,
)


def _someone_calls(before: str, verb: str) -> bool:
    """ "officials called it "a provocation"", "he dubbed the plan "...": a speaker's verb, not a name given."""
    if not re.match(r"\s*(?:called|calling|dubbed|branded|termed|labell?ed)\b", verb, re.IGNORECASE):
        return False
    subject = re.search(r"([\w’'-]+)\s+(?:\w+ly\s+)?$", before)
    if subject is None:
        return False
    word = subject.group(1)
    pronoun = word.lower() in ("he", "she", "they", "we", "i")
    return pronoun or speakers.noun_kind(word) is not None or word[:1].isupper()


_TITLE_SMALL_WORDS = frozenset("a an the of and with in on for to at by or from".split())


def _looks_like_a_title(words: list[str]) -> bool:
    """Every word capitalised but the small ones: the name of a show, a book, an operation."""
    letters = [w.strip(".,!?:;'\"“”‘’") for w in words]
    letters = [w for w in letters if w[:1].isalpha()]
    return (
        bool(letters)
        and letters[0][:1].isupper()
        and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in letters)
    )


def _names_a_work(body: str, span: _Span, content: str) -> bool:
    """A short title-case quote after a possessive or "on", "in": the name of a show, a book, a paper."""
    words = content.split()
    if not 1 <= len(words) <= 5 or not _looks_like_a_title(words) or (len(words) == 1 and words[0].isupper()):
        return False
    return re.search(r"(?:['’]s?|\b(?:on|in))\s*$", body[max(0, span.open - 12) : span.open]) is not None


def _is_speech(body: str, span: _Span, content: str, sentence_start: int, whole_paragraph: bool) -> bool:
    """False for scare quotes, titles and nicknames.

    A long quote is speech. A short one inside a sentence is speech when the sentence reports
    someone's words ('Carson said that "personnel changes" could come') - unless it names
    something: after a possessive or a naming verb (NATO's "open door policy", dubbed
    "Allied Resolve"), or a title in capitals."""
    words = content.split()
    if whole_paragraph or span.open == sentence_start:
        return len(words) >= 3 or content.endswith((".", "!", "?"))
    if len(words) <= 4 and re.match(
        r"[”\"]?\s+(?:phrase|term|word|words|label|slogan|moniker|nickname|expression|catchphrase)\b",
        body[span.close : span.close + 20],
    ):
        return False  # 'the "wise Latina" phrase': words talked about, not said here
    if len(words) <= 6 and _looks_like_a_title(words):
        return False  # 'told CBS\'s "Face the Nation,"', 'the book "The Tragedy of Lyndon Johnson"'
    if len(words) > 4:
        return True
    before = body[sentence_start : span.open]
    naming = _NAMING.search(before)
    if naming and not _someone_calls(before[: naming.start()], naming.group()):
        return False
    return bool(_verb_cues(before)) or bool(re.search(r":\s*$", before))
