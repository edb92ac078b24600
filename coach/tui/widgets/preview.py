"""An exercise's preview: what it is, when it helps, its steps, minutes and the last change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from coach.tui.text import plain

if TYPE_CHECKING:
    from coach.core.preview import Preview


def preview_content(preview: Preview) -> Content:
    """The preview's lines as literal text, headings in bold."""
    lines = [
        plain(text).stylize(style) if style else plain(text) for style, text in preview.lines()
    ]
    return Content("\n").join(lines)


class PreviewPane(VerticalScroll, can_focus=False):
    """The preview of one exercise; `show` draws another."""

    DEFAULT_CSS = """
    PreviewPane {
        height: 1fr;
    }
    PreviewPane > Static {
        width: 100%;
    }
    """

    def __init__(self, preview: Preview | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.preview = preview

    def compose(self) -> Any:
        shown = preview_content(self.preview) if self.preview else Content("")
        yield Static(shown, classes="preview-body")

    def show(self, preview: Preview) -> None:
        """Draw `preview` (nothing redrawn when it is the one shown)."""
        if preview == self.preview:
            return
        self.preview = preview
        self.query_one(".preview-body", Static).update(preview_content(preview))
        self.scroll_home(animate=False)
