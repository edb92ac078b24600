"""A progress bar for long work on a terminal, and nothing at all when output is piped."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

LONG_WORK = 1000
"""Below this many records the work is quick and a bar would only flicker."""


def wanted(total: int, stdout_used: bool = False) -> bool:
    """Show a bar only on a terminal, for long work, and never over data going to a pipe."""
    if total < LONG_WORK or not sys.stderr.isatty():
        return False
    return not stdout_used or sys.stdout.isatty()


@contextlib.contextmanager
def bar(description: str, total: int, show: bool) -> Iterator[Callable[[int], None]]:
    """Yield `advance(n)`; draws on stderr when `show`, and does nothing otherwise."""
    if not show:
        yield lambda n: None
        return
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)
