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
    from coach.store.storage import Codec
    from coach.store.store import ProgressStore

KEY_FILE = "key.json"  # its presence means the folder is encrypted (coach.store.crypto)


@dataclass
class Settings:
    """What every command needs, resolved once: flags, then COACH_* variables, then defaults."""

    data_dir: Path
    pack_paths: list[Path] = field(default_factory=list)
    passphrase_file: Path | None = None
    plain: bool = False
    _library: Library | None = None
    _store: ProgressStore | None = None
    _codec: Codec | None = None
    _unlocked: bool = False

    def encrypted(self) -> bool:
        return (self.data_dir / KEY_FILE).exists()

    def codec(self) -> Codec | None:
        """How store files are sealed: None for a plain folder; for an encrypted one, the
        passphrase from --passphrase-file, COACH_PASSPHRASE or the prompt (three tries)."""
        if self._unlocked:
            return self._codec
        if self.encrypted():
            from coach import passphrase
            from coach.store.crypto import WrongPassphrase
            from coach.store.vault import open_codec

            given = passphrase.given(self.passphrase_file)
            if given is not None:
                self._codec = open_codec(self.data_dir, given)
            else:
                for attempt in range(passphrase.TRIES):
                    try:
                        self._codec = open_codec(self.data_dir, passphrase.ask())
                        break
                    except WrongPassphrase as err:
                        if attempt == passphrase.TRIES - 1:
                            raise WrongPassphrase(
                                "That passphrase does not open your data. Nothing was changed. "
                                "`coach crisis` shows crisis lines without it."
                            ) from None
                        stderr_console().print(Text(str(err)))
        self._unlocked = True
        return self._codec

    def store(self) -> ProgressStore:
        """The progress store, opened once (unlocked first when the folder is encrypted)."""
        if self._store is None:
            from coach.store.store import ProgressStore

            codec = self.codec()
            self._store = ProgressStore(self.data_dir, codec=codec)
            if getattr(codec, "allow_plain", False):
                self._store.notices.append(
                    "Turning encryption on or off was stopped part way. Run the same command "
                    "again (`coach encrypt` or `coach decrypt`) to finish it."
                )
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


def terminal() -> bool:
    """Whether both ends are a terminal; if not (a pipe, a file), plain mode is used."""
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty()


def run_plain(settings: Settings, ref: ExerciseRef) -> None:
    """`coach run ID --plain`: the exercise as plain lines on stdout, answers from stdin."""
    from coach import plain

    plain.run_exercise(ref, settings.store())


def open_plain_menu(settings: Settings) -> None:
    """`coach --plain`: the exercises as a numbered list, then each one in plain mode."""
    from coach import plain

    library = settings.library()
    plain.menu(library, settings.store())


def open_home(settings: Settings) -> None:
    """The full-screen coach. Its first frame comes before the packs and history are read."""
    from coach.tui.app import CoachApp

    settings.codec()  # an encrypted folder asks for its passphrase here, before the screen clears

    def load() -> tuple[Library, ProgressStore]:
        return settings.library(quiet=True), settings.store()

    CoachApp(load=load, welcome=True).run()
