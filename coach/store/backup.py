"""Rolling backups: before a file first changes on a day, its last good copy is kept (last 7 days)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from coach.files import FILE_MODE, atomic_write, private_dir
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
            private_dir(target.parent)
            for parent in target.parents:
                if parent == self.folder:
                    break
                private_dir(parent)
            atomic_write(target, path.read_bytes())
            self.prune()
        self._done.add((day, relative))

    def days(self) -> list[Path]:
        """Backup folders, newest first."""
        if not self.folder.is_dir():
            return []
        return sorted(
            (p for p in self.folder.iterdir() if p.is_dir() and _DAY.match(p.name)), reverse=True
        )

    def copies_of(self, relative: str) -> list[tuple[str, Path]]:
        """The backed-up copies of one store file as (day, path), newest first."""
        return [(day.name, day / relative) for day in self.days() if (day / relative).is_file()]

    def prune(self) -> None:
        for old in self.days()[self._keep :]:
            shutil.rmtree(old, ignore_errors=True)


def snapshot_zip(files: list[Path], root: Path) -> bytes:
    """The store files as one zip, paths relative to the data folder (they stay as stored).
    An encrypted folder's key.json goes in too (it opens only with the passphrase), so the zip
    can be restored on its own, even after the folder is decrypted or lost."""
    key = root / "key.json"
    if key.is_file() and key not in files:
        files = [*files, key]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(root).as_posix())
            info.external_attr = (0o100000 | FILE_MODE) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
