"""What the app needs at start without the store: the person's look and feel read straight from the
plain settings file, and the welcome and summary steps run once the packs and store are loaded.

Nothing here imports pydantic or the store at module level: a warm start never loads them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.cachefile import read_small
from coach.errors import CoachError
from coach.frozen import frozen

if TYPE_CHECKING:
    from coach.core.home import HomeData
    from coach.tui.app import CoachApp

SETTINGS_FILE = "settings.json"
READ_LIMIT = 1 << 20


@frozen
class Look:
    """The settings home needs before the store is opened: theme, motion, whether welcomed."""

    theme: str | None = None
    reduce_motion: bool = False
    first_run_done: bool = False


def read_look(data_dir: Path) -> Look:
    """The look from the plain settings file (TinyDB's layout); odd values are left out."""
    found: dict[str, Any] = {}
    try:
        raw = json.loads(read_small(data_dir / SETTINGS_FILE, READ_LIMIT))
        for doc in raw["settings"].values():
            if isinstance(doc, dict) and isinstance(doc.get("key"), str):
                found[doc["key"]] = doc.get("value")  # the last one wins, as the store reads it
    except (CoachError, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return Look()
    theme = found.get("theme")
    motion, welcomed = found.get("reduce_motion"), found.get("first_run_done")
    return Look(
        theme=theme if isinstance(theme, str) and 0 < len(theme) <= 80 else None,
        reduce_motion=motion if type(motion) is bool else False,
        first_run_done=welcomed if type(welcomed) is bool else False,
    )


def welcome_once(app: CoachApp) -> None:
    """First run: say once what coach is and is not, and ask where the person is (for crisis
    lines) unless settings or COACH_REGION already say."""
    from coach.core.practice import remember

    if not app.welcome or app.store is None:
        return
    try:
        chosen = app.store.preferences()
    except CoachError:
        return
    if chosen.first_run_done:
        return
    from coach.core.crisis import chosen_region
    from coach.tui.screens.crisis import WelcomeModal

    known = chosen_region(chosen.crisis_region) is not None

    def done(region: str | None) -> None:
        assert app.store is not None
        changes: dict[str, object] = {"first_run_done": True}
        if region is not None:
            changes["crisis_region"] = region
        try:
            remember(app.store, **changes)
        except CoachError as err:
            app.notify(str(err), severity="warning", markup=False)

    app.push_screen(WelcomeModal(ask_region=not known), done)


def keep_summary(app: CoachApp, data: HomeData, files: list[list[Any]], now: Any) -> None:
    """Keep what home shows, so the next start fills it without reading the store."""
    from coach.core import glance, home

    assert app.library is not None and app.store is not None
    shown = home.glance_of(data).as_json()
    app.store.keep_summary(glance.key(app.library.stamps, now), files, shown)
