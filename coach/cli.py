"""The `coach` command line: thin Typer commands over packs/, core/ and store/, one error boundary."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from coach import __version__, paths
from coach.errors import CoachError, PackError
from coach.packs.library import PACK_SUFFIXES, Library, extra_pack_paths


class _ErrorBoundary(TyperGroup):
    """A CoachError is one calm sentence and exit 1; nothing else ever shows a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except CoachError as err:
            _stderr().print(Text(str(err)))
            ctx.exit(1)
        except KeyboardInterrupt:
            ctx.exit(130)
        except Exception:
            if os.environ.get("COACH_DEBUG"):
                raise
            _stderr().print(
                Text(
                    "Something went wrong inside coach and it stopped. Your saved practice "
                    "is kept as it was. To see the details, run the same command again with "
                    "COACH_DEBUG=1 set."
                )
            )
            ctx.exit(1)


app = typer.Typer(
    cls=_ErrorBoundary,
    help="A calm, private coach for practicing therapy skills between sessions.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    """What every command needs, resolved once: flags, then COACH_* variables, then defaults."""

    data_dir: Path
    pack_paths: list[Path] = field(default_factory=list)
    _library: Library | None = None

    def library(self, quiet: bool = False) -> Library:
        """The library, loaded once; skipped packs are reported on stderr unless `quiet`."""
        if self._library is None:
            self._library = Library.load(self.data_dir, self.pack_paths)
            if not quiet:
                _report_skipped(self._library)
        return self._library


def _stdout() -> Console:
    return Console(highlight=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _report_skipped(library: Library) -> None:
    err = _stderr()
    for problem in library.problems:
        count = len(problem.problems)
        err.print(
            Text(
                f"A pack was skipped because it has {count} problem{'s' if count != 1 else ''} "
                f"(`coach validate {problem.file}` shows them all):",
                style="yellow",
            )
        )
        err.print(Text("  " + str(problem.problems[0])))
    for notice in library.notices:
        err.print(Text(notice, style="dim"))


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
        Path | None,
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
    ctx.obj = Settings(data_dir=paths.data_dir(data_dir), pack_paths=extra_pack_paths(packs or []))
    if ctx.invoked_subcommand is None:
        _stdout().print(
            Text(
                "The full-screen coach is not here yet. For now: `coach list` shows the "
                "exercises, `coach find TEXT` searches them, `coach show ID` shows one."
            )
        )


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
    from coach import views

    refs = views.by_skill(_settings(ctx).library().exercises(skill.value if skill else None))
    if as_json:
        _print_json([views.exercise_record(ref) for ref in refs])
        return
    if not refs:
        _stdout().print(Text("No exercises to show."))
        return
    _stdout().print(views.exercise_table(refs))


@app.command()
def show(
    ctx: typer.Context,
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="An exercise id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for tools.")] = False,
) -> None:
    """Show one exercise: why it works, when it helps, and its steps."""
    from coach import views

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
    _stdout().print(views.exercise_detail(ref))


@app.command()
def find(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(metavar="TEXT", help="What is going on.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for tools.")] = False,
) -> None:
    """Find exercises for a situation, like: coach find triggered at work."""
    from coach import views
    from coach.packs.search import Index

    query = " ".join(words)
    matches = Index(_settings(ctx).library().exercises()).search(query)
    if as_json:
        _print_json([{**views.exercise_record(m.ref), "score": m.score} for m in matches])
        return
    if not matches:
        _stdout().print(
            Text(
                f"Nothing matched {query!r}. Other words may work, and `coach list` "
                "shows every exercise."
            )
        )
        return
    _stdout().print(views.match_table(matches[:10]))


@app.command()
def validate(
    targets: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Pack files or folders of packs.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for tools.")] = False,
) -> None:
    """Check pack files and report every problem; exit 1 when any has one."""
    from coach.packs.loader import load_pack

    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            found = sorted(p for p in target.iterdir() if p.suffix in PACK_SUFFIXES)
            files.extend(found or [target])
        else:
            files.append(target)
    results: list[dict[str, Any]] = []
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


def _print_validation(results: list[dict[str, Any]]) -> None:
    out = _stdout()
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


def main(argv: list[str] | None = None) -> None:
    """The `coach` console script."""
    app(args=argv, prog_name="coach")
