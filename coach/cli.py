"""The `coach` console script: plain `coach` opens the home screen at once; every command goes
to the Typer app in `coach.commands`.

The split keeps the first frame quick: Typer parses options with pydantic, and importing them
both costs more than the rest of coach's start-up (benchmarks/startup.py). The house style puts
the Typer app in cli.py; here cli.py is the entry point and commands.py holds the app.
"""

from __future__ import annotations

import sys
from typing import Any


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        _home()
        return
    from coach.commands import app

    app(args=args, prog_name="coach")


def _home() -> None:
    """The full-screen coach, with the settings every command resolves (COACH_* variables)."""
    from rich.console import Console
    from rich.text import Text

    from coach import paths
    from coach.errors import CoachError

    try:
        from coach.assemble import Settings, open_home, open_plain_menu, terminal

        settings = Settings(data_dir=paths.data_dir(None), pack_paths=paths.extra_pack_paths())
        if terminal():
            open_home(settings)
        else:  # a pipe or a file: the app cannot draw there, plain lines can
            open_plain_menu(settings)
    except CoachError as err:
        Console(stderr=True, highlight=False, soft_wrap=True).print(Text(str(err)))
        raise SystemExit(1) from None


def __getattr__(name: str) -> Any:
    """`coach.cli.app` is the Typer app (tests and tools use it), loaded only when asked for."""
    if name == "app":
        from coach.commands import app

        return app
    raise AttributeError(name)
