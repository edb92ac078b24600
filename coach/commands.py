"""The `coach` commands: thin Typer commands over packs/, core/ and store/, one error boundary.

`coach.cli:main` is the console script; it comes here for every command, and opens the home
screen itself when there is none (so plain `coach` never waits for Typer to load).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text
from typer.core import TyperGroup

from coach import __version__, paths
from coach.assemble import (
    Settings,
    open_home,
    open_plain_menu,
    run_in_tui,
    run_plain,
    stderr_console,
    stdout_console,
    terminal,
)
from coach.errors import CoachError, PackError
from coach.text import json_text

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
        except BrokenPipeError:  # `coach crisis | head`: the reader had enough, nothing is wrong
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
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
    typer.echo(json_text(value))


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
            metavar="DIR",
            help="Folder for your practice history and installed packs.",
            show_default=False,
        ),
    ] = None,
    packs: Annotated[
        list[Path] | None,
        typer.Option(
            "--packs",
            metavar="PATH",
            help="An extra pack file or folder (repeatable). COACH_PACKS adds more, "
            "separated by ':'.",
            show_default=False,
        ),
    ] = None,
    passphrase_file: Annotated[
        Path | None,
        typer.Option(
            "--passphrase-file",
            metavar="FILE",
            help="For encrypted data: read the passphrase from this file's first line "
            "(COACH_PASSPHRASE works too). Without either, coach asks.",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Plain lines instead of the full-screen app: for screen readers and pipes "
            "(used by itself when input or output is not a terminal).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = Settings(
        data_dir=paths.data_dir(data_dir),
        pack_paths=paths.extra_pack_paths(packs or []),
        passphrase_file=passphrase_file,
        plain=plain,
    )
    if ctx.invoked_subcommand is None:
        if plain or not terminal():
            open_plain_menu(ctx.obj)
        else:
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


# ---- packs, plans, reports and session prep ---------------------------------------------------

pack_app = typer.Typer(
    cls=_ErrorBoundary,
    help="Install, list, remove and start packs of exercises.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(pack_app, name="pack")


@pack_app.command("install")
def pack_install(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A pack file (.yaml).")],
    force: Annotated[
        bool, typer.Option("--force", help="Install an older version over a newer one.")
    ] = False,
) -> None:
    """Check a pack and install it (a newer version of an installed pack upgrades it)."""
    from coach.packs.install import install

    done = install(_settings(ctx).data_dir, path, force=force)
    stdout_console().print(Text(done.sentence()), soft_wrap=True)


@pack_app.command("list")
def pack_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Every pack coach can see: id, title, version, author, exercises and plan."""
    from coach.render.packs import pack_records, pack_table

    library = _settings(ctx).library()
    if as_json:
        _print_json(pack_records(library))
        return
    stdout_console().print(pack_table(library))


@pack_app.command("remove")
def pack_remove(
    ctx: typer.Context,
    pack_id: Annotated[str, typer.Argument(metavar="ID", help="The id of an installed pack.")],
) -> None:
    """Remove an installed pack. Your history of its exercises stays."""
    from coach.packs.install import remove

    pack = remove(_settings(ctx).data_dir, pack_id)
    stdout_console().print(
        Text(f"Removed {pack.title} ({pack.id}). Your history of its exercises stays."),
        soft_wrap=True,
    )


@pack_app.command("new")
def pack_new(
    pack_id: Annotated[
        str, typer.Argument(metavar="ID", help="An id for the new pack, like evening-skills.")
    ],
) -> None:
    """Write ID.yaml here: a commented starter pack to change and make your own."""
    from coach.packs.install import write_starter

    target = write_starter(Path.cwd(), pack_id)
    stdout_console().print(
        Text(
            f"Wrote {target.name}. Change it, check it with `coach validate {target.name}`, "
            f"then `coach pack install {target.name}`."
        ),
        soft_wrap=True,
    )


