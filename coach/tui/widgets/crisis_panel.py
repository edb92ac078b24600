"""Crisis lines beside the exercise, offered when a distress rating is high. Never focused,
never in the way: the exercise goes on beside it, and coach contacts no one."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.widgets import Static

from coach.core import crisis
from coach.tui.text import plain, styled


class CrisisPanel(VerticalScroll, can_focus=False):
    """Hidden until `offer()`; then it stays for the rest of the run."""

    _offered = False

    def compose(self) -> Any:
        yield Static(styled("Someone to talk to", "bold"), id="crisis-panel-title")
        yield Static(plain(crisis.OFFER), id="crisis-panel-offer")
        yield Static(id="crisis-panel-lines")
        yield Static(id="crisis-panel-hint", classes="hint")

    def on_mount(self) -> None:
        self.display = False

    @property
    def offered(self) -> bool:
        return self._offered

    def offer(self, region: str | None) -> None:
        chosen = crisis.resources_for(region)
        text = "\n".join([chosen.name + ":", *crisis.lines(chosen)])
        self.query_one("#crisis-panel-lines", Static).update(plain(text))
        more = "F2 shows them larger." if region else "F2 shows every region's lines."
        self.query_one("#crisis-panel-hint", Static).update(plain(more))
        self.display = True
        self._offered = True
