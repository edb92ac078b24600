"""What `crisis` shows in plain mode: the crisis lines, then the person's safety plan whole (or
one line on how to make one), as F2 opens both in the app."""

from __future__ import annotations

from coach.core import crisis
from coach.core import safety_plan as plans
from coach.errors import CoachError
from coach.plain.console import Console

NO_PLAN = (
    "You have no safety plan yet. To make one, type plan at the menu, or run `coach safety-plan`."
)
NOT_READ = "Your safety plan could not be read just now. The lines above still work."


def show_lines(out: Console, region: str | None) -> None:
    """The region's lines; with no region, every region's."""
    known = crisis.regions()
    places = [crisis.resources_for(region)] if region else list(known.values())
    for place in places:
        out.say(f"{place.name}:")
        for line in crisis.lines(place):
            out.say(f"  {line}")


def show_crisis(out: Console, region: str | None, store: object) -> None:
    """The crisis lines, then the safety plan read back whole (read only)."""
    show_lines(out, region)
    out.say()
    reader = getattr(store, "safety_plan", None)
    try:
        saved = reader() if callable(reader) else None
    except CoachError:
        out.say(NOT_READ)
        return
    if saved is None:
        out.say(NO_PLAN)
        return
    out.say("Your safety plan:")
    out.say(plans.as_text(saved))
