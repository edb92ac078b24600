"""The command palette (ctrl+p): every exercise by name, and every screen."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Provider
from textual.content import Content

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

SCREENS = {
    "history": "Open your history",
    "packs": "Open your packs",
    "settings": "Open settings",
    "help": "Open help: keys, and what coach is and is not",
}


class CoachCommands(Provider):
    """Exercises ("Do: Box breathing") and screens ("Open your history")."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: CoachApp = self.app  # type: ignore[assignment]
        found: list[tuple[str, Callable[[], object], str]] = [
            (text, partial(app.action_open, name), f"The {name} screen")
            for name, text in SCREENS.items()
        ]
        found.append(("Crisis lines", app.action_crisis, "Someone to talk to, now (F2)"))
        if app.library is not None:
            for ref in app.library.exercises():
                found.append(
                    (f"Do: {ref.title}", partial(app.open_exercise, ref), ref.exercise.summary)
                )
        return found

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for text, run, help_text in self._commands():
            yield DiscoveryHit(Content(text), run, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for text, run, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, help=help_text)
