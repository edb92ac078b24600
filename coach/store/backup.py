"""Rolling backups: before a file first changes on a day, its last good copy is kept (last 7 days)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from coach.files import FILE_MODE, TEMP_MARK, atomic_write, private_dir
from coach.files import write_private as write_private  # re-exported for coach/commands.py

KEEP_DAYS = 7
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Backups:
    """Daily copies of the store files under `<data>/backups/YYYY-MM-DD/`, written safely."""

    def __init__(self, root: Path, today: Callable[[], dt.date], keep: int = KEEP_DAYS) -> None:
        self.root = root
        self.folder = root / "backups"
        self._today = today
        self._keep = keep
        self._done: set[tuple[str, str]] = set()

    def before_write(self, path: Path) -> None:
        """Keep today's first copy of `path` before it changes; a file with no copy yet is new."""
        day = self._today().isoformat()
        relative = path.relative_to(self.root).as_posix()
        if (day, relative) in self._done:
            return
        target = self.folder / day / relative
        if not target.exists() and path.exists():
            private_dir(self.folder)
            made = not (self.folder / day).exists()
            private_dir(target.parent)
            for parent in target.parents:
                if parent == self.folder:
                    break
                private_dir(parent)
            if made or not _order(self.folder / day):
                self._mark(self.folder / day)
            atomic_write(target, path.read_bytes())
            self.prune()
        self._done.add((day, relative))

    def _mark(self, day: Path) -> None:
        """Number a new day's folder after every other: the order backups were really made in,
        whatever the clock said (a clock that ran years ahead and came back)."""
        after = max((_order(p) for p in self._folders()), default=0)
        private_dir(day / f"{ORDER_MARK}{after + 1:08d}")  # an empty folder: nothing to seal

    def _folders(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [p for p in self.folder.iterdir() if p.is_dir() and _DAY.match(p.name)]

    def days(self) -> list[Path]:
        """Backup folders, newest first: by the order they were made in, so a folder dated in the
        future by a clock that was wrong never counts as newest. Folders from before that order
        was kept come after, by date, any dated later than today last."""
        today = self._today().isoformat()
        return sorted(
            self._folders(),
            key=lambda p: (_order(p), p.name <= today, p.name),
            reverse=True,
        )

    def copies_of(self, relative: str) -> list[tuple[str, Path]]:
        """The backed-up copies of one store file as (day, path), newest first."""
        return [(day.name, day / relative) for day in self.days() if (day / relative).is_file()]

    def prune(self) -> None:
        """Keep the newest `keep` folders that hold a copy; today's is never pruned."""
        today = self.folder / self._today().isoformat()
        kept = 0
        for day in self.days():
            if day == today:
                kept += 1
                continue
            if kept < self._keep and _holds_a_copy(day):
                kept += 1
                continue
            shutil.rmtree(day, ignore_errors=True)


ORDER_MARK = ".made-"


def _order(day: Path) -> int:
    """The number a day's folder was made with (0 for one made before folders were numbered)."""
    try:
        names = [entry.name for entry in os.scandir(day)]
    except OSError:
        return 0
    numbers = [n[len(ORDER_MARK) :] for n in names if n.startswith(ORDER_MARK)]
    return max((int(n) for n in numbers if n.isdigit()), default=0)


def _holds_a_copy(day: Path) -> bool:
    return any(p.is_file() and p.suffix == ".json" for p in day.rglob("*"))


def snapshot_zip(files: list[Path], root: Path) -> bytes:
    """The store files as one zip, paths relative to the data folder (they stay as stored).
    An encrypted folder's key.json goes in too (it opens only with the passphrase), so the zip
    can be restored on its own, even after the folder is decrypted or lost; and the installed
    packs (packs/), so a restore brings back the exercises the sessions were made with."""
    key = root / "key.json"
    if key.is_file() and key not in files:
        files = [*files, key]
    files = [*files, *(p for p in installed_packs(root) if p not in files)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(root).as_posix())
            info.external_attr = (0o100000 | FILE_MODE) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def installed_packs(root: Path) -> list[Path]:
    """The regular files under the data folder's packs/ (no links, no unfinished temp files)."""
    folder = root / "packs"
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink() and TEMP_MARK not in p.name
    )
