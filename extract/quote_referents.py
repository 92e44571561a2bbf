"""What a quote's speaker refers to, and whose words a teller relays.

The kind of speaker (person, organisation, country, document); "it", "they", "the ministry",
"the statement", "Finland's president" resolved within the article; relayed speech
("X told Y that ...", "Z said, quoting X") credited to the one quoted, with the teller as `via`.
"""

from __future__ import annotations

import itertools
import re

from dateline.extract import lexicon, speakers
from dateline.extract.quote_attribution import _subject_before
from dateline.extract.quote_cues import _mention_to_attribution, _verb_cues


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
