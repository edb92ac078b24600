"""Text from packs and people, made safe to show: always Content, never parsed as markup."""

from __future__ import annotations

from textual.content import Content


def plain(text: str | None) -> Content:
    """`text` exactly as written: `[bold]` and `[@click=...]` stay letters on the screen."""
    return Content(text or "")


def styled(text: str | None, style: str) -> Content:
    """Plain text with one style applied to all of it (the text itself is never markup)."""
    return Content(text or "").stylize(style)
