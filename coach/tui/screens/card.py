"""A kept card, to reread and copy."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.clipboard import copy_text
from coach.tui.text import plain, styled


class CardModal(ModalScreen[None]):
    """The card's text as written; ctrl+o copies it, escape or enter closes."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [
        Binding("ctrl+o,c", "copy", "Copy"),
        Binding("escape,enter", "close", "Close"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.card_title = title
        self.text = text

    def compose(self) -> Any:
        with Vertical(id="card-dialog", classes="dialog"):
            yield Static(styled(self.card_title, "bold"))
            with VerticalScroll(id="card-body"):
                yield Static(plain(self.text), id="card-text")
            yield Static(plain("C copies it. Enter or escape closes this."), classes="hint")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        copy_text(self.text)
        self.notify(
            "Copied. If it does not paste, your terminal may not allow copying.", markup=False
        )

    def action_close(self) -> None:
        self.dismiss(None)
