"""`coach safety-plan`: make or change the safety plan a line at a time, or print it."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.cli.options import JsonOption, print_json, settings
from coach.cli.output import say


def safety_plan(
    ctx: typer.Context,
    print_card: Annotated[
        bool,
        typer.Option("--print", help="Print your plan as a small card (40 columns) and stop."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Make or change your safety plan: six short parts, every one can be skipped."""
    from coach.core import safety_plan as plans
    from coach.core.practice import preferences

    store = settings(ctx).store()
    if print_card or as_json:
        plan = store.safety_plan()
        if as_json:
            print_json({"safety_plan": plan.as_record() if plan is not None else None})
        elif plan is None:
            say(plans.NONE_YET)
        else:
            typer.echo(plans.wallet_card(plan), nl=False)
        return
    try:
        plans.walk(store, preferences(store), store.clock, _ask, say)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        typer.echo()
        say(plans.STOPPED)


def _ask(prompt: str) -> str:
    """One typed line, read plainly (a screen reader reads the prompt, then the answer)."""
    say(prompt)
    value: str = typer.prompt(">", default="", show_default=False, prompt_suffix=" ")
    return value
