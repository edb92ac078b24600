"""The `coach` commands: thin Typer commands over packs/, core/ and store/, one error boundary.

`coach.cli:main` is the console script; it comes here for every command, and opens the home
screen itself when there is none (so plain `coach` never waits for Typer to load).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text
from typer.core import TyperGroup

from coach import __version__, paths
from coach.assemble import Settings, open_home, run_in_tui, stderr_console, stdout_console
from coach.errors import CoachError, PackError

if TYPE_CHECKING:
    from coach.packs.library import ExerciseRef, Library

# Packs, the store and the full-screen app are imported inside the commands that use them:
# `coach list` never pays for Textual, and `coach` opens its first frame before pydantic loads.


class _ErrorBoundary(TyperGroup):
    """A CoachError is one calm sentence and exit 1; nothing else ever shows a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except CoachError as err:
            stderr_console().print(Text(str(err)))
            ctx.exit(1)
        except KeyboardInterrupt:
            ctx.exit(130)
        except Exception:
            if os.environ.get("COACH_DEBUG"):
                raise
            stderr_console().print(
                Text(
                    "Something went wrong inside coach and it stopped. Your saved practice "
                    "is kept as it was. To see the details, run the same command again with "
                    "COACH_DEBUG=1 set."
                )
            )
            ctx.exit(1)
        finally:  # anything the store repaired while the command ran is said, whatever happened
            if isinstance(ctx.obj, Settings):
                ctx.obj.announce()


app = typer.Typer(
    cls=_ErrorBoundary,
    help="A calm, private coach for practicing therapy skills between sessions.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    assert settings is not None, "the callback always sets Settings"
    return settings


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            envvar="COACH_DATA_DIR",
            help="Folder for your practice history and installed packs.",
            show_default=False,
        ),
    ] = None,
    packs: Annotated[
        list[Path] | None,
        typer.Option(
            "--packs",
            help="An extra pack file or folder (repeatable). COACH_PACKS adds more, "
            "separated by ':'.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = Settings(
        data_dir=paths.data_dir(data_dir), pack_paths=paths.extra_pack_paths(packs or [])
    )
    if ctx.invoked_subcommand is None:
        open_home(ctx.obj)


class Skill(StrEnum):
    grounding = "grounding"
    boundaries = "boundaries"
    regulation = "regulation"
    other = "other"


@app.command("list")
def list_exercises(
    ctx: typer.Context,
    skill: Annotated[Skill | None, typer.Option(help="Only this skill.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for tools.")] = False,
) -> None:
    """List every exercise, grouped by skill."""
    from coach.render import packs as views

    refs = views.by_skill(_settings(ctx).library().exercises(skill.value if skill else None))
    if as_json:
        _print_json([views.exercise_record(ref) for ref in refs])
        return
    if not refs:
        stdout_console().print(Text("No exercises to show."))
        return
    stdout_console().print(views.exercise_table(refs))


@app.command()
def show(
    ctx: typer.Context,
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="An exercise id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for tools.")] = False,
) -> None:
    """Show one exercise: why it works, when it helps, and its steps."""
    from coach.render import packs as views

    ref = _settings(ctx).library().resolve(exercise_id)
    if as_json:
        _print_json(
            {
                **ref.exercise.model_dump(mode="json", by_alias=True, exclude_none=True),
                "id": ref.full_id,
                "pack": ref.pack.id,
            }
        )
        return
    stdout_console().print(views.exercise_detail(ref))


@app.command()
def find(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(metavar="TEXT", help="What is going on.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for tools.")] = False,
) -> None:
    """Find exercises for a situation, like: coach find triggered at work."""
    from coach.packs.search import Index
    from coach.render import packs as views

    query = " ".join(words)
    matches = Index(_settings(ctx).library().exercises()).search(query)
    if as_json:
        _print_json([{**views.exercise_record(m.ref), "score": m.score} for m in matches])
        return
    if not matches:
        stdout_console().print(
            Text(
                f"Nothing matched {query!r}. Other words may work, and `coach list` "
                "shows every exercise."
            )
        )
        return
    stdout_console().print(views.match_table(matches[:10]))


