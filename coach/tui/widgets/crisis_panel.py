"""Crisis lines beside the exercise, offered when a distress rating is high. Never focused,
never in the way: the exercise goes on beside it, and coach contacts no one."""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from coach.core import crisis
from coach.tui.text import plain, styled

CHOOSE_KEY = "F3"
"""The key beside the exercise that chooses a region on the spot (when none is chosen)."""


class CrisisPanel(VerticalScroll, can_focus=False):
    """Hidden until `offer()`; it follows the latest distress rating (`withdraw()` hides it)."""

    _offered = False

    def compose(self) -> Any:
        yield Static(styled("Someone to talk to", "bold"), id="crisis-panel-title")
        yield Static(plain(crisis.OFFER), id="crisis-panel-offer")
        yield Static(id="crisis-panel-hint", classes="hint")
        yield Vertical(id="crisis-panel-lines")

    def on_mount(self) -> None:
        self.display = False

    @property
    def offered(self) -> bool:
        return self._offered

    def offer(self, region: str | None) -> None:
        """Show the region's lines; with no region, every region in a line or two."""
        box = self.query_one("#crisis-panel-lines", Vertical)
        box.remove_children()
        box.mount_all(_region_lines(region) if region else _every_region())
        more = (
            "F2 shows them larger."
            if region
            else f"{CHOOSE_KEY}: choose where you are. F2 shows every line."
        )
        self.query_one("#crisis-panel-hint", Static).update(plain(more))
        self.display = True
        self._offered = True

    def withdraw(self) -> None:
        """A later rating is below the threshold: the lines go (F2 still shows them)."""
        self.display = False
        self._offered = False


def _region_lines(code: str) -> list[Static]:
    region = crisis.resources_for(code)
    shown = [Static(plain(region.name + ":"), classes="crisis-panel-region")]
    for resource in region.resources:
        kind = "crisis-line crisis-emergency" if resource.emergency else "crisis-line"
        shown.append(Static(plain(crisis.line(resource)), classes=kind))
    return shown


def _every_region() -> list[Static]:
    return [
        Static(plain(crisis.compact(region)), classes="crisis-line crisis-compact")
        for region in crisis.regions().values()
    ]
