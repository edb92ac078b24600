"""Text from outside made safe where it enters, and kept safe where it leaves.

Everything that comes from outside coach (packs, imports, typed answers, command-line arguments,
error messages that quote a value) passes through `clean` once, at the moment it enters: escape
sequences and control characters go, bidi controls and zero-width characters go, and the length
is bounded. What is left is shown literally by every face (`Text`, `Content`, `markup=False`).
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first used: nine of them cost a millisecond of every start, and
    printable text (most of it) never needs them. Kept here rather than in `re`'s own cache,
    which every library shares and which drops old patterns when full."""
    return re.compile(pattern, flags)


# A whole escape sequence first (CSI, OSC, DCS and the like, ESC or its C1 form), so that
# `ESC ] 0 ; title BEL` leaves nothing behind, then any control character left on its own.
_ESCAPE = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final byte
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS..
    r"|\x1b[ -/]*[0-~]?"  # two-character escapes (ESC c, ESC ( B)
)
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_CONTROL_ONE_LINE = r"[\x00-\x1f\x7f-\x9f]"
# Bidi embeddings, overrides and isolates; zero-width spaces and joiners; the BOM; soft hyphen;
# the invisible operators and the interlinear annotation marks. They hide or reorder what is
# shown, so they are taken out. (ZWJ inside an emoji sequence is lost; the emoji stay.)
_INVISIBLE = (
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_LINE_BREAKS = "\r\n?|[\u2028\u2029\x85]"


def clean(value: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """`value` as safe plain text: no escape sequences, control, bidi or zero-width characters.

    With `multiline`, line breaks (normalised to `\\n`) and tabs stay; without it they become
    spaces. With `limit`, the text is cut to at most that many characters.
    """
    if value.isprintable():  # no Cc, Cf, Zl, Zp: nothing below could match (most text)
        return value[:limit] if limit is not None and len(value) > limit else value
    return _clean_unprintable(value, multiline, limit)


def _clean_unprintable(value: str, multiline: bool, limit: int | None) -> str:
    """`clean` for text with something that is not printable in it: each kind taken out (a
    search first: `sub` copies the text even when nothing matches)."""
    text = _compiled(_LINE_BREAKS).sub("\n", value) if multiline else value
    if "\x1b" in text or _compiled(_C1_ESCAPES).search(text):
        text = _compiled(_ESCAPE).sub("", text)
    if not multiline:
        text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    control = _compiled(_CONTROL if multiline else _CONTROL_ONE_LINE)
    text = control.sub("", text) if control.search(text) else text
    if not multiline:
        text = _compiled(_LINE_BREAKS).sub(" ", text)
    invisible = _compiled(_INVISIBLE)
    text = invisible.sub("", text) if invisible.search(text) else text
    return text[:limit] if limit is not None and len(text) > limit else text


_C1_ESCAPES = r"[\x90\x98\x9b\x9d\x9e\x9f]"


def strip_control(text: str) -> str:
    """Text without control characters (escape sequences and the like); newlines and tabs stay."""
    return clean(text, multiline=True)


_JSON_RAW = r"[\x7f-\x9f]"  # json.dumps escapes C0 itself; DEL and C1 it leaves raw


def json_text(value: object, indent: int | None = 2) -> str:
    """JSON as readable UTF-8 with every control character escaped: the same data, safe to print."""
    import json

    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _compiled(_JSON_RAW).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Characters that start emphasis, code, links, HTML, headings, tables, strikethrough or entities
# anywhere in a line; and, at the start of a line, a list, a quote or a setext underline (a line
# of - or = under a line of text would make that text a heading).
_MARKDOWN_SPECIAL = r"([\\`*_\[\]<>#|~&])"
_MARKDOWN_LINE_START = r"^([ \t]*)(?:([-+=])|(\d+)([.)]))"


def markdown_escape(text: str) -> str:
    """Person-written text for a Markdown file, shown as written: Markdown and HTML characters
    escaped, so no line can become a heading, a list, a link, a table or HTML (export/markdown.py
    and core/prep.py share it)."""
    escaped = _compiled(_MARKDOWN_SPECIAL).sub(r"\\\1", strip_control(text))
    return _compiled(_MARKDOWN_LINE_START, re.MULTILINE).sub(_markdown_line_start, escaped)


def _markdown_line_start(found: re.Match[str]) -> str:
    space, mark, digits, dot = found.groups()
    return f"{space}\\{mark}" if mark else f"{space}{digits}\\{dot}"
