"""Editing a session's note: ctrl+s saves it, escape leaves (asking first when it was changed)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.records import NOTE_LIMIT
from coach.text import clean
from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.steady_text_area import SteadyTextArea


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the new text on ctrl+s, or None when the person leaves without saving."""

    CSS_PATH = ["../styles/screens.tcss", "../styles/history.tcss"]

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, heading: str, note: str | None) -> None:
        super().__init__()
        self.heading = heading
        self.original = clean(note or "", multiline=True, limit=NOTE_LIMIT)

    def compose(self) -> Any:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(styled(self.heading, "bold"))
            yield SteadyTextArea(self.original, id="note-text", soft_wrap=True)
            yield Static(
                plain(f"Ctrl+S saves. Escape leaves. Up to {NOTE_LIMIT:,} characters."),
                classes="hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        area = self.query_one("#note-text", SteadyTextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one("#note-text", SteadyTextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_leave(self) -> None:
        if self.text == self.original:
            self.dismiss(None)
            return
        from coach.tui.screens.confirm import ConfirmModal

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal(
                "Leave without saving your changes?",
                yes="Y leaves; the note stays as it was.",
                no="N goes back to editing.",
            ),
            answered,
        )
