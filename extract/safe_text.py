"""The one sanitiser every byte from data goes through before it reaches a terminal or a file
someone will render: article text, titles, outlets, URLs, file names, error lines.

Data never drives a terminal: C0 controls (ESC included), DEL and C1 controls (U+0080-U+009F,
which some terminals obey as CSI, OSC and the like) are made visible, and so are the Unicode
controls that reorder what is shown (bidirectional embeddings, overrides and isolates) and the
line and paragraph separators. Pure: no I/O.
"""

from __future__ import annotations

import json
import re

# C0 and DEL, C1, line/paragraph separators, bidi embeddings/overrides (202A-202E) and isolates (2066-2069).
_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_CHAR = re.compile(f"[{_UNSAFE}]")
_UNSAFE_BY_KEEP: dict[str, re.Pattern[str]] = {"": _UNSAFE_CHAR}


def shown_as(char: str) -> str:
    """How one unsafe character is shown: C0 as its control picture (ESC as ␛, a newline as ␊),
    DEL as ␡, the rest as a visible escape (`<U+009B>`)."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def visible(text: str, keep: str = "") -> str:
    """`text` with every control character made visible; the characters in `keep` (say "\\n\\t"
    for a multi-line view) are left as they are."""
    pattern = _UNSAFE_BY_KEEP.get(keep)
    if pattern is None:
        kept = "".join(re.escape(c) for c in keep)
        pattern = _UNSAFE_BY_KEEP.setdefault(keep, re.compile(f"(?![{kept}])[{_UNSAFE}]"))
    return pattern.sub(lambda m: shown_as(m.group()), text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE_CHAR.search(text) is not None


_JSON_UNSAFE = re.compile(f"[{_UNSAFE}]")


def json_line(value: object) -> str:
    """`value` as one line of JSON, readable (non-ASCII kept) but with every control character,
    C1 and bidi controls included, written as a `\\uXXXX` escape: the line is safe on a terminal
    and parses back to the same value."""
    # Outside strings JSON is plain ASCII, so every unsafe character found lies inside a string.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))
