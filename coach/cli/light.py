"""The light commands' bodies (`crisis`, `list`, `show`, `find`, `plan`), free of Typer: the Typer
commands and the fast path in `coach.cli.fast` both call these, so both say the same thing.

Each imports what it needs when it runs; `crisis` never opens the store or loads pydantic.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from coach.text import clean, json_text

if TYPE_CHECKING:
    from coach.cli.settings import Settings
    from coach.packs.library import ExerciseRef

ARGUMENT_LIMIT = 500
"""No id, word or date a person types needs more characters than this."""


def cleaned(value: Any) -> Any:
    """An argument as it enters: one line, no escape, bidi or zero-width characters, bounded."""
    if isinstance(value, str):
        return clean(value, limit=ARGUMENT_LIMIT)
    if isinstance(value, list | tuple):
        return type(value)(cleaned(v) for v in value)
    return value


def echo(line: str = "") -> None:
    """One line on stdout, as `typer.echo` writes it."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def print_json(value: Any) -> None:
    """JSON for tools on stdout, every control character escaped."""
    echo(json_text(value))


def crisis(found: Settings, region: str | None, show_all: bool) -> None:
    """Crisis lines you can reach now: one region's, or every region's."""
    from coach.core import crisis as lines

    known = lines.regions()
    asked = (region or "").strip()
    code = lines.region_code(asked) if asked else None
    if not asked and not show_all:
        code = lines.chosen_region(region_setting(found))
    echo("If you are in danger or might hurt yourself, please reach out now.")
    echo("coach is not a crisis service, and it never calls, texts or contacts anyone.")
    if asked and code is None:
        echo(f"coach does not have lines for {asked.upper()}; here is every region it knows.")
    env = clean(os.environ.get("COACH_REGION", ""), limit=40).strip()
    if code is None and not asked and not show_all and env and lines.region_code(env) is None:
        echo(f"COACH_REGION is {env}, which coach does not have lines for; here is every region.")
    chosen = [known[code]] if code and not show_all else list(known.values())
    for place in chosen:
        echo("")
        echo(f"{place.name}:")
        for line in lines.lines(place):
            echo(f"  {line}")
    newest = lines.last_checked(chosen)
    echo("")
    if newest is not None:
        echo(f"These were last checked on {newest.isoformat()}.")
    if any(not r.checked for place in chosen for r in place.resources):
        echo("Some lines are new and not yet checked against the service.")
    if len(chosen) > 1:
        echo("To see only yours: coach crisis --region CODE, or choose it in the app's settings.")


def region_setting(found: Settings) -> object:
    """The region setting, if it can be read without asking for anything; never an error.

    A plain folder's settings file is read directly (one small read, no store); an encrypted
    one is opened through the store only when its passphrase is already given."""
    if not found.encrypted():
        from coach.prefs_file import read_region

        return read_region(found.data_dir)
    if not os.environ.get("COACH_PASSPHRASE") and not found.passphrase_file:
        return None  # at a hard moment coach does not stop to ask for a passphrase
    try:
        return found.store().setting("crisis_region")
    except Exception:  # noqa: BLE001 - the lines are shown whatever state the data is in
        return None


def list_exercises(found: Settings, skill: str | None, as_json: bool) -> None:
    """Every exercise (or one skill's), grouped by skill."""
    from coach.cli.listing import exercises
    from coach.cli.output import say, stdout_console
    from coach.render import packs as views
    from coach.render.exercise_lines import exercise_lines

    refs = views.by_skill([r for r in exercises(found) if skill is None or r.skill == skill])
    if as_json:
        print_json([views.exercise_record(ref) for ref in refs])
        return
    if not refs:
        say("No exercises to show.")
        return
    console = stdout_console()
    console.print(exercise_lines(refs, console.width), soft_wrap=True)


def show(found: Settings, exercise_id: str, as_json: bool) -> None:
    """One exercise: why it works, when it helps, and its steps."""
    from coach.cli.listing import resolve
    from coach.cli.output import stdout_console
    from coach.render import packs as views

    detail, dump = resolve(found, exercise_id)
    if as_json:
        print_json(dump)
        return
    stdout_console().print(views.detail_view(detail))


def find(found: Settings, words: list[str], as_json: bool) -> None:
    """Exercises for a situation; words about suicide or self-harm show crisis lines first."""
    from coach.cli.listing import exercises
    from coach.cli.output import say
    from coach.core.risk import mentions_risk, other_words
    from coach.packs.search import Index
    from coach.render import packs as views

    query = " ".join(words)
    refs = exercises(found)
    index = Index(refs)
    if mentions_risk(query):
        matched = index.search(other_words(query)) if other_words(query) else []
        _find_with_help(found, [m.ref for m in matched] or _grounding(refs), as_json)
        return
    matches = index.search(query)
    if as_json:
        print_json([{**views.exercise_record(m.ref), "score": m.score} for m in matches])
        return
    if not matches:
        say(
            f"Nothing matched {query!r}. Other words may work, and `coach list` shows every exercise."
        )
        return
    _print_found([m.ref for m in matches[:10]])


def _find_with_help(found: Settings, refs: list[ExerciseRef], as_json: bool) -> None:
    """Crisis lines for the person's region first (every region's when none is chosen), then
    the exercises."""
    from coach.cli.output import say
    from coach.core import crisis, risk
    from coach.render import packs as views

    lines = risk.help_for(crisis.chosen_region(region_setting(found)))
    if as_json:
        print_json(
            {"crisis": lines.record(), "exercises": [views.exercise_record(r) for r in refs]}
        )
        return
    for line in lines.lines():
        say(line, soft_wrap=True)
    say("")
    _print_found(refs[:10])


def _print_found(refs: list[ExerciseRef]) -> None:
    """What `coach find` found, best first: a line each, and what it is for under it."""
    from coach.cli.output import stdout_console
    from coach.render.exercise_lines import exercise_lines

    console = stdout_console()
    console.print(exercise_lines(refs, console.width, grouped=False, summary=True), soft_wrap=True)


def _grounding(refs: list[ExerciseRef]) -> list[ExerciseRef]:
    """Grounding exercises, quickest first: what to offer when the words matched no exercise."""
    grounding = [ref for ref in refs if ref.skill == "grounding"]
    return sorted(grounding, key=lambda ref: ref.exercise.minutes or 999)


def plan(found: Settings, as_json: bool) -> None:
    """This week's suggested practice from your packs, and what you have done so far.

    The plans come from the library index and the week's sessions straight from their files
    when both are plainly in order; otherwise from the packs and the store, as always."""
    from coach.cli.listing import listing
    from coach.cli.output import say, stdout_console
    from coach.clock import local_now
    from coach.core.plan import done_this_week, monday_of, progress
    from coach.packs.index import planned
    from coach.store.week import week_done

    today = local_now().date()
    cached = listing(found)
    plans = cached.plans if cached is not None else planned(found.library())
    done = None if found.encrypted() else week_done(found.data_dir, monday_of(today))
    if done is None:
        store = found.store()
        today = store.clock().date()
        done = done_this_week(store.sessions(since=monday_of(today)), today)
    found_progress = progress(plans, done, today)
    if as_json:
        print_json(
            {
                "week_start": monday_of(today).isoformat(),
                "plan": [p.as_dict() for p in found_progress],
            }
        )
        return
    if not found_progress:
        say("None of your packs suggests a plan this week. Any practice you do still counts.")
        return
    from coach.render.plan import plan_view

    stdout_console().print(plan_view(found_progress, monday_of(today), today))
