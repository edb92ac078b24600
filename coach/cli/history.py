"""Commands over the person's own practice: history, stats, export and import."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli import history_page as page
from coach.cli.options import (
    ForceOption,
    InClearOption,
    JsonOption,
    SinceOption,
    UntilOption,
    cleaned,
    date_range,
    print_json,
    refuse_clear_file,
    refuse_overwrite,
    settings,
    shown,
)
from coach.cli.output import say, stdout_console, warn
from coach.errors import CoachError


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"


def history(
    ctx: typer.Context,
    since: SinceOption = None,
    exercise: Annotated[
        str | None,
        typer.Option("--exercise", metavar="ID", help="Only this exercise.", callback=cleaned),
    ] = None,
    answers: Annotated[
        bool,
        typer.Option(
            "--answers",
            help="What you wrote in each session, and the exercise's own ratings over time.",
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", min=1, help="Show the newest N sessions."),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show every session.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Your sessions, newest first: as many as fit the screen, or --limit N, or --all."""
    if limit is not None and show_all:
        raise typer.BadParameter("choose one of them", param_hint="--limit / --all")
    start = date_range(since)[0]
    if not answers and not as_json:
        page.show(settings(ctx), since, start, exercise, limit, show_all)
        return
    store = settings(ctx).store()
    if answers:
        found = store.sessions(since=start, exercise=exercise)
        if not found:
            if exercise:
                page.refuse_unknown(settings(ctx), exercise)
            _say_none(since, exercise)
            return
        _print_answers(ctx, found, exercise, store.clock().tzinfo)
        return
    from coach.export import stream

    newest = store.ordered(since=start, exercise=exercise)
    stream.write_text(
        stream.sessions_document(islice(newest, limit) if limit else newest), sys.stdout
    )


def _say_none(since: str | None, exercise: str | None) -> None:
    say(
        "Nothing here yet. When you finish an exercise, it shows up here."
        if not since and not exercise
        else "No sessions match that."
    )


def _print_answers(ctx: typer.Context, sessions: list[Any], exercise: str | None, tz: Any) -> None:
    """Each session's answers, with the exercise's own ratings over time (the urge log's strength)."""
    from coach.core import log
    from coach.render.log import answer_log_view

    shape = None
    if exercise:
        try:  # an exercise no longer in the library still shows its answers, by step id
            shape = settings(ctx).library(quiet=True).resolve(exercise).exercise
        except CoachError:
            shape = None
    entries = log.answer_log(sessions, shape)
    stdout_console().print(answer_log_view(entries, log.trends(sessions, shape), tz))


