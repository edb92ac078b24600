"""Coming back to an exercise left part way: continue where it stopped (the default), or fresh.

Starting fresh lets the kept answers go for good, so it asks once more, with keeping them as
the default: a single enter or escape never throws practice away.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter


class ResumeModal(ModalScreen[bool]):
    """True to continue where the person left off, False (only once confirmed) to start fresh."""

    BINDINGS = [
        Binding("escape", "pick(True)", "Continue", show=False),
        Binding("left", "app.focus_previous", "Previous", show=False),
        Binding("right", "app.focus_next", "Next", show=False),
    ]

    def __init__(self, title: str, where: str) -> None:
        super().__init__()
        self.exercise_title = title
        self.where = where

    def compose(self) -> Any:
        with Vertical(id="resume-dialog", classes="dialog"):
            yield Static(styled(f"Welcome back to {self.exercise_title}", "bold"))
            yield Static(plain(f"Your place is kept at {self.where}, with your answers."))
            with Horizontal(classes="buttons"):
                yield Button(plain("Continue where I was"), id="resume-continue", variant="primary")
                yield Button(plain("Start fresh"), id="resume-fresh")
            yield Static(plain("← → choose, enter picks."), classes="hint")
        confirm = Vertical(id="resume-confirm", classes="dialog")
        confirm.display = False
        with confirm:
            yield Static(styled("Start fresh?", "bold"))
            yield Static(
                plain(f"Your answers kept at {self.where} will be let go, and cannot come back.")
            )
            with Horizontal(classes="buttons"):
                yield Button(plain("Keep them"), id="resume-keep", variant="primary")
                yield Button(plain("Start fresh"), id="resume-fresh-sure")
            yield Static(plain("← → choose, enter picks, escape keeps them."), classes="hint")
        yield KeysFooter()

    def footer_hints(self) -> list[tuple[str, str]]:
        return [("← →", "Choose"), ("⏎", "Pick"), ("esc", "Keep my place")]

    def on_mount(self) -> None:
        self.query_one("#resume-continue", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "resume-fresh":
            self.query_one("#resume-dialog").display = False
            self.query_one("#resume-confirm").display = True
            self.query_one("#resume-keep", Button).focus()
            return
        self.dismiss(event.button.id != "resume-fresh-sure")

    def action_pick(self, keep: bool) -> None:
        self.dismiss(keep)
