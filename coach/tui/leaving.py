"""Leaving at once, from a signal handler, when the app could not close by itself in time."""

from __future__ import annotations

import contextlib
import os
import sys
from types import FrameType
from typing import Any

# what Textual's driver writes on its way out: mouse, paste, kitty keys and focus reports off,
# line wrap on, the main screen back, the cursor shown
RESET = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h\x1b[<u"
    "\x1b[?1049l\x1b[?25h\x1b[?1004l"
)


def interrupted_a_write(frame: FrameType | None) -> bool:
    """Whether the signal landed inside the store: writing from the handler then could meet
    the store's own lock, and the last draft saved stands instead."""
    while frame is not None:
        if str(frame.f_globals.get("__name__", "")).startswith("coach.store"):
            return True
        frame = frame.f_back
    return False


def give_back_terminal(app: Any) -> None:
    """The terminal as it was before the app: its settings restored and the screen reset,
    without ever waiting on a terminal that no longer reads (or is gone)."""
    try:
        import fcntl
        import termios
    except ImportError:  # not on this platform: Textual's Windows driver has no raw mode
        return
    driver = getattr(app, "_driver", None)  # Textual's driver, private; None in headless tests
    before = getattr(driver, "attrs_before", None)
    stdin, stderr = sys.__stdin__, sys.__stderr__
    if before is not None and stdin is not None:
        with contextlib.suppress(OSError, ValueError, termios.error):
            termios.tcsetattr(stdin.fileno(), termios.TCSANOW, before)
    if driver is None or stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        fd = stderr.fileno()
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
        try:
            os.write(fd, RESET.encode())
        finally:
            fcntl.fcntl(fd, fcntl.F_SETFL, flags)
