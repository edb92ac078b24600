"""The data folder under ProgressStore: its lock, its TinyDB files, and reading them as stored."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb.table import Table

from coach.clock import Clock, local_now
from coach.errors import CoachError
from coach.files import FILE_MODE, describe_os_error, private_dir, remove_stale_temp_files
from coach.store.backup import Backups
from coach.store.storage import Codec, CorruptFile, SafeStorage, StoreDB

LOCK_TIMEOUT = 20.0


class StoreBusy(CoachError):
    """Another coach process held the lock for too long."""


class FolderChanged(CoachError):
    """Encryption was turned on or off by another coach while this one had the folder open."""


class StoreTooNew(CoachError):
    """The data folder was written by a newer coach."""


class StoreFolder:
    """The files of one data folder, safe against crashes and a second coach process."""

    def __init__(
        self, data_dir: Path, clock: Clock = local_now, codec: Codec | None = None
    ) -> None:
        self.root = Path(data_dir)
        try:
            if not self.root.is_dir() or self.root.is_symlink():
                private_dir(self.root)
            else:  # a folder that is there already: made private if it can be (read-only is fine)
                with contextlib.suppress(OSError):
                    private_dir(self.root)
        except OSError as err:
            raise CoachError(
                f"coach cannot use {data_dir} for your data because {describe_os_error(err)}. "
                "Choose another folder with --data-dir or COACH_DATA_DIR."
            ) from None
        self.clock = clock
        self.codec = codec
        self.notices: list[str] = []
        self._lock = FileLock(str(self.root / ".lock"), timeout=LOCK_TIMEOUT, mode=FILE_MODE)
        self._dbs: dict[str, StoreDB] = {}
        # sessions validated as their file was read, by the id() of their stored document
        self._checked: dict[int, tuple[dict[str, Any], Any]] = {}
        self._checked_in: dict[Path, list[int]] = {}
        self.backups = Backups(self.root, lambda: self.clock().date())
        self._key_stat: tuple[int, int] | None = None
        self._key_id: str | None = None
        self._opened_as = self._encryption()
        self._tidy()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the cross-process lock around one read-modify-write; never while a person types.
        Reading needs no lock, so a read-only data folder can still be read."""
        lock = self.root / ".lock"
        if lock.is_symlink():
            raise CoachError(
                f"{lock} is a link rather than coach's own lock file, so nothing was saved; "
                f"remove it (rm '{lock}') and coach makes a new one."
            )
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreBusy(
                "Another coach window is busy saving and did not finish in time. "
                "Nothing was changed; try again in a moment."
            ) from None
        except OSError as err:
            raise not_saved(err, lock) from None
        try:
            if self._encryption() != self._opened_as:
                raise FolderChanged(
                    "Encryption was turned on or off in another coach window while this one "
                    "was open, so nothing more was saved here. Close this window and open "
                    "coach again; everything saved before is kept."
                )
            yield
        except OSError as err:
            raise not_saved(err, self.root) from None
        finally:
            self._lock.release()

    def _encryption(self) -> str | None:
        """Which key the folder is sealed under (key.json's id), None when it is plain; read
        again only when key.json changes, so checking before every write costs a stat."""
        path = self.root / "key.json"
        try:
            st = path.stat()
        except FileNotFoundError:
            self._key_stat = self._key_id = None
            return None
        except OSError:
            return self._key_id
        stamp = (st.st_ino, st.st_mtime_ns)
        if stamp != self._key_stat:
            try:
                self._key_id = str(json.loads(path.read_bytes()).get("key_id"))
            except (OSError, ValueError, AttributeError):
                self._key_id = "unreadable"
            self._key_stat = stamp
        return self._key_id

    def _db(self, relative: str) -> StoreDB:
        db = self._dbs.get(relative)
        if db is None:
            path = self.root / relative
            db = StoreDB(
                path,
                storage=SafeStorage,
                codec=self.codec,
                on_corrupt=self._recover,
                before_write=self._before_write,
                locked=lambda: self._lock.is_locked,
                check=self._check,
            )
            self._dbs[relative] = db
        return db

    def _before_write(self, path: Path) -> None:
        self._forget_checked(path)  # TinyDB changed the documents in place
        self.backups.before_write(path)

    def _forget_checked(self, path: Path) -> None:
        for key in self._checked_in.pop(path, ()):
            self._checked.pop(key, None)

    def _recover(self, corrupt: CorruptFile) -> dict[str, Any]:
        """What an unreadable file reads as; the store puts back a backup (store/recovery.py)."""
        raise corrupt

    def _check(self, tables: dict[str, Any], path: Path) -> None:
        """Refuse a file whose contents are not what its name says (CorruptFile)."""

    def _table(self, relative: str, name: str) -> Table:
        return self._db(relative).table(name)

    def _raw(self, relative: str, name: str) -> Iterable[dict[str, Any]]:
        """The documents of one table as stored: read them, never change them."""
        return self._as_stored(relative, name).values()

    def _as_stored(self, relative: str, name: str) -> dict[str, dict[str, Any]]:
        """One table as stored, by document id: read it, never change it."""
        try:
            if not (self.root / relative).exists():
                return {}
            tables = self._db(relative).storage.read() or {}
        except OSError as err:
            raise not_read(err, self.root / relative) from None
        found: dict[str, dict[str, Any]] = tables.get(name, {})
        return found

    def files(self) -> list[Path]:
        """Every store file there is now."""
        found = [
            self.root / name for name in ("meta.json", "settings.json", "drafts.json", "cards.json")
        ]
        found += sorted((self.root / "sessions").glob("*.json"))
        return [p for p in found if p.is_file()]

    def _tidy(self) -> None:
        """Remove temp files left by a killed coach; only under the lock, so no writer owns one."""
        if (self.root / ".lock").is_symlink():
            return  # not coach's lock: writing refuses it and says so
        try:
            with FileLock(str(self.root / ".lock"), timeout=0, mode=FILE_MODE):
                for day in [self.root, *self.backups.days()]:
                    remove_stale_temp_files(day)
                    remove_stale_temp_files(day / "sessions")
        except Timeout:
            pass  # another coach is writing; it will tidy next time
        except OSError:
            pass  # a read-only folder: it is read as it is, and nothing is left to tidy

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()


def not_saved(err: OSError, where: Path) -> CoachError:
    """A plain OS error met while saving, as one calm sentence naming the path."""
    path = err.filename or where
    return CoachError(
        f"Your practice could not be saved in {path} because {describe_os_error(err)}; "
        "nothing was changed, and what is saved can still be read. Check that the folder can "
        "be written (coach doctor can help), or choose another with --data-dir."
    )


def not_read(err: OSError, where: Path) -> CoachError:
    """A plain OS error met while reading, as one calm sentence naming the path."""
    path = err.filename or where
    reason = (
        "coach is not allowed to read it"
        if isinstance(err, PermissionError)
        else describe_os_error(err)
    )
    return CoachError(
        f"{path} could not be read because {reason}; nothing was changed. "
        "`coach doctor --fix` can make your data folder yours to read again."
    )
