"""A closed terminal (SIGHUP) or a polite kill (SIGTERM), at any moment from start to exit: the
place is kept and the process ends within two seconds, whatever screen is up.

`main` installs the handler first thing, before anything slow is imported. Until the full-screen
app is running there is nothing to keep, so the signal does what it always does. While it runs,
the app is asked to keep the place and close from its own loop; if it has not closed within
`GRACE` seconds (a terminal that no longer reads can block Textual's writer for good, and the
app's own loop with it), the handler runs again on the main thread, which Python lets it do even
while that thread waits on a lock: it keeps the place from there and ends the process. As a last
resort, a process that could not run the handler at all is ended `LAST` seconds later.

Signals belong to the whole process, so the one handler is found again through `signal` itself
(`watch`), not through a global of coach's.
"""

from __future__ import annotations

import os
import signal
import threading
from types import FrameType
from typing import Protocol

GRACE = 1.0
"""Seconds the app has to close by itself after the signal."""
LAST = 0.6
"""Seconds after that for the handler's second run, before the process is ended regardless."""
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Closable(Protocol):
    """What the handler needs from the full-screen app."""

    def close_politely(self, signum: int) -> bool:
        """Ask the running app to keep the place and close; False when it is not running."""
        ...

    def close_now(self, frame: FrameType | None, signum: int) -> int:
        """Keep the place from the signal handler, give the terminal back; the exit status."""
        ...


class Closing:
    """The process's SIGTERM and SIGHUP handler, and the app it asks to close."""

    def __init__(self) -> None:
        self.app: Closable | None = None
        self.signum: int | None = None

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread can set a handler (an embedding, a test's thread)
        for sig in SIGNALS:
            signal.signal(sig, self.caught)

    def caught(self, signum: int, frame: FrameType | None) -> None:
        app = self.app
        if app is None:  # still starting, or no app at all: nothing to keep yet
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if self.signum is None:
            self.signum = signum
            if app.close_politely(signum):
                self._watch(signum)
                return
        status = 128 + self.signum
        try:
            status = app.close_now(frame, self.signum)
        finally:
            os._exit(status)

    def _watch(self, signum: int) -> None:
        main = threading.main_thread().ident
        assert main is not None

        def watch() -> None:
            waiting = threading.Event()
            waiting.wait(GRACE)
            if hasattr(signal, "pthread_kill"):
                signal.pthread_kill(main, signum)  # the handler again, on the main thread
            waiting.wait(LAST)
            os._exit(128 + signum)

        threading.Thread(target=watch, name="coach-closing", daemon=True).start()


def install() -> None:
    """Catch SIGTERM and SIGHUP for the whole process (done first thing in `main`)."""
    Closing().install()


def watch(app: Closable) -> None:
    """From now on a SIGTERM or SIGHUP asks `app` to keep the place and close."""
    closing = getattr(signal.getsignal(signal.SIGTERM), "__self__", None)
    if not isinstance(closing, Closing):
        closing = Closing()
        closing.install()
    closing.app = app
