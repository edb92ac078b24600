"""Killing a writer at a random moment (SIGKILL: no cleanup, no finally), for crash tests."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

_fork = multiprocessing.get_context("fork")


def kill_while_writing(
    writer: Callable[[str, int], None], root: Path, pause: tuple[float, float]
) -> set[str]:
    """Start `writer(root, ack_fd)` in a child, kill it after a random pause, and return the
    session ids it acknowledged (wrote to the pipe after they were on disk)."""
    read_end, write_end = os.pipe()
    child = _fork.Process(target=writer, args=(str(root), write_end))
    child.start()
    os.close(write_end)
    time.sleep(random.uniform(*pause))
    os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
    child.join()
    with os.fdopen(read_end) as pipe:
        return {line.strip() for line in pipe if len(line.strip()) == 36}
