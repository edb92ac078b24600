"""One screen per module; `make` opens the ones reached by name (keys and the palette)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

NAMES = ("history", "packs", "settings", "help", "export")


def make(name: str, app: CoachApp) -> Screen[None]:
    """The screen called `name`, given what it needs (imported only when first opened)."""
    assert app.store is not None and app.library is not None or name == "help"
    if name == "history":
        from coach.tui.screens.history import HistoryScreen

        return HistoryScreen(app.store)  # type: ignore[arg-type]
    if name == "packs":
        from coach.tui.screens.packs import PacksScreen

        return PacksScreen(app.library, app.store.root)  # type: ignore[arg-type, union-attr]
    if name == "settings":
        from coach.core.crisis import region_names
        from coach.tui.screens.settings import SettingsScreen

        return SettingsScreen(app.store, sorted(app.available_themes), region_names())  # type: ignore[arg-type]
    if name == "export":
        from coach.tui.screens.export import ExportScreen

        return ExportScreen(app.store, app.library)  # type: ignore[arg-type]
    from coach.tui.screens.help import HelpScreen

    return HelpScreen()
