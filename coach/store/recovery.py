"""Putting a damaged store file right: move it aside and bring back its newest good backup."""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coach.errors import CoachError
from coach.files import DIR_MODE, FILE_MODE, atomic_write, remove_stale_temp_files
from coach.records import Session
from coach.store.checks import STORE_NAMES, check_tables, is_session_file
from coach.store.folder import StoreFolder
from coach.store.storage import CorruptFile, Refused, parse_tables


class Recovery(StoreFolder):
    """The folder, with unreadable files set aside and their backups put back."""

    def _check(self, tables: dict[str, Any], path: Path) -> None:
        """Every document validated once as the file is read; a session file's records are kept
        by document, so reading them back does not validate them again."""
        typed = check_tables(tables, path)
        if typed is not None:
            self._forget_checked(path)
            docs = list(tables.get("sessions", {}).values())
            self._checked_in[path] = [id(doc) for doc in docs]
            self._checked.update(
                (id(doc), (doc, record)) for doc, record in zip(docs, typed, strict=True)
            )

    def _parse(self, raw: bytes, path: Path) -> dict[str, Any]:
        """Stored bytes as tables, checked as the storage checks them; CorruptFile if not."""
        try:
            plain = self.codec.decode(raw, str(path)) if self.codec else raw
        except CorruptFile:
            raise
        except Exception as err:  # a codec that refuses the bytes
            raise CorruptFile(path, str(err) or "it cannot be read") from None
        data = parse_tables(plain, path)
        check_tables(data, path)
        return data

    def _recover(self, corrupt: CorruptFile) -> dict[str, Any]:
        """Set an unreadable file aside and bring back its newest good backup.

        Ordered so a kill at any moment leaves the damaged file or the restored one in place,
        never neither: the damaged bytes are first copied to `.corrupt-*`, then the restored
        copy replaces the file atomically. A session file's sessions that still read and are not
        in the backup are kept too, so only what was damaged is left in `.corrupt-*`."""
        path = corrupt.path
        relative = path.relative_to(self.root).as_posix()
        with self.writing():
            try:  # another coach may have recovered it a moment ago
                damaged = path.read_bytes()
                return self._parse(damaged, path)
            except CorruptFile:
                pass
            except FileNotFoundError:
                damaged = None
            restored, day = self._newest_backup(relative)
            salvaged, lost = self._salvage(damaged, path, restored)
            aside = self._set_aside(path, damaged) if damaged is not None else None
            data = restored if restored is not None else {}
            if salvaged:
                data = {**data, "sessions": {**data.get("sessions", {})}}
                table = data["sessions"]
                for doc in salvaged:
                    table[str(max(map(int, table), default=0) + 1)] = doc
            self._put_back(path, data)
            self._notify_recovered(relative, corrupt.reason, aside, day, len(salvaged), lost)
            return data

    def _newest_backup(self, relative: str) -> tuple[dict[str, Any] | None, str | None]:
        """The newest backup of a store file that reads and validates, and its day."""
        path = self.root / relative
        for day, copy in self.backups.copies_of(relative):
            try:
                return self._parse(copy.read_bytes(), path), day
            except (CorruptFile, OSError):
                continue
        return None, None

    def _salvage(
        self, damaged: bytes | None, path: Path, restored: dict[str, Any] | None
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """From a damaged session file that still parses: the sessions that validate and are not
        in the backup, and the ids (and days) of those that do not validate."""
        if damaged is None or not is_session_file(path):
            return [], []
        try:
            plain = self.codec.decode(damaged, str(path)) if self.codec else damaged
            tables = parse_tables(plain, path)
        except Exception:  # noqa: BLE001 - nothing in it can be read, so nothing is salvaged
            return [], []
        have = {doc.get("id") for doc in (restored or {}).get("sessions", {}).values()}
        kept, lost = [], []
        for doc in tables.get("sessions", {}).values():
            try:
                record = Session.model_validate(doc)
            except ValidationError:
                lost.append(f"{doc.get('id')} ({str(doc.get('started'))[:10]})")
                continue
            if record.id not in have:
                have.add(record.id)
                kept.append(record.as_record())
        return kept, lost

    def _set_aside(self, path: Path, damaged: bytes) -> Path:
        """A copy of the damaged bytes beside the file (copied, not moved: the file stays)."""
        stamp = self.clock().strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        atomic_write(aside, damaged)
        return aside

    def _put_back(self, path: Path, data: dict[str, Any]) -> None:
        """Write the restored tables over the damaged file in one atomic replace."""
        plain = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write(path, self.codec.encode(plain, str(path)) if self.codec else plain)
        self._forget_checked(path)

    def _notify_recovered(
        self,
        relative: str,
        reason: str,
        aside: Path | None,
        day: str | None,
        salvaged: int,
        lost: list[str],
    ) -> None:
        kept = f"kept in {aside.name}" if aside else "gone from its place"
        if day is not None:
            moved = f"It was moved to {aside.name}" if aside else "It was missing"
            notice = (
                f"{relative} could not be read ({reason}). {moved}, and the backup made on "
                f"{day} was put back."
            )
        else:
            moved = f"It was moved to {aside.name} and kept there" if aside else "It was missing"
            notice = (
                f"{relative} could not be read ({reason}). {moved}; there was no backup of it "
                "yet, so it starts fresh."
            )
        if salvaged:
            notice += (
                f" {salvaged} session{'s' if salvaged != 1 else ''} in it that still read "
                f"{'were' if salvaged != 1 else 'was'} kept too."
            )
        for what in lost:
            notice += f" The session {what} could not be read and is {kept}."
        self.notices.append(notice)

    def _finish_interrupted(self) -> None:
        """A `.corrupt-*` copy with no file beside it: a recovery was cut short (by an older
        coach that moved the file aside first); put the newest good backup back now."""
        for folder in (self.root, self.root / "sessions"):
            try:
                names = [entry.name for entry in os.scandir(folder)]
            except OSError:
                continue
            for name in names:
                original, mark, _ = name.partition(".corrupt-")
                if not mark or not original or (folder / original).exists():
                    continue
                path = folder / original
                if path.name not in STORE_NAMES and not is_session_file(path):
                    continue
                relative = path.relative_to(self.root).as_posix()
                with contextlib.suppress(CoachError, OSError):
                    with self.writing():
                        if path.exists():
                            continue
                        restored, day = self._newest_backup(relative)
                        if restored is None:
                            continue  # nothing to put back: the file starts fresh when written
                        self._put_back(path, restored)
                        self.notices.append(
                            f"{relative} was missing after coach stopped part way through "
                            f"putting it right, so the backup made on {day} was put back."
                        )

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
            for folder, _dirs, _files in os.walk(self.root):  # backups/manual/, cache/ too
                for removed in remove_stale_temp_files(Path(folder)):
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
            aside = self._set_aside(path, path.read_bytes())
            atomic_write(path, raw)  # the refused file stays in place until this replace
            self._dbs.pop(relative, None)
            return (
                f"{relative} could not be opened. It was moved to {aside.name}, and the backup "
                f"made on {day} was put back."
            )
        return f"{reason} There is no backup of it that opens, so it was left as it is."
