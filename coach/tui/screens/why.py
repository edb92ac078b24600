"""The exercise's "why this works", a keypress away on every step."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from coach.tui.text import plain, styled

NO_WHY = "This exercise does not say more about why it works. You can still go at your own pace."


class WhyModal(ModalScreen[None]):
    """Markdown of the exercise's `why`; any of escape, enter or F1 closes it."""

    BINDINGS = [
        Binding("escape,enter,f1", "close", "Close"),
    ]

    def __init__(self, title: str, why: str | None) -> None:
        super().__init__()
        self.exercise_title = title
        self.why = why

    def compose(self) -> Any:
        with Vertical(id="why-dialog", classes="dialog"):
            yield Static(styled(f"Why this works: {self.exercise_title}", "bold"))
            with VerticalScroll(id="why-body"):
                if self.why:
                    yield Markdown(self.why, open_links=False)
                else:
                    yield Static(plain(NO_WHY))
            yield Static(plain("Enter or escape closes this."), classes="hint")

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()

    def action_close(self) -> None:
        self.dismiss(None)
