"""A question that needs a yes before anything is changed: y (or enter) says yes, n or escape no."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter


class ConfirmModal(ModalScreen[bool]):
    """Asks one question; dismisses with True for yes and False for no."""

    CSS_PATH = ["../styles/screens.tcss", "../styles/history.tcss"]

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str = "Y deletes it.", no: str = "N keeps it.") -> None:
        super().__init__()
        self.question = question
        self.hint = f"{yes} {no}"

    def compose(self) -> Any:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(styled(self.question, "bold"), id="confirm-question")
            yield Static(plain(self.hint), classes="hint")
        yield KeysFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
