"""One place assembles coach: settings resolved once (flags, then COACH_* variables, then
defaults), the library loaded, the store opened, and both handed to the full-screen app.

Nothing here imports Typer, so plain `coach` reaches its first frame without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from coach.packs.library import ExerciseRef, Library
    from coach.store.store import ProgressStore


@dataclass
class Settings:
    """What every command needs, resolved once: flags, then COACH_* variables, then defaults."""

    data_dir: Path
    pack_paths: list[Path] = field(default_factory=list)
    _library: Library | None = None
    _store: ProgressStore | None = None

    def store(self) -> ProgressStore:
        """The progress store, opened once."""
        if self._store is None:
            from coach.store.store import ProgressStore

            self._store = ProgressStore(self.data_dir)
        return self._store

    def announce(self) -> None:
        """Say on stderr anything the store had to repair while the command ran."""
        if self._store is not None:
            for notice in self._store.notices:
                stderr_console().print(Text(notice, style="yellow"))
            self._store.notices.clear()

    def library(self, quiet: bool = False) -> Library:
        """The library, loaded once; skipped packs are reported on stderr unless `quiet`."""
        if self._library is None:
            from coach.packs.library import Library

            self._library = Library.load(self.data_dir, self.pack_paths)
            if not quiet:
                report_skipped(self._library)
        return self._library


def stdout_console() -> Console:
    return Console(highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def report_skipped(library: Library) -> None:
    err = stderr_console()
    for problem in library.problems:
        count = len(problem.problems)
        err.print(
            Text(
                f"A pack was skipped because it has {count} problem{'s' if count != 1 else ''} "
                f"(`coach validate {problem.file}` shows them all):",
                style="yellow",
            )
        )
        err.print(Text("  " + str(problem.problems[0])))
    for notice in library.notices:
        err.print(Text(notice, style="dim"))


def run_in_tui(settings: Settings, ref: ExerciseRef) -> None:
    from coach.tui.app import CoachApp

    store = settings.store()
    outcome = CoachApp(settings.library(), store, start=ref).run()
    if outcome is None:
        return
    if outcome.status == "kept":
        stdout_console().print(
            Text(
                f"Your place in {outcome.title} is kept. `coach run {outcome.exercise}` picks it up again."
            )
        )
    elif outcome.status == "saved":
        stdout_console().print(Text(f"Saved {outcome.title}. `coach history` shows your practice."))
    else:
        stdout_console().print(
            Text(f"Saved what you did in {outcome.title}. You can come back to it any time.")
        )


def open_home(settings: Settings) -> None:
    """The full-screen coach. Its first frame comes before the packs and history are read."""
    from coach.tui.app import CoachApp

    def load() -> tuple[Library, ProgressStore]:
        return settings.library(quiet=True), settings.store()

    CoachApp(load=load).run()
