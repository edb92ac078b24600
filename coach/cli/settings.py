"""Settings resolved once (flags, then COACH_* variables, then defaults), and what they open:
the library and the store, each loaded once and only when a command needs it.

Nothing here imports Typer, so plain `coach` reaches its first frame without it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coach import paths

if TYPE_CHECKING:
    from coach.packs.library import Library
    from coach.store.storage import Codec
    from coach.store.store import ProgressStore

KEY_FILE = "key.json"  # its presence means the folder is encrypted (coach.store.crypto)


def resolve(
    data_dir: str | None = None,
    packs: Iterable[str | os.PathLike[str]] = (),
    passphrase_file: Path | None = None,
    plain: bool = False,
) -> Settings:
    """The settings from flags, then COACH_DATA_DIR and COACH_PACKS, then the defaults."""
    return Settings(
        data_dir=paths.data_dir(data_dir),
        pack_paths=paths.extra_pack_paths(packs),
        passphrase_file=passphrase_file,
        plain=plain,
    )


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
        """Whether the data folder is encrypted (or being encrypted)."""
        return (self.data_dir / KEY_FILE).exists()

    def codec(self) -> Codec | None:
        """How store files are sealed: None for a plain folder; for an encrypted one, the
        passphrase from --passphrase-file, COACH_PASSPHRASE or the prompt (three tries)."""
        if self._unlocked:
            return self._codec
        if self.encrypted():
            self._codec = self._open_codec()
        self._unlocked = True
        return self._codec

    def _open_codec(self) -> Codec:
        from coach.cli import passphrase
        from coach.store.crypto import WrongPassphrase
        from coach.store.vault import open_codec

        given = passphrase.given(self.passphrase_file)
        if given is not None:
            return open_codec(self.data_dir, given)
        for attempt in range(passphrase.TRIES):
            try:
                return open_codec(self.data_dir, passphrase.ask())
            except WrongPassphrase as err:
                from coach.cli.output import warn

                if attempt == passphrase.TRIES - 1:
                    raise WrongPassphrase(
                        "That passphrase does not open your data. Nothing was changed. "
                        "`coach crisis` shows crisis lines without it."
                    ) from None
                warn(str(err))
        raise AssertionError("unreachable")

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
        if self._store is not None and self._store.notices:
            from coach.cli.output import warn

            for notice in self._store.notices:
                warn(notice, style="yellow")
            self._store.notices.clear()

    def library(self, quiet: bool = False) -> Library:
        """The library, loaded once; skipped packs are reported on stderr unless `quiet`."""
        if self._library is None:
            from coach.packs.library import Library

            self._library = Library.load(self.data_dir, self.pack_paths)
            if not quiet:
                report_skipped(self._library)
        return self._library


def report_skipped(library: Library) -> None:
    """Say on stderr which packs were skipped, with the first problem of each."""
    from coach.cli.output import warn

    for message, style in skipped_lines(library):
        warn(message, style=style)


def skipped_lines(library: Library) -> list[tuple[str, str]]:
    """What `report_skipped` says, line by line with its style."""
    lines = []
    for problem in library.problems:
        count = len(problem.problems)
        lines.append(
            (
                f"A pack was skipped because it has {count} problem{'s' if count != 1 else ''} "
                f"(`coach validate {problem.file}` shows them all):",
                "yellow",
            )
        )
        lines.append(("  " + str(problem.problems[0]), ""))
    lines += [(notice, "dim") for notice in library.notices]
    return lines
