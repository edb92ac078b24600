"""Help: what coach is and is not, then every key as a plain line (fits 80x24, no boxes)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from coach.tui.screens.help_keys import key_lines
from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter

ABOUT = [
    (
        "What coach is",
        "A calm, private place to practice the skills you learn in therapy: grounding, "
        "setting boundaries, riding out strong feelings. Everything stays on this computer. "
        "Nothing is sent anywhere unless you export it yourself.",
    ),
    (
        "What coach is not",
        "It is not a crisis service and not a replacement for care, a diagnosis, or your "
        "therapist. If you are in danger or might hurt yourself, call your local emergency "
        "number or a crisis line now: F2 shows the lines for where you are, from any screen. "
        "coach never calls, texts or contacts anyone.",
    ),
]

ENDING = (
    "You can stop at any time. Your place is saved after every step, and next time you can "
    "pick up where you left off, or start fresh."
)


class HelpScreen(Screen[None]):
    """Our own words as plain text: headings, sentences, and keys in an aligned column."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("escape", "app.pop_screen", "Home")]

    def compose(self) -> Any:
        yield Static(styled("Help", "bold"), id="help-title")
        with VerticalScroll(id="help-body", can_focus=True):
            for title, words in ABOUT:
                yield Static(styled(title, "bold"), classes="help-heading")
                yield Static(plain(words), classes="help-words")
            for title, lines in key_lines():
                yield Static(styled(f"Keys: {title.lower()}", "bold"), classes="help-heading")
                yield Static(plain("\n".join(lines)), classes="help-keys")
            yield Static(plain(ENDING), classes="help-words help-ending")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
