"""An exercise's preview on a screen of its own: enter starts it, escape goes back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen

from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.preview import PreviewPane

if TYPE_CHECKING:
    from coach.core.preview import Preview


class PreviewScreen(Screen[None]):
    """What an exercise is before it starts (narrow terminals, and the packs screen)."""

    BINDINGS = [
        Binding("enter", "start", "Start"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, preview: Preview) -> None:
        super().__init__()
        self.preview = preview

    def compose(self) -> Any:
        with Vertical(id="preview-screen"):
            yield PreviewPane(self.preview, id="preview-pane")
        yield KeysFooter()

    def action_start(self) -> None:
        full_id = self.preview.full_id
        self.dismiss(None)
        self.app.choose(full_id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss(None)