InClearOption = Annotated[
    bool,
    typer.Option(
        "--in-clear",
        help="When your data is encrypted: write the --out file anyway (it is not encrypted).",
    ),
]


def _refuse_clear_file(settings: Settings, out: Path | None, in_clear: bool) -> None:
    """Encrypted data is never written out in clear unless the person says so."""
    if out is not None and not in_clear and settings.encrypted():
        raise CoachError(
            f"Your data is encrypted, and {out} would not be. Nothing was written. Add "
            "--in-clear to write it anyway, or leave out --out to see it on the screen."
        )


@app.command()
def plan(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """This week's suggested practice from your packs, and what you have done so far."""
    from coach.core.plan import this_week
    from coach.core.stats import week_start

    settings = _settings(ctx)
    store = settings.store()
    today = store.clock().date()
    progress = this_week(settings.library(), store.sessions(since=week_start(today)), today)
    if as_json:
        _print_json(
            {"week_start": week_start(today).isoformat(), "plan": [p.as_dict() for p in progress]}
        )
        return
    if not progress:
        stdout_console().print(
            Text("None of your packs suggests a plan this week. Any practice you do still counts.")
        )
        return
    from coach.render.practice import plan_view

    stdout_console().print(plan_view(progress, week_start(today)))


@app.command()
def report(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="coach-export/1 files people shared with you."),
    ],
    as_json: JsonOption = False,
) -> None:
    """Read shared exports (one per client) and sum each up; several give one line each.

    Nothing is written, and your own practice is never touched."""
    from coach.core.review import review_file
    from coach.render.practice import caseload_table, review_view

    reviews = [review_file(path) for path in files]
    if as_json:
        _print_json([r.as_dict() for r in reviews])
        return
    if len(reviews) == 1:
        stdout_console().print(review_view(reviews[0]))
    else:
        stdout_console().print(caseload_table(reviews))


