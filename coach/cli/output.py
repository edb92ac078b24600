"""Everything the command line prints goes out here, as Rich `Text`: nothing is read as markup."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from coach.text import clean


def stdout_console() -> Console:
    """The console for what a command shows; Rich never highlights or reads markup in it."""
    return Console(highlight=False)


def stderr_console() -> Console:
    """The console for notices and errors."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def literal(value: object, style: str = "") -> Text:
    """`value` as Text shown exactly as written, with escape and invisible characters taken out."""
    return Text(clean(str(value), multiline=True), style=style)


def say(message: str, *, style: str = "", soft_wrap: bool = False) -> None:
    """Print one message on stdout, literally."""
    stdout_console().print(literal(message, style), soft_wrap=soft_wrap)


def warn(message: str, *, style: str = "") -> None:
    """Print one message on stderr, literally."""
    stderr_console().print(literal(message, style))
