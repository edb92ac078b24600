"""Stopping part way: keep the place for later (the default), save what was done, or go on."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.tui.text import plain, styled

KEEP, SAVE, GO_ON = "keep", "save", "go-on"


class StopModal(ModalScreen[str]):
    """Any choice is fine: stopping is part of practice."""

    BINDINGS = [
        Binding("escape", "pick('go-on')", "Go on", show=False),
        Binding("left", "app.focus_previous", "Previous", show=False),
        Binding("right", "app.focus_next", "Next", show=False),
    ]

    def compose(self) -> Any:
        with Vertical(id="stop-dialog", classes="dialog"):
            yield Static(styled("Stop here for now?", "bold"))
            yield Static(
                plain("Your place can wait for you, or you can save what you did as it is.")
            )
            with Horizontal(classes="buttons"):
                yield Button(plain("Keep my place"), id=KEEP, variant="primary")
                yield Button(plain("Save what I did"), id=SAVE)
                yield Button(plain("Go on"), id=GO_ON)
            yield Static(plain("← → choose, enter picks."), classes="hint")

    def on_mount(self) -> None:
        self.query_one(f"#{KEEP}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or GO_ON)

    def action_pick(self, choice: str) -> None:
        self.dismiss(choice)
