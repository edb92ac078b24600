"""One place assembles coach: the library and the store from the settings, handed to the
full-screen app or to plain mode; and the one way to the home screen.

Nothing here imports Typer, so plain `coach` reaches its first frame without it.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any

from coach.cli.output import say

if TYPE_CHECKING:
    from coach.cli.settings import Settings
    from coach.core.glance import Glance
    from coach.packs.index import Listing
    from coach.packs.library import ExerciseRef, Library
    from coach.store.store import ProgressStore


def terminal() -> bool:
    """Whether both ends are a terminal; if not (a pipe, a file), plain mode is used."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def home(settings: Settings) -> None:
    """The one way to the home screen (`coach`, `coach --plain`): the full-screen app on a
    terminal, the plain menu anywhere else or when asked for."""
    if settings.plain or not terminal():
        open_plain_menu(settings)
    else:
        open_home(settings)


def practice(settings: Settings, ref: ExerciseRef, plain: bool = False) -> None:
    """One exercise (`coach run`, `coach now`): in the full-screen app, or as plain lines."""
    if plain or settings.plain or not terminal():
        run_plain(settings, ref)
    else:
        run_in_tui(settings, ref)


def started(app: Any) -> None:
    """From now on a closed terminal or a polite kill asks `app` to keep the place and close."""
    from coach.cli import closing

    closing.watch(app)


def ended(app: Any) -> None:
    """After the full-screen app returns: a crash inside it is never exit status 0, and after
    a closed terminal or a kill nothing more is said (128 + the signal, as a shell expects)."""
    code = app.return_code or (128 + app.closed_by if app.closed_by else 0)
    if code:
        raise SystemExit(code)


def open_home(settings: Settings) -> None:
    """The full-screen coach. Its first frame comes before the packs and history are read."""
    gc.disable()  # start-up makes many objects and little garbage: the app collects once home
    # is drawn (about 150 collections, 10% of the time to a filled home, went by before)
    from coach.packs import index
    from coach.tui.app import CoachApp

    settings.codec()  # an encrypted folder asks for its passphrase here, before the screen clears
    indexed = not settings.encrypted()  # an encrypted folder keeps no plain index beside it
    listing = index.read(settings.data_dir, settings.pack_paths) if indexed else None
    glance = home_glance(settings, listing) if listing is not None else None

    def load() -> tuple[Library, ProgressStore]:
        library, store = settings.library(quiet=True), settings.store()
        if indexed and listing is None:
            from coach.cli.listing import keep

            keep(settings, library)
        return library, store

    data_dir = settings.data_dir if indexed else None  # its settings file is read directly
    app = CoachApp(load=load, welcome=True, listing=listing, glance=glance, data_dir=data_dir)
    started(app)
    gc.freeze()  # the modules and caches read so far live as long as coach: no full collection
    app.run()  # walks them while the first frame waits (one did, about 20 ms, on every start)
    ended(app)


def home_glance(settings: Settings, listing: Listing) -> Glance | None:
    """The store's summary of what home shows, when it is fresh (no pydantic, no history read)."""
    from coach.clock import local_now
    from coach.core import glance
    from coach.packs import index
    from coach.store import summary

    key = glance.key(index.stamps(settings.data_dir, settings.pack_paths), local_now())
    found = summary.read(settings.data_dir, key, settings.codec())
    return glance.parse(found, listing) if found is not None else None


def run_in_tui(settings: Settings, ref: ExerciseRef) -> None:
    """`coach run ID` on a terminal: the exercise in the full-screen app, then one line."""
    from coach.tui.app import CoachApp

    store = settings.store()
    app = CoachApp(settings.library(), store, start=ref)
    started(app)
    outcome = app.run()
    ended(app)
    if outcome is None:
        return
    if outcome.status == "kept":
        say(
            f"Your place in {outcome.title} is kept. "
            f"`coach run {outcome.exercise}` picks it up again."
        )
    elif outcome.status == "saved":
        say(f"Saved {outcome.title}. `coach history` shows your practice.")
    else:
        say(f"Saved what you did in {outcome.title}. You can come back to it any time.")


def run_plain(settings: Settings, ref: ExerciseRef) -> None:
    """`coach run ID --plain`: the exercise as plain lines on stdout, answers from stdin."""
    from coach import plain

    if plain.run_exercise(ref, settings.store()) == plain.UNSAVED:
        raise SystemExit(1)  # what was typed is kept as the place, or shown: never status 0


def open_plain_menu(settings: Settings) -> None:
    """`coach --plain`: the exercises as a numbered list, then each one in plain mode."""
    from coach import plain

    library = settings.library()
    if not plain.menu(library, settings.store()):
        raise SystemExit(1)  # something typed could not be saved: never status 0
