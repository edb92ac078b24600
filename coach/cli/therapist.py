"""Commands for working with a therapist: this week's plan, reading shared exports, and what to
bring to the next session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.options import (
    ForceOption,
    InClearOption,
    JsonOption,
    SinceOption,
    date_range,
    parse_date,
    print_json,
    refuse_clear_file,
    refuse_overwrite,
    settings,
    shown,
)
from coach.cli.output import say, stdout_console, warn
from coach.errors import CoachError
from coach.records import YEARS, local_day


def plan(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """This week's suggested practice from your packs, and what you have done so far."""
    from coach.cli import light

    light.plan(settings(ctx), as_json)


def report(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="coach-export/1 files people shared with you."),
    ],
    as_json: JsonOption = False,
) -> None:
    """Read shared exports (one per client) and sum each up; several give one line each.

    Nothing is written, and your own practice is never touched. With several files, one that
    cannot be read is named and skipped; the status is 1 only when none could be read."""
    from coach.export.review import Review, review_file
    from coach.render.practice import caseload_table, review_view

    reviews: list[Review] = []
    if len(files) == 1:
        reviews.append(review_file(files[0]))
    else:
        for path in files:
            try:
                reviews.append(review_file(path))
            except CoachError as err:
                warn(f"{err}\n{shown(path)} was skipped.")
        if not reviews:
            raise CoachError(
                "None of the files could be read as a coach export, so there is no report."
            )
    if as_json:
        print_json([r.as_dict() for r in reviews])
        return
    if len(reviews) == 1:
        from coach.clock import local_now

        stdout_console().print(review_view(reviews[0], local_now().date()))
    else:
        stdout_console().print(caseload_table(reviews))


def prep(
    ctx: typer.Context,
    since: SinceOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Write it as Markdown.")
    ] = None,
    in_clear: InClearOption = False,
    force: ForceOption = False,
) -> None:
    """What to bring to your next session: notes you marked, the hardest moments, where ratings dropped most."""
    from coach.core.prep import gather_prep
    from coach.store.backup import write_private

    found = settings(ctx)
    refuse_clear_file(found, out, in_clear)
    refuse_overwrite(out, force)
    store = found.store()
    today = store.clock().date()
    asked = parse_date(since, "--since")
    start = asked or today - dt.timedelta(days=14)
    if start > today:
        raise CoachError(
            f"--since {start.isoformat()} is after today, so there is nothing to bring yet; "
            "choose an earlier date."
        )
    sessions = store.sessions(since=date_range(since)[0] if asked else start)
    if start.year < YEARS[0]:  # from the beginning: shown from the first session
        start = min((local_day(s.started) for s in sessions), default=today)
    notes = gather_prep(sessions, start, today)
    if out is not None:
        write_private(out, notes.markdown().encode("utf-8"))
        say(f"Written to {shown(out)}, readable by you only.")
        return
    from coach.render.practice import prep_view

    stdout_console().print(prep_view(notes))
