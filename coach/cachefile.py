"""One small read of a private cache file, for the paths a first frame waits on: stdlib only
(coach.files brings secrets and signal, about 18 ms), and never an error a person sees: a
cache that is missing, not a regular file, or too large raises OSError/ValueError, and the caller
rebuilds it."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_small(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (never a fifo, a device or a link)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        data = os.read(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ValueError("too large")
    return data
