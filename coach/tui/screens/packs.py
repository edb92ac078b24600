"""Packs: what is installed, who wrote it, which version, and its suggested plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from coach.packs.library import Library

ORIGINS = {"built-in": "comes with coach", "installed": "installed", "extra": "added with --packs"}


class PacksScreen(Screen[None]):
    """One block per pack; packs that could not be read are listed calmly at the end."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("escape", "app.pop_screen", "Home")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> Any:
        yield Static(styled("Your packs", "bold"), id="packs-title")
        with VerticalScroll(id="packs-body", can_focus=True):
            for loaded in self.library.packs:
                yield Static(self._describe(loaded), classes="pack-block")
            for problem in self.library.problems:
                first = problem.problems[0] if problem.problems else None
                text = Content.assemble(
                    Content("A pack could not be read and was left out: ").stylize("dim"),
                    plain(str(first) if first else problem.file),
                )
                yield Static(text, classes="pack-block")
        yield KeysFooter()

    @staticmethod
    def _describe(loaded: Any) -> Content:
        pack = loaded.pack
        lines = [
            Content.assemble(
                styled(pack.title, "bold"),
                "  ",
                Content(f"{pack.id} · version ").stylize("dim"),
                plain(pack.version),
            ),
        ]
        facts = f"{len(pack.exercises)} exercise{'s' if len(pack.exercises) != 1 else ''}, {ORIGINS.get(loaded.origin, loaded.origin)}"
        lines.append(
            Content.assemble(
                Content("by ").stylize("dim"),
                plain(pack.author or "an unnamed author"),
                Content(f" · {facts}").stylize("dim"),
            )
        )
        if pack.plan:
            lines.append(Content("Suggested practice:"))
            for entry in pack.plan:
                exercise = pack.exercise(entry.exercise)
                title = exercise.title if exercise else entry.exercise
                times = "once a week" if entry.per_week == 1 else f"{entry.per_week} times a week"
                dates = ""
                if entry.from_ or entry.until:
                    dates = f" ({entry.from_ or '…'} to {entry.until or '…'})"
                note = Content.assemble(": ", plain(entry.note)) if entry.note else Content("")
                lines.append(Content.assemble("  · ", plain(title), f", {times}{dates}", note))
        return Content("\n").join(lines)
