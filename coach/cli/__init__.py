"""The `coach` console script: plain `coach` opens the home screen at once; the light commands'
usual command lines take the fast path (`coach.cli.fast`); everything else goes to the Typer app
in `coach.cli.app`.

The fast path keeps the first frame quick: Typer parses options with pydantic, and importing
them both costs more than the rest of coach's start-up (benchmarks/startup.py). Both paths go
through the same error boundary (`coach.cli.boundary`) and the same way home (`assemble.home`).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run coach with `argv` (the process's arguments when None)."""
    from coach.cli import closing

    closing.install()  # before anything slow: a terminal closed while coach starts ends it
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from coach.cli.assemble import home
        from coach.cli.boundary import guarded
        from coach.cli.settings import resolve

        with guarded():
            settings = resolve()
            try:
                home(settings)
            finally:
                settings.announce()
        return
    from coach.cli import fast

    args = fast.hoisted(args)  # global options are taken after the command too
    if fast.run(args):
        return
    from coach.cli.app import app

    app(args=args, prog_name="coach")
