"""Where a passphrase comes from: a file (`--passphrase-file`), COACH_PASSPHRASE, or the prompt.

A passphrase is never echoed, logged or written anywhere by coach. Without a terminal and
without a file or variable, coach says how to give one instead of waiting for input.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from coach.errors import CoachError
from coach.files import read_bounded

ENV = "COACH_PASSPHRASE"
UNLOCK_PROMPT = "Passphrase: "
MIN_LENGTH = 8
TRIES = 3
MAX_FILE_BYTES = 64 * 1024


def given(file: Path | None) -> str | None:
    """A passphrase given for scripts: the file first, then COACH_PASSPHRASE; None if neither."""
    if file is not None:
        return from_file(file)
    value = os.environ.get(ENV)
    return value if value else None


def from_file(file: Path) -> str:
    """The file's first line, without its line ending: a regular file, its size checked first."""
    raw = read_bounded(file.expanduser(), MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CoachError(f"{file} is not UTF-8 text, so it cannot hold the passphrase.") from None
    line = text.splitlines()[0] if text else ""
    if not line:
        raise CoachError(f"{file} is empty: its first line should be the passphrase.")
    return line


def can_ask() -> bool:
    return sys.stdin.isatty()


def crisis_words() -> list[str]:
    """Said before the passphrase is asked: crisis lines need no passphrase. The region setting
    is sealed with the rest, so only COACH_REGION can say where the person is."""
    from coach.core import crisis

    said = ["Your coach data is locked. `coach crisis` works without the passphrase."]
    code = crisis.region_code(os.environ.get("COACH_REGION", ""))
    if code is None:
        return [*said, "Run `coach crisis` to see crisis lines, no passphrase needed."]
    region = crisis.resources_for(code)
    return [
        *said,
        f"Crisis lines for {region.name}:",
        *(f"  {line}" for line in crisis.lines(region)),
    ]


_told: list[bool] = []
"""Whether the crisis words were said in this process (once, not before every try)."""


def ask(prompt: str = UNLOCK_PROMPT) -> str:
    """Ask at the terminal without echo; a calm error where there is no terminal to ask at.
    Before the first passphrase that unlocks the data, say that `coach crisis` needs none."""
    if not can_ask():
        raise CoachError(
            "Your data is encrypted. Give the passphrase with --passphrase-file or "
            f"{ENV}, or run coach in a terminal to be asked for it. "
            "`coach crisis` shows crisis lines without it."
        )
    if prompt == UNLOCK_PROMPT and not _told:
        _told.append(True)
        print("\n".join(crisis_words()), file=sys.stderr, flush=True)
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CoachError("No passphrase was given, so nothing was opened or changed.") from None


def check_new(passphrase: str) -> str:
    if len(passphrase) < MIN_LENGTH:
        raise CoachError(
            f"Please choose a passphrase of at least {MIN_LENGTH} characters. Nothing was changed."
        )
    return passphrase


def ask_new(what: str = "passphrase") -> str:
    """A new passphrase, typed twice so a typo cannot lock a person out; asked again (three
    tries in all) when it is too short or the two differ."""
    for attempt in range(TRIES):
        try:
            first = check_new(ask(f"New {what}: "))
            if ask(f"The same {what} again: ") != first:
                raise CoachError(
                    "The two passphrases were not the same. Nothing was changed; try again."
                )
            return first
        except CoachError as err:
            if attempt == TRIES - 1 or "No passphrase was given" in str(err):
                raise
            print(f"{err}", file=sys.stderr)
    raise AssertionError("unreachable")
