"""Commands that start practice: `coach run ID` and `coach now` (plain `coach` is the home
screen, opened by the callback in `coach.cli.app` and by `main`, both through `assemble.home`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from coach.cli.assemble import practice
from coach.cli.options import ExerciseIdArgument, PlainOption, settings
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.packs.library import ExerciseRef, Library


def run_exercise(
    ctx: typer.Context, exercise_id: ExerciseIdArgument, plain: PlainOption = False
) -> None:
    """Do an exercise, step by step."""
    from coach.errors import UnknownExercise
    from coach.packs.search import unknown_exercise

    found = settings(ctx)
    library = found.library()
    try:
        ref = library.resolve(exercise_id)
    except UnknownExercise:
        raise UnknownExercise(unknown_exercise(exercise_id, library.exercises())) from None
    practice(found, ref, plain)


def now(ctx: typer.Context, plain: PlainOption = False) -> None:
    """Right now: the quickest grounding exercise, straight away."""
    found = settings(ctx)
    practice(found, quickest_grounding(found.library()), plain)


def quickest_grounding(library: Library) -> ExerciseRef:
    """The shortest grounding exercise, or a calm word when the packs have none."""
    from coach.core.home import quickest_grounding as quickest

    ref = quickest(library)
    if ref is None:
        raise CoachError("There is no grounding exercise in your packs right now.")
    return ref