@app.command()
def validate(
    targets: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Pack files or folders of packs.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for tools.")] = False,
) -> None:
    """Check pack files and report every problem; exit 1 when any has one."""
    from coach.packs.library import pack_files
    from coach.packs.loader import load_pack

    files: list[Path] = []
    results: list[dict[str, Any]] = []
    for target in targets:
        try:
            found = pack_files(target) if target.is_dir() else [target]
        except OSError as err:
            reason = (err.strerror or "it cannot be read").lower()
            results.append(_refused(target, f"cannot be read ({reason})"))
            continue
        if not found:
            results.append(_refused(target, "has no pack files (.yaml or .yml) in it"))
        files.extend(found)
    for path in files:
        try:
            pack = load_pack(path)
        except PackError as err:
            results.append(
                {"file": str(path), "valid": False, "problems": [p.as_dict() for p in err.problems]}
            )
        else:
            results.append(
                {
                    "file": str(path),
                    "valid": True,
                    "pack": pack.id,
                    "exercises": len(pack.exercises),
                    "problems": [],
                }
            )
    all_valid = all(r["valid"] for r in results)
    if as_json:
        _print_json({"valid": all_valid, "files": results})
    else:
        _print_validation(results)
    if not all_valid:
        raise typer.Exit(1)


def _refused(path: Path, message: str) -> dict[str, Any]:
    problem = {"file": str(path), "line": None, "field": "", "message": message}
    return {"file": str(path), "valid": False, "problems": [problem]}


def _print_validation(results: list[dict[str, Any]]) -> None:
    out = stdout_console()
    for r in results:
        if r["valid"]:
            n = r["exercises"]
            out.print(
                Text(f"{r['file']}: valid (pack {r['pack']}, {n} exercise{'s' if n != 1 else ''})"),
                soft_wrap=True,
            )
            continue
        for p in r["problems"]:
            line = f":{p['line']}" if p["line"] else ""
            field_part = f" {p['field']}:" if p["field"] else ""
            out.print(Text(f"{p['file']}{line}:{field_part} {p['message']}"), soft_wrap=True)
    bad = [r for r in results if not r["valid"]]
    if bad and len(results) > 1:
        problems = sum(len(r["problems"]) for r in bad)
        out.print(
            Text(
                f"{len(results)} files checked: {len(results) - len(bad)} valid, "
                f"{len(bad)} with {problems} problem{'s' if problems != 1 else ''} to fix."
            )
        )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the pack format (point your editor at it)."""
    from coach.packs.model import schema_text

    sys.stdout.write(schema_text())


# ---- running an exercise ----------------------------------------------------------------------


@app.command("run")
def run_exercise(
    ctx: typer.Context,
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="An exercise id.")],
) -> None:
    """Do an exercise, step by step."""
    settings = _settings(ctx)
    run_in_tui(settings, settings.library().resolve(exercise_id))


@app.command()
def now(ctx: typer.Context) -> None:
    """Right now: the quickest grounding exercise, straight away."""
    settings = _settings(ctx)
    run_in_tui(settings, quickest_grounding(settings.library()))


def quickest_grounding(library: Library) -> ExerciseRef:
    """The shortest grounding exercise, or a calm word when the packs have none."""
    from coach.core.home import quickest_grounding as quickest

    ref = quickest(library)
    if ref is None:
        raise CoachError("There is no grounding exercise in your packs right now.")
    return ref


# ---- practice history -------------------------------------------------------------------------


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2026-11-01", param_hint=option
        ) from None


SinceOption = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="Only from this date (YYYY-MM-DD).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for tools.")]


@app.command()
def history(
    ctx: typer.Context,
    since: SinceOption = None,
    exercise: Annotated[
        str | None, typer.Option("--exercise", metavar="ID", help="Only this exercise.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Your sessions, newest first."""
    from coach.render.practice import history_table

    store = _settings(ctx).store()
    sessions = store.sessions(since=_date(since, "--since"), exercise=exercise)
    if as_json:
        _print_json({"sessions": sessions})
        return
    if not sessions:
        stdout_console().print(
            Text("Nothing here yet. When you finish an exercise, it shows up here.")
            if not since and not exercise
            else Text("No sessions match that.")
        )
        return
    stdout_console().print(history_table(sessions, store.clock().tzinfo))


