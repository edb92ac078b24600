"""Replacing many files of one folder as one change: all of them or none, even when killed.

Each new file is first written beside its old one under a staged name, then the disk is synced
once (not once per file), then a small journal naming the staged files is written atomically:
that is the moment the change happens. The staged files are then renamed into place and the
folder synced once. Killed before the journal, the old files are all still there and the staged
ones are removed on the next open; killed after it, the next open finishes the renames.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import secrets
import sys
from pathlib import Path

from coach import files
from coach.files import FILE_MODE, WriteFailed, atomic_write, describe_os_error, fsync_dir

JOURNAL = ".batch-journal"
STAGED_MARK = ".staged-"


def write_all(folder: Path, contents: dict[str, bytes]) -> None:
    """Replace each file named in `contents` (names within `folder`) with its bytes, as one."""
    token = secrets.token_hex(4)
    plan: dict[str, tuple[str, str | None]] = {}
    try:
        for name, data in contents.items():
            staged = f".{name}{STAGED_MARK}{os.getpid()}-{token}"
            plan[name] = (staged, _digest(folder / name))
            _write_new(folder / staged, data)
        _sync(folder, [folder / staged for staged, _ in plan.values()])
        _step()
        atomic_write(folder / JOURNAL, json.dumps(plan).encode())  # the change happens here
    except BaseException as err:
        for staged, _ in plan.values():
            with contextlib.suppress(OSError):
                (folder / staged).unlink()
        if isinstance(err, OSError):
            raise WriteFailed(
                f"Your practice could not be saved because {describe_os_error(err)}. "
                "Everything saved before is unchanged.",
                describe_os_error(err),
            ) from err
        raise
    finish_batch(folder)


def finish_batch(folder: Path) -> None:
    """Finish a change whose journal was written, or drop staged files that never got one.

    Call it holding the store's lock. A file some other write changed since it was staged is
    left as that write made it (its records are added again by importing again)."""
    journal = folder / JOURNAL
    try:
        plan = json.loads(journal.read_bytes())
    except FileNotFoundError:
        plan = None
    except (OSError, ValueError):
        plan = {}  # not whole: atomic_write never leaves that, so nothing of it was promised
    if isinstance(plan, dict):
        for name, (staged, before) in plan.items():
            source = folder / str(staged)
            if source.exists() and _digest(folder / name) == before:
                os.replace(source, folder / name)
                _step()
        fsync_dir(folder)
        journal.unlink(missing_ok=True)
    for entry in os.scandir(folder):  # staged but never promised: the change did not happen
        if entry.name.startswith(".") and STAGED_MARK in entry.name:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _digest(path: Path) -> str | None:
    """What a file holds now, in short (None when there is no file)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except FileNotFoundError:
        return None


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _sync(folder: Path, written: list[Path]) -> None:
    """Make the staged files durable: one syncfs of the folder's disk on Linux, else each file."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                if ctypes.CDLL(None, use_errno=True).syncfs(fd) == 0:
                    return
            finally:
                os.close(fd)
    for path in written:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _step() -> None:
    """The kill-point test hook of coach/files.py, at the steps of a batch of its own."""
    if files._kill_at:  # noqa: SLF001 - the test hook is shared on purpose
        files._write_step()  # noqa: SLF001
