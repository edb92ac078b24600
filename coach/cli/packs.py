"""Commands about packs and their exercises: list, show, find, validate, schema and `pack ...`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli import light
from coach.cli.options import (
    ExerciseIdArgument,
    JsonOption,
    cleaned,
    print_json,
    settings,
    shown,
)
from coach.cli.output import say, stdout_console
from coach.errors import CoachError, PackError
from coach.text import clean

# Packs, the store and the full-screen app are imported inside the commands that use them:
# `coach list` never pays for Textual, and `coach` opens its first frame before pydantic loads.


class Skill(StrEnum):
    grounding = "grounding"
    boundaries = "boundaries"
    regulation = "regulation"
    other = "other"


def list_exercises(
    ctx: typer.Context,
    skill: Annotated[Skill | None, typer.Option(help="Only this skill.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List every exercise, grouped by skill."""
    light.list_exercises(settings(ctx), skill.value if skill else None, as_json)


def show(ctx: typer.Context, exercise_id: ExerciseIdArgument, as_json: JsonOption = False) -> None:
    """Show one exercise: why it works, when it helps, and its steps."""
    light.show(settings(ctx), exercise_id, as_json)


def find(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT", help="What is going on.", callback=cleaned)
    ],
    as_json: JsonOption = False,
) -> None:
    """Find exercises for a situation, like: coach find triggered at work.

    Words about suicide or self-harm show crisis lines first (with --json, an object with
    `crisis` and `exercises` keys), then exercises: never a dead end."""
    light.find(settings(ctx), words, as_json)


def validate(
    targets: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Pack files or folders of packs.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Check pack files and report every problem; exit 1 when any has one."""
    from coach.files import read_bounded
    from coach.packs.library import pack_files
    from coach.packs.loader import load_pack, parse_pack
    from coach.packs.yamltree import MAX_BYTES
    from coach.render.packs import validation_view

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
        raw: bytes | None = None
        try:
            raw = read_bounded(path, MAX_BYTES)  # a regular file only, its size checked first
        except CoachError as err:
            if path.exists():  # not a regular file, or too large: refused unread
                results.append(_refused(path, clean(str(err)).removeprefix(f"{path} ")))
                continue  # a missing or unreadable file is described by the loader below
        try:
            pack = load_pack(path) if raw is None else parse_pack(raw, str(path))
        except PackError as err:
            problems = [_clean_problem(p.as_dict()) for p in err.problems]
            results.append({"file": shown(path), "valid": False, "problems": problems})
        else:
            n = len(pack.exercises)
            results.append(
                {
                    "file": shown(path),
                    "valid": True,
                    "pack": pack.id,
                    "exercises": n,
                    "problems": [],
                }
            )
    all_valid = all(r["valid"] for r in results)
    if as_json:
        print_json({"valid": all_valid, "files": results})
    else:
        stdout_console().print(validation_view(results), soft_wrap=True)
    if not all_valid:
        raise typer.Exit(1)


def _clean_problem(problem: dict[str, Any]) -> dict[str, Any]:
    """A problem as it enters the command line: a message may quote a value from the pack."""
    return {k: clean(v) if isinstance(v, str) else v for k, v in problem.items()}


def _refused(path: Path, message: str) -> dict[str, Any]:
    problem = {"file": shown(path), "line": None, "field": "", "message": message}
    return {"file": shown(path), "valid": False, "problems": [problem]}


def schema() -> None:
    """Print the JSON Schema of the pack format (point your editor at it)."""
    from coach.packs.model import schema_text

    sys.stdout.write(schema_text())


def pack_install(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A pack file (.yaml).")],
    force: Annotated[
        bool, typer.Option("--force", help="Install an older version over a newer one.")
    ] = False,
) -> None:
    """Check a pack and install it (a newer version of an installed pack upgrades it)."""
    from coach.packs.install import install

    done = install(settings(ctx).data_dir, path, force=force)
    say(done.sentence(), soft_wrap=True)


def pack_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Every pack coach can see: id, title, version, author, exercises and plan."""
    from coach.render.packs import pack_records, pack_table

    library = settings(ctx).library()
    if as_json:
        print_json(pack_records(library))
        return
    stdout_console().print(pack_table(library))


def pack_remove(
    ctx: typer.Context,
    pack_id: Annotated[
        str, typer.Argument(metavar="ID", help="The id of an installed pack.", callback=cleaned)
    ],
) -> None:
    """Remove an installed pack. Your history of its exercises stays."""
    from coach.packs.install import remove

    pack = remove(settings(ctx).data_dir, pack_id)
    say(f"Removed {pack.title} ({pack.id}). Your history of its exercises stays.", soft_wrap=True)


def pack_new(
    pack_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="An id for the new pack, like evening-skills.", callback=cleaned
        ),
    ],
) -> None:
    """Write ID.yaml here: a commented starter pack to change and make your own."""
    from coach.packs.install import write_starter

    target = write_starter(Path.cwd(), pack_id)
    say(
        f"Wrote {target.name}, with pack.schema.json beside it for your editor. Change it, check it with `coach validate {target.name}`, "
        f"then `coach pack install {target.name}`.",
        soft_wrap=True,
    )
