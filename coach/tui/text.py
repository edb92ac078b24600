"""Text from packs and people, made safe to show: always Content, never parsed as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.content import Content

from coach.text import clean

if TYPE_CHECKING:
    from textual.fuzzy import Matcher


def plain(text: str | None) -> Content:
    """`text` exactly as written: `[bold]` and `[@click=...]` stay letters on the screen, and
    no escape, control, bidi or zero-width character reaches the terminal (a record stored by
    an older coach may still hold one)."""
    return Content(clean(text or "", multiline=True))


def styled(text: str | None, style: str) -> Content:
    """Plain text with one style applied to all of it (the text itself is never markup)."""
    return plain(text).stylize(style)


def highlighted(matcher: Matcher, text: str) -> Content:
    """`text` as literal Content with the letters that `matcher` found marked (Textual's own
    `Matcher.highlight` reads its candidate as markup)."""
    content = plain(text)
    shown = content.plain
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if score:
        for offset in offsets:
            if not shown[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def literal_help(content: Content) -> str:
    """Help text for a palette hit. Textual types it `str` and reads a `str` as markup; a
    `Content` it shows as it is (`Content.from_markup` returns a Content unchanged)."""
    return cast(str, content)
