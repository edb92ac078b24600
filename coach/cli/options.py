"""Options shared by the commands, how their values enter (cleaned), and small helpers.

Settings resolve in one order everywhere: flags, then COACH_* environment variables, then
defaults (`coach.cli.settings.resolve`). Every id or word a person types that a command may
echo back passes through `coach.text.clean` as it enters, here, in the option's callback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.dates import check_range, since_date
from coach.cli.light import ARGUMENT_LIMIT as ARGUMENT_LIMIT
from coach.cli.light import cleaned as cleaned
from coach.cli.settings import Settings
from coach.errors import CoachError
from coach.text import clean, json_text


def shown(path: Path | str) -> str:
    """A path as it may be shown in a message (the path itself is opened as given)."""
    return clean(str(path))


def settings(ctx: typer.Context) -> Settings:
    """The settings the callback resolved for this run."""
    found = ctx.find_object(Settings)
    assert found is not None, "the callback always sets Settings"
    return found


def print_json(value: Any) -> None:
    """JSON for tools on stdout, every control character escaped."""
    typer.echo(json_text(value))


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option as a date; a usage error (exit 2) naming the option otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2026-11-01", param_hint=option
        ) from None


def refuse_clear_file(settings: Settings, out: Path | None, in_clear: bool) -> None:
    """Encrypted data is never written out in clear unless the person says so."""
    if out is not None and not in_clear and settings.encrypted():
        raise CoachError(
            f"Your data is encrypted, and {shown(out)} would not be. Nothing was written. Add "
            "--in-clear to write it anyway, or leave out --out to see it on the screen."
        )


def date_range(
    since: str | None, until: str | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """--since and --until as dates; a bound beyond the years a record can have is no bound at
    all (so 0001-01-01 and 9999-12-31 work); a reversed or future range is refused (exit 2)."""
    from coach.records import YEARS

    start, end = parse_date(since, "--since"), parse_date(until, "--until")
    check_range(start, end)
    if start is not None and start < dt.date(YEARS[0], 1, 1):
        start = None
    if end is not None and end > dt.date(YEARS[-1], 12, 31):
        end = None
    if start is not None and start > dt.date(YEARS[-1], 12, 31):
        start = dt.date(YEARS[-1], 12, 31)  # after every record, and safe to count back from
    if end is not None and end < dt.date(YEARS[0], 1, 1):
        end = dt.date(YEARS[0], 1, 1)
    return start, end


def refuse_overwrite(out: Path | None, force: bool) -> None:
    """A file already at --out is never replaced unless the person adds --force."""
    if out is None or force:
        return
    target = out.expanduser()
    if target.is_dir():
        return  # writing onto a folder is refused when it is tried, with its own words
    if target.exists() or target.is_symlink():
        raise CoachError(
            f"{shown(out)} is already there, so nothing was written; choose another file, "
            "or add --force to replace it."
        )


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for tools.")]
ExerciseIdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="An exercise id.", callback=cleaned)
]


def _since(value: str | None) -> str | None:
    """--since as it enters: cleaned, and refused at once when it is a day still to come."""
    value = cleaned(value)
    check_range(since_date(value), None)
    return value


SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="DATE", help="Only from this date (YYYY-MM-DD).", callback=_since
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="DATE", help="Only until this date (YYYY-MM-DD).", callback=cleaned
    ),
]
InClearOption = Annotated[
    bool,
    typer.Option(
        "--in-clear",
        help="When your data is encrypted: write the --out file anyway (it is not encrypted).",
    ),
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Plain lines on stdout, answers from stdin: for screen readers and pipes.",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the --out file if it is already there.")
]
PassphraseFileOption = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        metavar="FILE",
        help="Read the passphrase from this file's first line (COACH_PASSPHRASE works too).",
        show_default=False,
    ),
]
