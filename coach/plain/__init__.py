"""Plain mode: an exercise as plain lines on stdout, answers read from stdin.

For screen readers, pipes and terminals where the full-screen app is not welcome: no escape
sequences, no box drawing, one prompt per line, breathing cues as words. The run goes through
the same `Practice` the app drives, so what is stored is exactly what the app would store.
Breathing and timers wait in real time only at a terminal; from a pipe the cues follow each
other at once.

At any prompt a line that is only one of these words is a command: back, skip, stop, why,
crisis, help. To answer with one of those words itself, start the line with a backslash.
"""

import time  # noqa: F401 - `coach.plain.time.sleep` is where tests/cli patch the pacing

from coach.plain.console import (
    COMMANDS,
    HELP,
    PHASE_WORDS,
    CommandWord,
    Console,
    EndOfInput,
    markdown_as_words,
)
from coach.plain.crisis_word import show_lines
from coach.plain.menu import menu
from coach.plain.run import UNSAVED, PlainRun, run_exercise

__all__ = [
    "COMMANDS",
    "HELP",
    "PHASE_WORDS",
    "CommandWord",
    "Console",
    "EndOfInput",
    "UNSAVED",
    "PlainRun",
    "markdown_as_words",
    "menu",
    "run_exercise",
    "show_lines",
]
