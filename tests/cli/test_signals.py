"""Closing the terminal (SIGHUP) or a polite kill (SIGTERM) at any moment from start to exit, in
a real pseudo-terminal: the process ends and the place is kept. Conditions are waited for by
reading the terminal; the two-second target is measured by hand, not asserted (a loaded machine
would make it flaky), so the bound here is generous."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from coach.store.store import ProgressStore
from tests.conftest import FIXTURES, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX pty")]

PACK = str(FIXTURES / "packs" / "every-step.yaml")
CRASH_ON_F2 = (
    "import coach.tui.app as a\n"
    "def boom(self): raise RuntimeError('a bug')\n"
    "a.CoachApp.action_crisis = boom\n"
    "from coach.cli import main\n"
    "main()\n"
)


class Terminal:
    """coach in a pseudo-terminal of 100 by 32, with its own data folder."""

    def __init__(self, data: Path, *args: str, code: str | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
        env = dict(os.environ, COACH_DATA_DIR=str(data), TERM="xterm-256color")
        env.update(COACH_PACKS=PACK, COACH_REGION="GB")
        command = ["-c", code, *args] if code else ["-m", "coach", *args]
        self.proc = subprocess.Popen(
            [sys.executable, *command],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def read(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout`); False once nothing more can come."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the other end is closed
            return False
        self.seen += chunk
        return bool(chunk)

    def wait_for(self, word: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while word.encode() not in self.seen:
            assert time.monotonic() < deadline, f"{word!r} never came: {self.seen[-400:]!r}"
            assert self.read(1), f"coach ended before {word!r}: {self.seen[-400:]!r}"

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def ended(self, timeout: float = 60, keep_reading: bool = True) -> int:
        """The exit status, reading the terminal meanwhile (as a live terminal does) or not."""
        deadline = time.monotonic() + timeout
        while keep_reading and self.proc.poll() is None and time.monotonic() < deadline:
            if not self.read(0.05):
                break
        try:
            return self.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail("coach did not end after the signal")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        try:
            os.close(self.master)
        except OSError:
            pass


@pytest.fixture
def terminals(data_dir: Path):  # type: ignore[no-untyped-def]
    made: list[Terminal] = []

    def make(*args: str, code: str | None = None) -> Terminal:
        made.append(Terminal(data_dir, *args, code=code))
        return made[-1]

    yield make
    for term in made:
        term.close()


def test_a_signal_before_any_output_ends_coach(terminals) -> None:  # type: ignore[no-untyped-def]
    term = terminals()
    term.proc.send_signal(signal.SIGHUP)
    assert term.ended() != 0


def test_a_signal_once_output_starts_ends_coach(terminals) -> None:  # type: ignore[no-untyped-def]
    term = terminals()
    assert term.read(60) and term.seen
    term.proc.send_signal(signal.SIGTERM)
    assert term.ended(keep_reading=False) != 0


def test_a_hangup_on_the_home_screen_ends_coach(terminals) -> None:  # type: ignore[no-untyped-def]
    term = terminals()
    term.wait_for("What do you need")
    term.proc.send_signal(signal.SIGHUP)
    assert term.ended(keep_reading=False) == 128 + signal.SIGHUP  # a terminal no longer read


@pytest.mark.parametrize(("sig", "gone"), [(signal.SIGTERM, False), (signal.SIGHUP, True)])
def test_a_signal_mid_exercise_keeps_the_place(
    terminals,
    data_dir: Path,
    sig: int,
    gone: bool,  # type: ignore[no-untyped-def]
) -> None:
    term = terminals("run", "test/short")
    term.wait_for("How is it?")
    term.send("6\r")
    term.wait_for("One word?")
    term.send("half")
    term.wait_for("half")
    if gone:  # the pane is killed: the terminal is gone, then the hangup
        os.close(term.master)
    term.proc.send_signal(sig)
    assert term.ended(keep_reading=not gone) != 0
    draft = ProgressStore(data_dir).draft("test/short")
    assert draft is not None and draft.answers == {"before": 6, "word": "half"}


def test_a_signal_after_a_crash_ends_coach_and_the_place_is_kept(
    terminals,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    term = terminals("run", "test/short", code=CRASH_ON_F2)
    term.wait_for("How is it?")
    term.send("6\r")
    term.wait_for("One word?")
    term.send("half")
    term.wait_for("half")
    term.send("\x1bOQ")  # F2: the crash
    term.wait_for("Something went wrong")
    term.proc.send_signal(signal.SIGTERM)
    # A crash is never status 0, whatever follows: 1 when coach handles the signal, or death by
    # the signal itself when it lands while Python is already finishing its exit (Python puts the
    # default handlers back then), which depends only on timing.
    assert term.ended(keep_reading=False) in (1, -signal.SIGTERM)
    draft = ProgressStore(data_dir).draft("test/short")
    assert draft is not None and draft.answers == {"before": 6, "word": "half"}
