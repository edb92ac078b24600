"""The command palette (ctrl+p): every exercise by name, every screen, export and the themes
(saved); words about suicide or self-harm bring the crisis lines first."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Provider
from textual.content import Content

from coach.tui.text import highlighted, literal_help, plain
from coach.tui.themes import theme_label, theme_order

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

SCREENS = {
    "history": "Open your history",
    "packs": "Open your packs",
    "settings": "Open settings",
    "help": "Open help: keys, and what coach is and is not",
    "export": "Export or share your practice",
}

RISK_LABEL = "Crisis lines and help"
RISK_HELP = "If you're thinking about suicide or might hurt yourself, reach someone now (F2)"


def save_theme(app: CoachApp, name: str) -> None:
    """Show and keep a theme (the palette's "Theme: ..."), as settings does."""
    from coach.core.practice import remember
    from coach.errors import CoachError

    if name not in app.available_themes or not app.ensure_ready():
        return
    assert app.store is not None
    try:
        remember(app.store, theme=name)
    except CoachError as err:
        app.notify(str(err), severity="warning", markup=False)
        return
    app.theme = name


class Command(NamedTuple):
    """One entry of the palette: its label as shown (and searched), what it does, a help line."""

    label: Content
    run: Callable[[], object]
    help: Content


class CoachCommands(Provider):
    """Exercises ("Do: Box breathing") and screens ("Open your history")."""

    def _commands(self) -> list[Command]:
        app: CoachApp = self.app  # type: ignore[assignment]
        found = [
            Command(Content(text), partial(app.action_open, name), Content(f"The {name} screen"))
            for name, text in SCREENS.items()
        ]
        found.append(
            Command(
                Content("Crisis lines"), app.action_crisis, Content("Someone to talk to, now (F2)")
            )
        )
        found.append(
            Command(
                Content("My safety plan"),
                app.action_safety_plan,
                Content("Your warning signs, what helps, and who to reach: read or change it"),
            )
        )
        known = (
            app.library.exercises() if app.library else app.listing.exercises if app.listing else ()
        )
        for ref in known:  # from the index until the packs are read; opened from the packs
            found.append(
                Command(
                    plain(f"Do: {ref.title}"),
                    partial(app.choose, ref.full_id),
                    plain(ref.exercise.summary),
                )
            )
        for theme in theme_order(app.available_themes):
            found.append(
                Command(
                    plain(f"Theme: {theme_label(theme)}"),
                    partial(save_theme, app, theme),
                    Content("How coach looks; kept for next time, as in settings"),
                )
            )
        return found

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for command in self._commands():
            yield DiscoveryHit(
                command.label,
                command.run,
                text=command.label.plain,
                help=literal_help(command.help),
            )

    async def search(self, query: str) -> AsyncIterator[Hit]:
        from coach.core.risk import mentions_risk

        if mentions_risk(query):  # words about suicide or self-harm: the lines come first
            app: CoachApp = self.app  # type: ignore[assignment]
            yield Hit(
                math.inf,
                Content(RISK_LABEL),
                app.action_crisis,
                text=RISK_LABEL,
                help=literal_help(Content(RISK_HELP)),
            )
        matcher = self.matcher(query)
        for command in self._commands():
            text = command.label.plain
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, text),
                    command.run,
                    text=text,
                    help=literal_help(command.help),
                )