def stats(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Practice per skill per week, per exercise, and where your rating dropped most."""
    from coach.core import stats as figures

    store = settings(ctx).store()
    result = figures.figures(store.tally())
    if as_json:
        print_json(result.as_dict())
        return
    if not result.sessions:
        say("Nothing to count yet. Every exercise you do will show up here.")
        return
    from coach.render.practice import stats_view

    stdout_console().print(stats_view(result))


def export_history(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="json, csv, md or html.")
    ] = ExportFormat.json,
    since: SinceOption = None,
    until: UntilOption = None,
    no_notes: Annotated[bool, typer.Option("--no-notes", help="Leave every note out.")] = False,
    only_flagged: Annotated[
        bool,
        typer.Option(
            "--only-flagged-notes",
            help="Only notes marked to bring to your next session (what html, md and csv share unless you choose more).",
        ),
    ] = False,
    all_notes: Annotated[
        bool, typer.Option("--all-notes", help="Every note, in html, md and csv too.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="Write here instead of to the screen."),
    ] = None,
    in_clear: InClearOption = False,
    force: ForceOption = False,
    with_safety_plan: Annotated[
        bool,
        typer.Option(
            "--safety-plan",
            help="Include your safety plan (json, md, html; never in csv). Left out unless you add this.",
        ),
    ] = False,
) -> None:
    """Export your history. json is the complete record (coach-export/1, which `coach import`
    reads back); html, md and csv are a report to share: practice against your plan, distress
    before and after, where ratings dropped most, the notes you choose, and your kept cards."""
    from coach.core import stats as figures
    from coach.export import csv_export, html, markdown, report
    from coach.export.consent import chosen_plan
    from coach.export.data import ExportData, gather_cards
    from coach.render import progress
    from coach.store.backup import write_private

    if no_notes + only_flagged + all_notes > 1:
        raise typer.BadParameter(
            "choose one of them", param_hint="--no-notes / --only-flagged-notes / --all-notes"
        )
    if fmt is ExportFormat.html and out is None:
        raise CoachError("An HTML report is a file to share: add --out, like --out report.html.")
    found = settings(ctx)
    refuse_clear_file(found, out, in_clear)
    refuse_overwrite(out, force)
    start, end = date_range(since, until)
    store = found.store()
    # json is the complete record; a report to share brings only the marked notes unless asked
    shared_default: report.NotesChoice = "all" if fmt is ExportFormat.json else "flagged"
    notes: report.NotesChoice = (
        "none"
        if no_notes
        else "flagged"
        if only_flagged
        else "all"
        if all_notes
        else shared_default
    )
    months = len(store.session_months())
    # about 150 sessions a month is years of daily practice: the bar is for long exports only
    show = progress.wanted(months * 150, stdout_used=out is None)
    if fmt is ExportFormat.json:
        with progress.bar("Reading your sessions", months, show) as advance:
            _export_json(found, store, start, end, notes, with_safety_plan, out, advance)
        return
    cards = gather_cards(store, start, end)
    data = ExportData(store.clock(), [], cards, start, end)
    data.safety_plan, left_out = chosen_plan(store, fmt.value, with_safety_plan)
    if left_out:
        warn(left_out)
    plan = report.plan_snapshot(found.library(quiet=True))
    # every session is in the report when no range is chosen: the store's cached tallies count them
    whole = None if start or end else figures.figures(store.tally())
    with progress.bar("Reading your sessions", months, show) as advance:
        # a month at a time, oldest first: the report keeps only what its sections show
        sessions = store.ordered(newest_first=False, since=start, until=end, progress=advance)
        shared = report.build_streamed(sessions, data, plan, notes, whole)
    summary = shared.summary()
    if notes == "flagged" and not only_flagged:
        summary += " To share every note, add --all-notes."
    renderer = {
        ExportFormat.csv: csv_export.render,
        ExportFormat.md: markdown.render,
        ExportFormat.html: html.render,
    }
    text = renderer[fmt](shared)
    if out is None:
        sys.stdout.write(text)
        return
    warn(summary)
    write_private(out, text.encode("utf-8"))
    warn(f"Written to {shown(out)}, readable by you only.")


def _export_json(
    found: Any,
    store: Any,
    start: Any,
    end: Any,
    notes: str,
    with_safety_plan: bool,
    out: Path | None,
    advance: Any,
) -> None:
    """The coach-export/1 document, a session a line, written as the sessions are read."""
    from coach.export import report, stream
    from coach.export.consent import chosen_plan
    from coach.export.data import gather_cards
    from coach.store.backup import write_private

    cards = gather_cards(store, start, end)
    safety_plan, left_out = chosen_plan(store, "json", with_safety_plan)
    if left_out:
        warn(left_out)
    counted = [0]

    def counting(sessions: Iterable[Any]) -> Iterator[Any]:
        for session in sessions:
            counted[0] += 1
            yield session

    sessions = store.ordered(newest_first=False, since=start, until=end, progress=advance)
    pieces = stream.export_document(
        store.clock().isoformat(timespec="seconds"),
        counting(sessions),
        [card.as_record() for card in cards],
        report.plan_snapshot(found.library(quiet=True)),
        notes,
        safety_plan.as_record() if safety_plan is not None else None,
    )
    if out is None:
        stream.write_text(pieces, sys.stdout)
        return
    data = "".join(pieces).encode("utf-8")
    n, c = counted[0], len(cards)
    warn(
        f"This will include {n:,} session{'s' if n != 1 else ''} and "
        f"{c:,} card{'s' if c != 1 else ''}, with every answer"
        + (", and your safety plan." if safety_plan is not None else ".")
    )
    write_private(out, data)
    warn(f"Written to {shown(out)}, readable by you only.")


def import_history(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A coach-export/1 JSON file.")],
) -> None:
    """Import an export: all or nothing; records you already have are left as they are."""
    from coach.export.importer import import_file, read_export
    from coach.render import progress
    from coach.render.practice import import_summary

    store = settings(ctx).store()
    library = settings(ctx).library()  # ratings of its exercises must keep to their scales
    raw = read_export(file)  # once, bounded, a regular file only
    total = raw.count(b'"started"')
    with progress.bar("Importing", total, progress.wanted(total)) as advance:
        result = import_file(store, file, advance, raw=raw, library=library)
    say(import_summary(result))
    if result.safety_plan == "restored":
        say("The safety plan in the file is now your safety plan.")
    elif result.safety_plan == "kept":
        say("You already have a safety plan here, so it stays as it is.")
