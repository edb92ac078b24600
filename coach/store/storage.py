"""Crash-safe TinyDB storage: atomic replace (coach/files.py), never overwrite what it cannot read."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from coach.errors import CoachError
from coach.files import (  # re-exported for modules outside coach/store until they import coach.files
    DIR_MODE,
    FILE_MODE,
    TEMP_MARK,
    WriteFailed,
    atomic_write,
    describe_os_error,
    private_dir,
    remove_stale_temp_files,
)

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "TEMP_MARK",
    "WriteFailed",
    "atomic_write",
    "describe_os_error",
    "private_dir",
    "remove_stale_temp_files",
]


class Codec(Protocol):
    """Turns the serialized store into the bytes on disk and back (plain, or encrypted)."""

    def encode(self, plain: bytes, name: str) -> bytes: ...

    def decode(self, stored: bytes, name: str) -> bytes: ...

    # `name` is the file's path, so a refusal can say which file it was


SEALED_MAGIC = b"COACHENC"  # how every encrypted file starts (coach/store/crypto.py)


class PlainCodec:
    """Bytes on disk are the JSON itself. An encrypted file met here (key.json gone, or a copy
    from an encrypted folder) is refused, never set aside as damaged and started afresh."""

    def encode(self, plain: bytes, name: str) -> bytes:
        return plain

    def decode(self, stored: bytes, name: str) -> bytes:
        if stored.startswith(SEALED_MAGIC):
            raise Refused(
                f"{name} is encrypted, but this data folder has no key.json to open it with, so "
                "it was not read and nothing was changed. If key.json was moved or lost, put it "
                "back (a `coach backup` zip made while encrypted holds a copy)."
            )
        return stored


class CorruptFile(Exception):
    """A store file that cannot be read as what coach wrote; it must never be overwritten."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Refused(CoachError):
    """A file the codec will not open (encrypted data changed, damaged or under the wrong key).
    It is never set aside on its own or replaced by an empty store."""


# ---- the TinyDB storage ----------------------------------------------------------------------


def parse_tables(raw: bytes, path: Path) -> dict[str, dict[str, Any]]:
    """The JSON of a TinyDB file, checked to be tables of numbered documents."""
    if not raw.strip(b" \t\r\n"):
        raise CorruptFile(path, "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CorruptFile(path, "the file is not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise CorruptFile(
            path, f"the file is not valid JSON ({err.msg}, line {err.lineno})"
        ) from None
    if not isinstance(data, dict) or not all(_is_table(table) for table in data.values()):
        raise CorruptFile(path, "the file does not hold coach's tables")
    return data


def _is_table(table: object) -> bool:
    """Numbered documents, as TinyDB keeps them: {"1": {...}, "2": {...}}."""
    return (
        isinstance(table, dict)
        and all(map(str.isdigit, table))
        and set(map(type, table.values())) <= {dict}
    )


class SafeStorage(Storage):
    """A TinyDB storage that writes atomically and re-parses only when the file changed.

    Outside the store's lock the parsed file is trusted while the file's identity (inode, size,
    mtime) is unchanged: another process's write replaces the file and so changes it. Inside the
    lock, before a read-modify-write, the bytes are read again and compared, so even a write
    that happened to keep that identity is never lost.
    """

    def __init__(
        self,
        path: Path,
        codec: Codec | None = None,
        on_corrupt: Callable[[CorruptFile], dict[str, Any]] | None = None,
        before_write: Callable[[Path], None] | None = None,
        locked: Callable[[], bool] | None = None,
        check: Callable[[dict[str, Any], Path], object] | None = None,
    ) -> None:
        self.path = path
        self.codec = codec or PlainCodec()
        self._on_corrupt = on_corrupt
        self._before_write = before_write
        self._locked = locked or (lambda: False)
        self._check = check
        self._cache: dict[str, Any] | None = None
        self._stored: bytes | None = None
        self._identity: tuple[int, int, int] | None = None

    def read(self) -> dict[str, Any] | None:
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            self._forget()
            return None
        try:
            st = os.fstat(fd)
            identity = (st.st_ino, st.st_size, st.st_mtime_ns)
            if self._cache is not None and identity == self._identity and not self._locked():
                return dict(self._cache)
            with os.fdopen(os.dup(fd), "rb") as handle:
                stored = handle.read()
        finally:
            os.close(fd)
        if self._cache is not None and stored == self._stored:
            self._identity = identity
            return dict(self._cache)
        try:
            data = parse_tables(self.codec.decode(stored, str(self.path)), self.path)
            if self._check is not None:
                self._check(data, self.path)
        except CorruptFile as corrupt:
            if self._on_corrupt is None:
                raise
            data = self._on_corrupt(corrupt)
            self._forget()
            return dict(data)
        self._cache, self._stored, self._identity = data, stored, identity
        return dict(data)

    def write(self, data: dict[str, Any]) -> None:
        try:
            if self._before_write is not None:
                self._before_write(self.path)
            plain = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            stored = self.codec.encode(plain, str(self.path))
            atomic_write(self.path, stored)
        except BaseException:
            self._forget()  # TinyDB changed the cached documents in place before writing
            raise
        try:
            st = self.path.stat()
        except OSError:
            self._forget()
            return
        self._cache, self._stored = data, stored
        self._identity = (st.st_ino, st.st_size, st.st_mtime_ns)

    def _forget(self) -> None:
        self._cache, self._stored, self._identity = None, None, None

    def close(self) -> None:
        self._forget()


class FreshTable(Table):
    """A table that never trusts a next id remembered from an earlier write: another coach may
    have inserted since. Within one insert of many documents, ids still count up."""

    def insert(self, document: Mapping[str, Any]) -> int:
        self._next_id = None
        doc_id: int = super().insert(document)
        return doc_id

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        self._next_id = None
        doc_ids: list[int] = super().insert_multiple(documents)
        return doc_ids


class StoreDB(TinyDB):
    """TinyDB with fresh ids and no query cache, because other processes write too."""

    table_class = FreshTable
    default_table_name = "records"

    def table(self, name: str, **kwargs: Any) -> Table:
        kwargs.setdefault("cache_size", 0)
        return super().table(name, **kwargs)
