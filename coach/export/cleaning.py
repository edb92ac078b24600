"""Text fields of imported records cleaned as they enter, looking only where cleaning could
change something: a file with nothing to clean passes its records as they are."""

from __future__ import annotations

import codecs
import re
from typing import Any, Literal

from coach.text import clean

# Text a person or a pack wrote, cleaned as it enters (coach/text.py); ids and timestamps are
# checked exactly instead, and `x-` extras are kept as they are, bounded by the record model.
_ONE_LINE_FIELDS = frozenset({"exercise_title", "skill", "pack_version", "title"})
_MULTILINE_FIELDS = frozenset({"note", "text", "answers"})


# What `clean` could change, as it appears in a JSON file: an escape other than \n, \", \\ or
# \/ (a control character cannot appear in a JSON string unescaped); DEL, C1 and the soft
# hyphen; the line separators, bidi and zero-width characters, in UTF-8. The first bytes of each
# are looked for first (quick); only when one is there is the whole pattern searched.
# tests/unit/test_import_batch.py checks both against `clean`, character by character.
_MARKS = (b"\\", b"\x7f", b"\xc2", b"\xd8\x9c", b"\xe1\xa0\x8e", b"\xe2\x80", b"\xe2\x81", b"\xef")
_UNCLEAN = re.compile(
    rb'\\[^n"\\/]|\x7f|\xc2[\x80-\x9f\xad]|\xd8\x9c|\xe1\xa0\x8e|\xe2\x80[\x8b-\x8f\xa8-\xae]'
    rb"|\xe2\x81[\xa0-\xaf]|\xef\xbb\xbf|\xef\xbf[\xb9-\xbb]"
)
Cleaning = Literal["none", "one-line", "all"]


def cleaning_needed(raw: bytes) -> Cleaning:
    """Which text fields of a JSON file could change when cleaned: none, only the one-line ones
    (the file has line breaks, which notes keep), or any."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    if raw.isascii():
        marked = b"\\" in raw or b"\x7f" in raw
    else:
        marked = any(mark in raw for mark in _MARKS)
    if marked and _UNCLEAN.search(raw):
        return "all"
    return "one-line" if b"\\n" in raw else "none"


def _cleaned_text(value: Any, multiline: bool, depth: int = 0) -> Any:
    if isinstance(value, str):  # printable text has nothing `clean` takes out
        return value if value.isprintable() else clean(value, multiline=multiline)
    if isinstance(value, list) and depth < 2:
        return [_cleaned_text(v, multiline, depth + 1) for v in value]
    if isinstance(value, dict) and depth < 2:
        return {k: _cleaned_text(v, multiline, depth + 1) for k, v in value.items()}
    return value


def cleaned(item: dict[str, Any], needed: Cleaning = "all") -> dict[str, Any]:
    """A record's text fields without escape, control, bidi or zero-width characters; `needed`
    is what `cleaning_needed` said of the whole file, so a clean file's records pass as they are."""
    if needed == "none":
        return item
    if needed == "one-line":
        odd = [
            key
            for key in _ONE_LINE_FIELDS
            if isinstance(item.get(key), str) and not item[key].isprintable()
        ]
        return {**item, **{key: clean(item[key]) for key in odd}} if odd else item
    return {
        key: _cleaned_text(value, key in _MULTILINE_FIELDS)
        if key in _ONE_LINE_FIELDS or key in _MULTILINE_FIELDS
        else value
        for key, value in item.items()
    }


def printable_one_lines(sessions: list[dict[str, Any]], cards: list[dict[str, Any]]) -> bool:
    """Whether every one-line text of these checked records is printable: cleaning them would
    change nothing."""
    texts = [s[key] for s in sessions for key in ("exercise_title", "skill", "pack_version")]
    return "".join(texts).isprintable() and "".join(c["title"] for c in cards).isprintable()
