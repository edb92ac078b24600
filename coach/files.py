"""Files the person's data lives in: atomic private writes, private folders, bounded reads.

Every write goes to a temp file in the same folder (0600), is flushed and fsynced, then
`os.replace`s the old file and the folder is fsynced, so a crash, a kill or a full disk leaves
either the old file or the new one, never half of each (git and jrnl do the same).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import signal
import stat
import sys
from pathlib import Path

from coach.errors import CoachError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"


class WriteFailed(CoachError):
    """Saving did not happen; what was saved before is untouched."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "coach is not allowed to write there",
    errno.EPERM: "coach is not allowed to write there",
    errno.EIO: "the disk reported an error",
    errno.EISDIR: "that is a folder",
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
}


def describe_os_error(err: OSError) -> str:
    """Why a file operation failed, as the end of a sentence beginning with 'because'."""
    known = _REASONS.get(err.errno or 0)
    return known or f"of an error ({(err.strerror or 'unknown').lower()})"


def private_dir(path: Path) -> Path:
    """Create `path` as 0700, whatever the umask; parents it has to create are 0700 too (folders
    that were there already are left as they are)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True, mode=DIR_MODE)
        with contextlib.suppress(PermissionError):
            folder.chmod(DIR_MODE)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    with contextlib.suppress(PermissionError):
        if path.stat().st_mode & 0o777 != DIR_MODE:
            path.chmod(DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` as an empty 0600 file if it is not there; an existing file is left as it is."""
    path.touch(mode=FILE_MODE, exist_ok=True)
    return path


# ---- test hook: kill at an exact write step ---------------------------------------------------
# COACH_TEST_KILL_AT=N (read once, at import) makes this process SIGKILL itself just before the
# Nth write step; COACH_TEST_KILL_AT=count only counts the steps and prints the total to stderr at
# exit. Each atomic_write takes three steps: (1) half the data is in the temp file, (2) the temp
# file is whole and fsynced, before the replace, (3) after the replace, before the folder fsync.
# Crash tests use it to kill at exact points instead of random moments (issue 11). Unset, it
# costs one int test per step.

_kill_at = 0  # 0: off; -1: counting; N > 0: killed just before step N
_steps_taken = 0


def arm_kill_point(spec: str) -> None:
    """Test hook: arm the kill point as COACH_TEST_KILL_AT would (for a forked test child)."""
    global _kill_at, _steps_taken
    _steps_taken = 0
    if spec == "count":
        if _kill_at != -1:
            import atexit

            atexit.register(
                lambda: print(f"coach-test-write-steps: {_steps_taken}", file=sys.stderr)
            )
        _kill_at = -1
    else:
        _kill_at = int(spec) if spec else 0


def write_steps_taken() -> int:
    """Test hook: the write steps counted since the kill point was armed."""
    return _steps_taken


def _write_step() -> None:
    global _steps_taken
    _steps_taken += 1
    if _steps_taken == _kill_at:
        os.kill(os.getpid(), signal.SIGKILL)


if os.environ.get("COACH_TEST_KILL_AT"):
    arm_kill_point(os.environ["COACH_TEST_KILL_AT"])


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable; filesystems that cannot do this are let be."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # the replace already happened; some filesystems refuse fsync on a folder
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, or raise WriteFailed leaving the old file exactly as it was."""
    folder = path.parent
    temp = folder / f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            if _kill_at:  # test hook: step 1 is a temp file half written
                done, half = 0, len(data) // 2
                while done < half:
                    done += os.write(fd, view[done:half])
                view = view[done:]
                os.fsync(fd)
                _write_step()
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if _kill_at:
            _write_step()
        os.replace(temp, path)
        if _kill_at:
            _write_step()
    except OSError as err:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = describe_os_error(err)
        raise WriteFailed(
            f"Your practice could not be saved because {reason}. "
            "Everything saved before is unchanged.",
            reason,
        ) from err
    fsync_dir(folder)


def write_private(path: Path, data: bytes) -> None:
    """Write a file for the person (a backup, an export, a pack) owner-only, atomically."""
    path = path.expanduser()
    try:
        if not path.parent.exists():
            private_dir(path.parent)  # folders coach makes for it are the person's alone
        atomic_write(path, data)
    except WriteFailed as err:
        raise CoachError(
            f"{path} could not be written because {err.reason}. Nothing was changed."
        ) from None
    except OSError as err:
        raise CoachError(f"{path} could not be written because {describe_os_error(err)}.") from None
    with contextlib.suppress(OSError):
        os.chmod(path, FILE_MODE)


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; a calm CoachError otherwise.

    The size is checked on the open file before reading, and at most `limit + 1` bytes are read,
    so a file that grows while it is read, or a device that never ends, is refused too.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise CoachError(f"{path} cannot be read because {_read_reason(err)}.") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise CoachError(f"{path} is not a regular file, so coach did not read it.")
        if st.st_size > limit:
            raise CoachError(f"{path} is larger than {_size(limit)}, so coach did not read it.")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise CoachError(f"{path} cannot be read because {_read_reason(err)}.") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise CoachError(f"{path} is larger than {_size(limit)}, so coach did not read it.")
    return data


def _read_reason(err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return "there is no such file"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "coach is not allowed to read it"
    return describe_os_error(err)


def _size(limit: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= size:
            return f"{limit / size:g} {unit}"
    return f"{limit} bytes"


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Temp files left by a coach that was killed mid-write; they never hold the only copy."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(".") and TEMP_MARK in entry.name and entry.is_file():
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