@app.command()
def stats(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Practice per skill per week, per exercise, and what helps you most."""
    from coach.core import stats as figures

    store = _settings(ctx).store()
    result = figures.figures(store.tally())
    if as_json:
        _print_json(result.as_dict())
        return
    if not result.sessions:
        stdout_console().print(
            Text("Nothing to count yet. Every exercise you do will show up here.")
        )
        return
    from coach.render.practice import stats_view

    stdout_console().print(stats_view(result))


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    md = "md"


@app.command("export")
def export_history(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="json, csv or md.")
    ] = ExportFormat.json,
    since: SinceOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="Write here instead of to the screen."),
    ] = None,
) -> None:
    """Export your history (json is coach-export/1, which `coach import` reads back)."""
    from coach.export import csv_export, markdown
    from coach.export.data import gather
    from coach.render import progress
    from coach.store.backup import write_private

    store = _settings(ctx).store()
    months = len(store.session_months())
    # about 150 sessions a month is years of daily practice: the bar is for long exports only
    show = progress.wanted(months * 150, stdout_used=out is None)
    with progress.bar("Reading your sessions", months, show) as advance:
        data = gather(store, since=_date(since, "--since"), progress=advance)
    if fmt is ExportFormat.json:
        text = json.dumps(data.as_json(), indent=2, ensure_ascii=False) + "\n"
    elif fmt is ExportFormat.csv:
        text = csv_export.render(data)
    else:
        text = markdown.render(data)
    if out is None:
        sys.stdout.write(text)
        return
    write_private(out, text.encode("utf-8"))
    n, c = len(data.sessions), len(data.cards)
    stderr_console().print(
        Text(
            f"Wrote {n:,} session{'s' if n != 1 else ''} and {c:,} card{'s' if c != 1 else ''} to {out}."
        )
    )


@app.command("import")
def import_history(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A coach-export/1 JSON file.")],
) -> None:
    """Import an export: all or nothing; records you already have are left as they are."""
    from coach.export.importer import import_file
    from coach.render import progress
    from coach.render.practice import import_summary

    store = _settings(ctx).store()
    try:
        total = file.read_bytes().count(b'"started"') if file.is_file() else 0
    except OSError:
        total = 0
    with progress.bar("Importing", total, progress.wanted(total)) as advance:
        result = import_file(store, file, advance)
    stdout_console().print(Text(import_summary(result)))


@app.command()
def backup(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Write a zip of your data here.")
    ] = None,
) -> None:
    """Back up your data now (a zip; without --out it goes in the backups folder)."""
    from coach.store.backup import snapshot_zip, write_private

    store = _settings(ctx).store()
    stamp = store.clock().strftime("%Y%m%d-%H%M%S")
    target = out or store.root / "backups" / "manual" / f"coach-backup-{stamp}.zip"
    if out is None:
        from coach.store.storage import private_dir

        private_dir(target.parent)
    with store.writing():  # no other coach files sessions away while the zip is made
        files = store.files()
        data = snapshot_zip(files, store.root)
    write_private(target, data)
    stdout_console().print(
        Text(f"Backed up {len(files)} file{'s' if len(files) != 1 else ''} to {target}.")
    )


@app.command()
def doctor(
    ctx: typer.Context,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="Mend what can be mended: permissions, temp files, unreadable files."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Check your data folder: permissions, every file, backups, leftovers. Exit 1 if something needs attention."""
    from coach.clock import local_now
    from coach.store.doctor import examine

    settings = _settings(ctx)
    if fix and settings.data_dir.exists():
        for line in settings.store().repair():
            stdout_console().print(Text(line), soft_wrap=True)
    findings = examine(settings.data_dir, local_now().date())
    if as_json:
        _print_json({"ok": all(f.ok for f in findings), "findings": [f.__dict__ for f in findings]})
    else:
        out = stdout_console()
        out.print(Text(f"Data folder: {settings.data_dir}"))
        for f in findings:
            out.print(
                Text.assemble(
                    ("ok      " if f.ok else "look at ", "green" if f.ok else "yellow"), f.message
                ),
                soft_wrap=True,
            )
            if f.fix:
                out.print(Text(f"        {f.fix}", style="dim"), soft_wrap=True)
        if all(f.ok for f in findings):
            out.print(Text("Everything looks fine."))
    if not all(f.ok for f in findings):
        raise typer.Exit(1)
