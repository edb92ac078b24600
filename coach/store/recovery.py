"""Putting a damaged store file right: move it aside and bring back its newest good backup."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from coach.files import DIR_MODE, FILE_MODE, atomic_write, remove_stale_temp_files
from coach.records import Session
from coach.store.folder import StoreFolder
from coach.store.storage import CorruptFile, Refused, parse_tables

_SESSION_KEYS = frozenset(Session.model_fields)


def check_sessions(tables: dict[str, Any], path: Path) -> None:
    """A session file holds whole sessions: one written by something else is not read as one."""
    for doc in tables.get("sessions", {}).values():
        if not _SESSION_KEYS <= doc.keys() or not isinstance(doc["started"], str):
            raise CorruptFile(path, "a session in it is missing some of its fields")


class Recovery(StoreFolder):
    """The folder, with unreadable files set aside and their backups put back."""

    def _check(self, tables: dict[str, Any], path: Path) -> None:
        check_sessions(tables, path)

    def _parse(self, raw: bytes, path: Path) -> dict[str, Any]:
        """Stored bytes as tables, checked as the storage checks them; CorruptFile if not."""
        try:
            plain = self.codec.decode(raw, str(path)) if self.codec else raw
        except CorruptFile:
            raise
        except Exception as err:  # a codec that refuses the bytes
            raise CorruptFile(path, str(err) or "it cannot be read") from None
        data = parse_tables(plain, path)
        if path.parent.name == "sessions":
            check_sessions(data, path)
        return data

    def _recover(self, corrupt: CorruptFile) -> dict[str, Any]:
        """Move an unreadable file aside and bring back its newest good backup."""
        path = corrupt.path
        relative = path.relative_to(self.root).as_posix()
        with self.writing():
            try:  # another coach may have recovered it a moment ago
                return self._parse(path.read_bytes(), path)
            except (CorruptFile, OSError):
                pass
            stamp = self.clock().strftime("%Y%m%dT%H%M%S")
            aside = path.with_name(f"{path.name}.corrupt-{stamp}")
            n = 1
            while aside.exists():
                n += 1
                aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            os.replace(path, aside)
            for day, copy in self.backups.copies_of(relative):
                try:
                    raw = copy.read_bytes()
                    data = self._parse(raw, path)
                except (CorruptFile, OSError):
                    continue
                atomic_write(path, raw)
                self.notices.append(
                    f"{relative} could not be read ({corrupt.reason}). It was moved to "
                    f"{aside.name}, and the backup made on {day} was put back."
                )
                return data
            self.notices.append(
                f"{relative} could not be read ({corrupt.reason}). It was moved to {aside.name} "
                "and kept there; there was no backup of it yet, so it starts fresh."
            )
            return {}

    def repair(self) -> list[str]:
        """For `coach doctor --fix`: owner-only permissions, no leftover temp files, and every
        unreadable file moved aside with its newest backup put back. Says what it did."""
        done: list[str] = []
        for path in [self.root, *sorted(self.root.rglob("*"))]:
            if path.is_symlink():
                continue
            want = DIR_MODE if path.is_dir() else FILE_MODE
            try:
                if stat.S_IMODE(path.stat().st_mode) != want:
                    path.chmod(want)
                    done.append(f"Made {path} readable by you only.")
            except OSError:
                continue
        with self.writing():
            for folder in [self.root, self.root / "sessions", *self.backups.days()]:
                for removed in remove_stale_temp_files(folder) + remove_stale_temp_files(
                    folder / "sessions"
                ):
                    done.append(f"Removed an unfinished temp file, {removed.name}.")
            for path in self.files():
                try:
                    self._db(path.relative_to(self.root).as_posix()).storage.read()
                except Refused as err:
                    done.append(self._restore_refused(path, str(err)))
        done += self.notices
        self.notices.clear()
        return done

    def _restore_refused(self, path: Path, reason: str) -> str:
        """Only when asked (doctor --fix): put back the newest backup that opens, keeping the
        refused file beside it. With no such backup the file is left exactly as it is."""
        relative = path.relative_to(self.root).as_posix()
        for day, copy in self.backups.copies_of(relative):
            try:
                raw = copy.read_bytes()
                self._parse(raw, path)
            except (CorruptFile, OSError):
                continue
            aside = path.with_name(f"{path.name}.corrupt-{self.clock().strftime('%Y%m%dT%H%M%S')}")
            os.replace(path, aside)
            atomic_write(path, raw)
            self._dbs.pop(relative, None)
            return (
                f"{relative} could not be opened. It was moved to {aside.name}, and the backup "
                f"made on {day} was put back."
            )
        return f"{reason} There is no backup of it that opens, so it was left as it is."
