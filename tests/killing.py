"""Killing a writer at exact write steps (SIGKILL: no cleanup, no finally), for crash tests.

coach/files.py counts write steps when armed (three per atomic write: the temp file half
written, whole before the replace, just after the replace). A test runs an operation once in a
forked child to count its steps, then again in a fresh copy of the folder killed just before
each step in turn, and checks what is on disk. No timing is involved, so a loaded machine gives
the same result as an idle one.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coach import files

# Each case is bounded to about MAX_POINTS kills: with more steps than that, every k-th step is
# tried, k fixed per operation and never a multiple of 3, so every phase of a write is still hit.
MAX_POINTS = 15


@dataclass(frozen=True)
class Outcome:
    killed: bool  # killed by the hook (False: it ran to the end)
    steps: int  # write steps taken (counted only when it ran to the end)


def run_in_child(operation: Callable[[Path], object], root: Path, kill_at: str) -> Outcome:
    """Run `operation(root)` in a forked child with COACH_TEST_KILL_AT armed as `kill_at`."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read_end)
            files.arm_kill_point(kill_at)
            operation(root)
            os.write(write_end, f"{files.write_steps_taken()}\n".encode())
            code = 0
        except BaseException:  # noqa: BLE001 - shown by the parent's assertion
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_end)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end) as pipe:
        said = pipe.read().strip()
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return Outcome(killed=True, steps=0)
    assert os.WEXITSTATUS(status) == 0, "the operation failed in the child (traceback above)"
    return Outcome(killed=False, steps=int(said))


def count_steps(operation: Callable[[Path], object], start: Path, scratch: Path) -> int:
    """The write steps `operation` takes on a copy of `start`."""
    shutil.copytree(start, scratch, symlinks=True)
    outcome = run_in_child(operation, scratch, "count")
    shutil.rmtree(scratch)
    return outcome.steps


def kill_points(steps: int) -> list[int]:
    """Every step, or every k-th with a fixed stride (never a multiple of 3) when there are many;
    the last step is always in."""
    stride = max(1, -(-steps // MAX_POINTS))
    while stride % 3 == 0:
        stride += 1
    points = list(range(1, steps + 1, stride))
    if steps and points[-1] != steps:
        points.append(steps)
    return points


def killed_at_every_point(
    operation: Callable[[Path], object], start: Path, scratch: Path
) -> Iterator[tuple[int, Path]]:
    """For each kill point: a fresh copy of `start` that `operation` was killed on at that point.
    The folder is yielded for checking and removed after."""
    steps = count_steps(operation, start, scratch / "count")
    assert steps > 0, "the operation wrote nothing, so there is nothing to kill"
    for point in kill_points(steps):
        root = scratch / f"at-{point}"
        shutil.copytree(start, root, symlinks=True)
        outcome = run_in_child(operation, root, str(point))
        assert outcome.killed, f"step {point} of {steps} was never reached"
        yield point, root
        shutil.rmtree(root)
