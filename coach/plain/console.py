"""The line console of plain mode: one prompt a line, answers read a line at a time, the
command words, and pack Markdown read as words. Nothing printed carries an escape sequence."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from coach.text import strip_control

COMMANDS = ("back", "skip", "stop", "why", "crisis", "help")
PHASE_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out", "rest": "Rest"}
HELP = (
    "At any prompt you can type: back (the step before), skip (pass over this step), "
    "stop (keep your place, or save what you did), why (why this works), "
    "crisis (crisis lines and your safety plan), help (this list). To answer with one of these words, start it with a backslash."
)


class EndOfInput(Exception):
    """stdin ended: the place is kept and the run ends quietly."""


class CommandWord(Exception):
    """A command word typed at a prompt (back, skip, stop, why, crisis, help)."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


@dataclass
class Console:
    """Where plain mode reads and writes; tests give their own streams and sleep."""

    stdin: IO[str] = field(default_factory=lambda: sys.stdin)
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    sleep: Callable[[float], None] = time.sleep
    ended: bool = False

    def say(self, text: str = "") -> None:
        """One or more lines, with every control character taken out."""
        self.stdout.write(strip_control(text) + "\n")
        self.stdout.flush()

    def line(self, prompt: str) -> str:
        """The prompt on its own line, then one line of answer (EndOfInput at the end)."""
        self.say(prompt)
        raw = self.stdin.readline()
        if raw == "":
            self.ended = True
            raise EndOfInput
        return raw.rstrip("\r\n")

    def answer(self, prompt: str, commands: bool = True) -> str:
        """A line, with the command words raised as CommandWord."""
        text = self.line(prompt)
        word = text.strip().lower()
        if commands and word in COMMANDS:
            raise CommandWord(word)
        if text.startswith("\\"):
            return text[1:]
        return text

    def in_terminal(self) -> bool:
        """Whether a person types at a terminal (not a pipe or a file)."""
        try:
            return bool(self.stdin.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def pace(self, seconds: float) -> None:
        """Wait along with the person at a terminal; with answers from a pipe, no one breathes
        along, so the cues follow each other without waiting."""
        if self.in_terminal():
            self.sleep(seconds)

    def let_go_of_typing(self) -> None:
        """At a terminal, what was typed during a paced step is let go, so it does not answer
        the next question."""
        if not self.in_terminal():
            return
        try:
            import termios
        except ImportError:  # not on this platform: nothing to let go of
            return
        try:
            termios.tcflush(self.stdin.fileno(), termios.TCIFLUSH)
        except (termios.error, AttributeError, ValueError, OSError):
            pass


def markdown_as_words(text: str) -> str:
    """Markdown read aloud: headings, emphasis and link syntax taken out, the words kept."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
        line = re.sub(r"^\s*[-*+]\s+", "- ", line)
        line = re.sub(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)", r"\1 (\2)", line)
        line = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", line)
        line = line.replace("\\", "") if "\\" in line else line
        out.append(line.rstrip())
    return "\n".join(out).strip()


def seconds_words(value: float) -> str:
    """A length of time as words: `90 seconds` reads `1 min 30 s`."""
    whole = int(round(value))
    if whole >= 60 and whole % 60 == 0:
        minutes = whole // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if whole >= 60:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole} second{'s' if whole != 1 else ''}"


def number_words(value: float) -> str:
    """A number without a needless `.0`."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