@app.command()
def prep(
    ctx: typer.Context,
    since: SinceOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Write it as Markdown.")
    ] = None,
    in_clear: InClearOption = False,
) -> None:
    """What to bring to your next session: notes you marked, the hardest moments, what helped."""
    from coach.core.prep import gather_prep
    from coach.store.backup import write_private

    settings = _settings(ctx)
    _refuse_clear_file(settings, out, in_clear)
    store = settings.store()
    today = store.clock().date()
    start = _date(since, "--since") or today - dt.timedelta(days=14)
    notes = gather_prep(store.sessions(since=start), start, today)
    if out is not None:
        write_private(out, notes.markdown().encode("utf-8"))
        stdout_console().print(Text(f"Written to {out}, readable by you only."))
        return
    from coach.render.practice import prep_view

    stdout_console().print(prep_view(notes))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the pack format (point your editor at it)."""
    from coach.packs.model import schema_text

    sys.stdout.write(schema_text())


# ---- running an exercise ----------------------------------------------------------------------


PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Plain lines on stdout, answers from stdin: for screen readers and pipes.",
    ),
]


def _run(settings: Settings, ref: ExerciseRef, plain: bool) -> None:
    if plain or settings.plain or not terminal():
        run_plain(settings, ref)
    else:
        run_in_tui(settings, ref)


@app.command("run")
def run_exercise(
    ctx: typer.Context,
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="An exercise id.")],
    plain: PlainOption = False,
) -> None:
    """Do an exercise, step by step."""
    settings = _settings(ctx)
    _run(settings, settings.library().resolve(exercise_id), plain)


@app.command()
def now(ctx: typer.Context, plain: PlainOption = False) -> None:
    """Right now: the quickest grounding exercise, straight away."""
    settings = _settings(ctx)
    _run(settings, quickest_grounding(settings.library()), plain)


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
    html = "html"


UntilOption = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Only until this date (YYYY-MM-DD).")
]


@app.command("export")
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
            "--only-flagged-notes", help="Only notes marked to bring to your next session."
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="Write here instead of to the screen."),
    ] = None,
    in_clear: InClearOption = False,
) -> None:
    """Export your history. json is the complete record (coach-export/1, which `coach import`
    reads back); html, md and csv are a report to share: practice against your plan, distress
    before and after, what helped, the notes you choose, and your kept cards."""
    from coach.export import csv_export, html, markdown, report
    from coach.export.data import gather
    from coach.render import progress
    from coach.store.backup import write_private

    if no_notes and only_flagged:
        raise typer.BadParameter(
            "choose one of them", param_hint="--no-notes / --only-flagged-notes"
        )
    if fmt is ExportFormat.html and out is None:
        raise CoachError("An HTML report is a file to share: add --out, like --out report.html.")
    settings = _settings(ctx)
    _refuse_clear_file(settings, out, in_clear)
    store = settings.store()
    notes: report.NotesChoice = "none" if no_notes else "flagged" if only_flagged else "all"
    months = len(store.session_months())
    # about 150 sessions a month is years of daily practice: the bar is for long exports only
    show = progress.wanted(months * 150, stdout_used=out is None)
    with progress.bar("Reading your sessions", months, show) as advance:
        data = gather(
            store, since=_date(since, "--since"), until=_date(until, "--until"), progress=advance
        )
    data = report.apply_notes_choice(data, notes)
    plan = report.plan_snapshot(settings.library(quiet=True))
    if fmt is ExportFormat.json:
        document = data.as_json()
        if plan:
            document["x-plan"] = plan  # so the person's therapist can see practice against the plan
        text = json_text(document) + "\n"
        n, c = len(data.sessions), len(data.cards)
        summary = (
            f"This will include {n:,} session{'s' if n != 1 else ''} and "
            f"{c:,} card{'s' if c != 1 else ''}, with every answer."
        )
    else:
        shared = report.build(data, plan, notes)
        summary = shared.summary()
        renderer = {
            ExportFormat.csv: csv_export.render,
            ExportFormat.md: markdown.render,
            ExportFormat.html: html.render,
        }
        text = renderer[fmt](shared)
    if out is None:
        sys.stdout.write(text)
        return
    stderr_console().print(Text(summary))
    write_private(out, text.encode("utf-8"))
    stderr_console().print(Text(f"Written to {out}, readable by you only."))


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

        private_dir(target.parent)  # backups/ and backups/manual/, 0700 whatever the umask
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
    findings = examine(settings.data_dir, local_now().date(), settings.codec())
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


# ---- crisis lines -----------------------------------------------------------------------------


@app.command()
def crisis(
    ctx: typer.Context,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="CODE",
            help="US, GB, IE, CA, AU or OTHER. Otherwise your setting, or COACH_REGION.",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every region's lines.")] = False,
) -> None:
    """Crisis lines you can reach now. coach never contacts anyone."""
    from coach.core import crisis as lines

    known = lines.regions()
    asked = (region or "").strip()
    code = lines.region_code(asked) if asked else None
    if not asked and not show_all:
        code = lines.chosen_region(_region_setting(_settings(ctx)))
    echo = typer.echo
    echo("If you are in danger or might hurt yourself, please reach out now.")
    echo("coach is not a crisis service, and it never calls, texts or contacts anyone.")
    if asked and code is None:
        echo(f"coach does not have lines for {asked.upper()}; here is every region it knows.")
    env = os.environ.get("COACH_REGION", "").strip()
    if code is None and not asked and not show_all and env and lines.region_code(env) is None:
        echo(f"COACH_REGION is {env}, which coach does not have lines for; here is every region.")
    chosen = [known[code]] if code and not show_all else list(known.values())
    for place in chosen:
        echo("")
        echo(f"{place.name}:")
        for line in lines.lines(place):
            echo(f"  {line}")
    newest = max(r.verified for place in chosen for r in place.resources)
    echo("")
    echo(f"These were last checked on {newest.isoformat()}.")
    if len(chosen) > 1:
        echo("To see only yours: coach crisis --region CODE, or choose it in the app's settings.")


def _region_setting(settings: Settings) -> object:
    """The region setting, if it can be read without asking for anything; never an error."""
    if (
        settings.encrypted()
        and not os.environ.get("COACH_PASSPHRASE")
        and not (settings.passphrase_file)
    ):
        return None  # at a hard moment coach does not stop to ask for a passphrase
    try:
        if not settings.data_dir.exists():
            return None
        return settings.store().setting("crisis_region")
    except Exception:  # noqa: BLE001 - the lines are shown whatever state the data is in
        return None


# ---- encryption at rest -----------------------------------------------------------------------

PassphraseFileOption = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        metavar="FILE",
        help="Read the passphrase from this file's first line (COACH_PASSPHRASE works too).",
        show_default=False,
    ),
]


def _passphrase(settings: Settings, file: Path | None, prompt: str = "Passphrase: ") -> str:
    from coach import passphrase

    given = passphrase.given(file or settings.passphrase_file)
    return given if given is not None else passphrase.ask(prompt)


@app.command()
def encrypt(ctx: typer.Context, passphrase_file: PassphraseFileOption = None) -> None:
    """Encrypt your data folder with a passphrase (AES-256-GCM; see SECURITY.md)."""
    from coach import passphrase
    from coach.store.crypto import ENCRYPTED, read_keyring
    from coach.store.vault import encrypt_folder

    settings = _settings(ctx)
    root = settings.data_dir
    carrying_on = settings.encrypted()
    if carrying_on and read_keyring(root).state == ENCRYPTED:
        raise CoachError(
            "Your data is already encrypted. `coach passphrase` changes the passphrase."
        )
    if carrying_on:  # an earlier `coach encrypt` stopped part way: same key, same passphrase
        secret = _passphrase(settings, passphrase_file)
    else:
        given = passphrase.given(passphrase_file or settings.passphrase_file)
        secret = passphrase.check_new(given) if given is not None else passphrase.ask_new()
    changed = encrypt_folder(root, secret)
    stdout_console().print(
        Text(
            f"Your data is encrypted ({changed.words()} sealed in {root}). coach asks for the "
            "passphrase each time it opens. Keep the passphrase somewhere safe: without it, no "
            "one can open your practice, and that includes you."
        ),
        soft_wrap=True,
    )


@app.command()
def decrypt(ctx: typer.Context, passphrase_file: PassphraseFileOption = None) -> None:
    """Turn encryption off: your data is stored as plain files again, readable by you only."""
    from coach.store.vault import decrypt_folder

    settings = _settings(ctx)
    if not settings.encrypted():
        raise CoachError("Your data is not encrypted; there is nothing to decrypt.")
    changed = decrypt_folder(settings.data_dir, _passphrase(settings, passphrase_file))
    stdout_console().print(
        Text(
            f"Your data is no longer encrypted ({changed.words()} opened in {settings.data_dir}). "
            "The files are readable by you only, as before."
        ),
        soft_wrap=True,
    )


@app.command("passphrase")
def change_passphrase(
    ctx: typer.Context,
    passphrase_file: PassphraseFileOption = None,
    new_passphrase_file: Annotated[
        Path | None,
        typer.Option(
            "--new-passphrase-file",
            metavar="FILE",
            help="Read the new passphrase from this file's first line.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Change the passphrase of your encrypted data (one key is re-wrapped; quick)."""
    from coach import passphrase
    from coach.store.vault import change_passphrase as rewrap

    settings = _settings(ctx)
    if not settings.encrypted():
        raise CoachError("Your data is not encrypted. `coach encrypt` turns encryption on.")
    old = _passphrase(settings, passphrase_file, "Current passphrase: ")
    new = (
        passphrase.check_new(passphrase.from_file(new_passphrase_file))
        if new_passphrase_file is not None
        else passphrase.ask_new()
    )
    rewrap(settings.data_dir, old, new)
    stdout_console().print(Text("Your passphrase is changed. Use the new one from now on."))
