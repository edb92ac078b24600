"""A small private summary of what the home shows, so coach can fill its home without pydantic
or reading a month of history.

It is kept beside the tally cache, keyed by what the caller says it depends on and by the
identity (inode, size, mtime_ns) of every file it was worked out from: drafts, recent and month
files of sessions, and key.json. Any difference, a file that is not a small regular one, bytes the
codec refuses or JSON of another shape, and it is not used. It is sealed through the codec when
the folder is encrypted, written atomically and private (0600).

Nothing here imports pydantic, TinyDB or coach.files until a summary is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Protocol

from coach.cachefile import read_small

SUMMARY_CACHE = "cache/home.json"
SUMMARY_LIMIT = 1 << 16
SOURCES = ("drafts.json", "key.json", "sessions/recent.json")


class Codec(Protocol):
    def encode(self, plain: bytes, name: str) -> bytes: ...

    def decode(self, stored: bytes, name: str) -> bytes: ...


def identity(root: Path) -> list[list[Any]]:
    """Each file the home is worked out from, as [name, inode, size, mtime_ns], in name order."""
    out: list[list[Any]] = []
    names = list(SOURCES)
    try:
        names += sorted(
            f"sessions/{entry.name}"
            for entry in os.scandir(root / "sessions")
            if len(entry.name) == 12 and entry.name.endswith(".json") and entry.name[4] == "-"
        )
    except OSError:
        pass
    for name in names:
        try:
            st = os.stat(root / name)
        except OSError:
            continue
        out.append([name, st.st_ino, st.st_size, st.st_mtime_ns])
    return out


def read(root: Path, key: dict[str, Any], codec: Codec | None = None) -> object | None:
    """The kept summary if it was kept under `key` and every file is as it was; else None."""
    path = root / SUMMARY_CACHE
    try:
        stored = read_small(path, SUMMARY_LIMIT)
        plain = codec.decode(stored, str(path)) if codec is not None else stored
        data = json.loads(plain)
        if not isinstance(data, dict) or set(data) != {"key", "files", "home"}:
            return None
        if data["key"] != key or data["files"] != identity(root):
            return None
        return data["home"]
    except Exception:  # noqa: BLE001 - a summary that cannot be read is never trusted
        return None


def write(
    root: Path,
    key: dict[str, Any],
    files: list[list[Any]],
    home: object,
    codec: Codec | None = None,
) -> None:
    """Keep the summary; `files` is the identity taken before the store was read, so a file
    changed meanwhile makes it stale, never wrongly fresh. A failure only costs speed."""
    from coach.errors import CoachError
    from coach.files import atomic_write, private_dir

    path = root / SUMMARY_CACHE
    plain = json.dumps({"key": key, "files": files, "home": home}, separators=(",", ":")).encode()
    if len(plain) > SUMMARY_LIMIT // 2:
        return
    try:
        stored = read_small(path, SUMMARY_LIMIT)
        if (codec.decode(stored, str(path)) if codec is not None else stored) == plain:
            return  # kept already: nothing changed since
    except Exception:  # noqa: BLE001, S110 - none yet, or one to replace
        pass
    try:
        private_dir(path.parent)
        atomic_write(path, codec.encode(plain, str(path)) if codec is not None else plain)
    except (CoachError, OSError, ValueError):
        pass


def forget(root: Path) -> None:
    """Remove the summary (it is worked out again on the next start)."""
    try:
        os.unlink(root / SUMMARY_CACHE)
    except OSError:
        pass
