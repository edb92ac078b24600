"""The safety plan in plain mode: the whole plan read out, then the same walk as the command."""

from __future__ import annotations

from typing import cast

from coach.clock import Clock, local_now
from coach.core import crisis
from coach.core import safety_plan as plans
from coach.core.practice import Shelf, preferences
from coach.errors import CoachError
from coach.plain.console import CommandWord, Console, EndOfInput
from coach.plain.crisis_word import show_lines

WORDS = ("plan", "safety plan", "safety-plan")
"""What a person types at the menu to reach their safety plan."""


class _Stop(Exception):
    """The person typed stop: what was saved stays."""


def safety_plan(store: Shelf, out: Console, clock: Clock = local_now) -> bool:
    """Show the plan, then walk its parts if asked (straight away when there is none yet);
    False when something typed could not be saved."""
    shelf = cast(plans.PlanShelf, store)
    prefs = preferences(store)

    def ask(prompt: str) -> str:
        while True:
            try:
                return out.answer(prompt)
            except CommandWord as typed:
                if typed.word == "skip":
                    return ""
                if typed.word == "stop":
                    raise _Stop from None
                if typed.word == "crisis":
                    show_lines(out, crisis.chosen_region(prefs.crisis_region))
                else:
                    out.say("Type a line, press Enter to go on, or type stop.")

    try:
        saved = shelf.safety_plan()
        if saved is not None:
            out.say("Your safety plan:")
            out.say(plans.as_text(saved))
            if ask("Press Enter to go back, or type change to change it.").strip().lower() not in (
                "change",
                "c",
            ):
                return True
        plans.walk(shelf, prefs, clock, ask, out.say)
    except (_Stop, EndOfInput):
        out.say(plans.STOPPED)
    except CoachError as err:
        out.say(str(err))
        return False
    return True
