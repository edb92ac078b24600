"""Help: every key, and what coach is and is not."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from coach.tui.text import styled
from coach.tui.widgets.footer import KeysFooter

HELP = """\
## What coach is

A calm, private place to practice the skills you learn in therapy: grounding, setting
boundaries, riding out strong feelings. Everything stays on this computer. Nothing is
sent anywhere unless you export it yourself.

## What coach is not

It is **not a crisis service** and not a replacement for care, a diagnosis, or your
therapist. If you are in danger or might hurt yourself, call your local emergency number
or a crisis line now: F2 shows the lines for where you are, from any screen. coach never
calls, texts or contacts anyone.

## Keys on the home screen

| key | what it does |
|---|---|
| n | right now: the quickest grounding exercise |
| c | continue an exercise you stopped part way |
| / | search: type what is going on |
| ↑ ↓, enter | move in the list of exercises, start one |
| h | your history: sessions, progress, cards, notes for your next session |
| p | your packs |
| s | settings: theme, motion, crisis resources |
| ? | this help |
| F2 | crisis lines for where you are (from any screen); p there opens your safety plan |
| ctrl+p | find any exercise or screen by name |
| ctrl+q | close coach |

## Keys during an exercise

| key | what it does |
|---|---|
| enter | go on (in a question with several answers: next field) |
| escape | back one step; your answers stay |
| ← → or a number | choose on a scale |
| ↑ ↓, space | move in a list; tick or untick |
| space | pause a timer or the breathing guide |
| ctrl+s | keep a script or a long answer, and go on |
| ctrl+o | copy your script |
| ctrl+n | skip a step you'd rather not do |
| F1 | why this works |
| F10 | stop for now: keep your place, or save what you did |
| F2 | crisis lines; the exercise waits underneath |
| F3 | when crisis lines are shown and no region is chosen: choose where you are |
| h | in a breathing guide with holds: breathe without them (again to bring them back) |
| ctrl+q | close coach; your place is kept |

You can stop at any time. Your place is saved after every step, and next time you can
pick up where you left off, or start fresh.
"""


class HelpScreen(Screen[None]):
    """Our own words, shown through the Markdown widget (links are not opened)."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("escape", "app.pop_screen", "Home")]

    def compose(self) -> Any:
        yield Static(styled("Help", "bold"), id="help-title")
        with VerticalScroll(id="help-body", can_focus=True):
            yield Markdown(HELP, open_links=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
