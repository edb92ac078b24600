"""A safety plan: its six parts in plain words, the crisis lines it starts with, the walk
through it that both text faces share, and the wallet card printed from it.

The parts follow the widely used Stanley-Brown structure; the words are coach's own.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from coach.core import crisis
from coach.prefs import Preferences
from coach.records import PLAN_LINE_LIMIT, PLAN_LINES_LIMIT, PLAN_PARTS, SafetyPlan
from coach.text import clean

CARD_WIDTH = 40


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    prompt: str


PARTS = (
    Part(
        "warning_signs",
        "My warning signs",
        "What tells you a hard time is starting? Thoughts, feelings, or things you do.",
    ),
    Part(
        "on_my_own",
        "Things I can do on my own",
        "What helps you feel a bit better, even a little, by yourself?",
    ),
    Part(
        "distractions",
        "People and places that take my mind off it",
        "Who or where helps you think about something else for a while?",
    ),
    Part(
        "people",
        "People I can ask for help",
        "Who can you ask for help? Write a name and how to reach them.",
    ),
    Part(
        "professionals",
        "Professionals and crisis lines",
        "Your therapist, your clinic, and lines you can call or text. Change them as you like.",
    ),
    Part(
        "safer_place",
        "Making where I am safer",
        "What would make your space safer? You could ask someone to keep your medicines, "
        "keep fewer pills at home, or keep alcohol out of the house.",
    ),
)
assert tuple(part.key for part in PARTS) == PLAN_PARTS

INTRO = (
    "A safety plan is a short list, in your own words, for a hard moment. "
    "Every part can be skipped, and you can change it any time."
)
PRIVATE = "It stays on this computer. It is shared only if you choose to export it."
SAVED = "Your safety plan is saved."
STOPPED = "Stopped. What you saved is kept."
NONE_YET = "You have no safety plan yet. `coach safety-plan` helps you make one."


class PlanShelf(Protocol):
    """What the walk needs from the store."""

    def safety_plan(self) -> SafetyPlan | None: ...

    def save_safety_plan(self, plan: SafetyPlan) -> SafetyPlan: ...


def region_lines(prefs: Preferences) -> list[str]:
    """The crisis lines for the person's region (the fallback when none is chosen), as lines."""
    region = crisis.resources_for(crisis.chosen_region(prefs.crisis_region))
    return [clean(line, limit=PLAN_LINE_LIMIT) for line in crisis.lines(region)]


def starting_plan(saved: SafetyPlan | None, prefs: Preferences, now: dt.datetime) -> SafetyPlan:
    """The saved plan, or a new one whose professionals part starts with the region's lines."""
    if saved is not None:
        return saved
    lines = region_lines(prefs)[:PLAN_LINES_LIMIT]
    return SafetyPlan(updated=stamp(now), professionals=lines)


def stamp(now: dt.datetime) -> str:
    return now.isoformat(timespec="seconds")


def with_part(plan: SafetyPlan, key: str, lines: list[str], now: dt.datetime) -> SafetyPlan:
    """The plan with one part's lines changed (cleaned and bounded) and `updated` set to now."""
    kept = [clean(line, limit=PLAN_LINE_LIMIT).strip() for line in lines]
    kept = [line for line in kept if line][:PLAN_LINES_LIMIT]
    data = plan.as_record() | {key: kept, "updated": stamp(now)}
    return SafetyPlan.model_validate(data)


def save_parts(
    shelf: PlanShelf, plan: SafetyPlan, parts: dict[str, str], now: dt.datetime
) -> SafetyPlan:
    """Save the parts typed in boxes (one line per line) over `plan`; the saved plan back."""
    data = plan.as_record() | {key: lines_from_text(text) for key, text in parts.items()}
    return shelf.save_safety_plan(SafetyPlan.model_validate(data | {"updated": stamp(now)}))


def lines_from_text(text: str) -> list[str]:
    """Lines typed in one box (one per line), cleaned, blank ones dropped, bounded."""
    kept = [clean(line, limit=PLAN_LINE_LIMIT).strip() for line in text.splitlines()]
    return [line for line in kept if line][:PLAN_LINES_LIMIT]


def as_text(plan: SafetyPlan | None) -> str:
    """The whole plan as plain text: each part's title, then its lines (or a word that it is
    empty)."""
    out: list[str] = []
    for number, part in enumerate(PARTS, start=1):
        out.append(f"{number}. {part.title}")
        lines = plan.part(part.key) if plan is not None else []
        out += [f"   - {line}" for line in lines] or ["   (nothing here yet)"]
    return "\n".join(out)


def wallet_card(plan: SafetyPlan, width: int = CARD_WIDTH) -> str:
    """The plan as a compact card, no line wider than `width`, for printing and folding."""
    rule = "-" * width
    out = [rule, "MY SAFETY PLAN".center(width).rstrip(), rule]
    for number, part in enumerate(PARTS, start=1):
        lines = plan.part(part.key)
        if not lines:
            continue
        out += textwrap.wrap(f"{number}. {part.title}", width) or [""]
        for line in lines:
            out += textwrap.wrap(
                line,
                width,
                initial_indent="- ",
                subsequent_indent="  ",
                break_long_words=True,
                break_on_hyphens=False,
            )
        out.append("")
    if plan.is_empty():
        out += textwrap.wrap("Nothing written yet.", width) + [""]
    out += textwrap.wrap(f"Updated {plan.updated[:10]}", width)
    out.append(rule)
    return "\n".join(out) + "\n"


Ask = Callable[[str], str]
Tell = Callable[[str], None]


def walk(
    shelf: PlanShelf,
    prefs: Preferences,
    clock: Callable[[], dt.datetime],
    ask: Ask,
    tell: Tell,
) -> SafetyPlan:
    """Walk the six parts one at a time, saving after each, so stopping keeps what was saved.

    `ask` shows a prompt and returns one typed line (raising to stop); `tell` shows a line."""
    plan = starting_plan(shelf.safety_plan(), prefs, clock())
    tell(INTRO)
    tell(PRIVATE)
    for number, part in enumerate(PARTS, start=1):
        tell("")
        tell(f"Part {number} of {len(PARTS)}: {part.title}")
        tell(part.prompt)
        lines = list(plan.part(part.key))
        try:
            _walk_part(lines, ask, tell)
        except BaseException:  # stopped part way: lines typed so far in this part are kept too
            if lines and lines != plan.part(part.key):
                shelf.save_safety_plan(with_part(plan, part.key, lines, clock()))
            raise
        if lines != plan.part(part.key) or shelf.safety_plan() is None:
            plan = shelf.save_safety_plan(with_part(plan, part.key, lines, clock()))
    tell("")
    tell(SAVED)
    return plan


def _walk_part(lines: list[str], ask: Ask, tell: Tell) -> None:
    """One part, changed in place: keep, add to or replace its lines, one typed line at a time."""
    if lines:
        tell("You have:")
        for line in lines:
            tell(f"- {line}")
        choice = ask("Press Enter to keep these, type a to add more, or r to start this part over.")
        choice = choice.strip().lower()
        if choice in ("r", "replace"):
            lines.clear()
        elif choice not in ("a", "add"):
            return
    else:
        tell("Type one line at a time. Press Enter on an empty line to go on (or to skip).")
    while len(lines) < PLAN_LINES_LIMIT:
        typed = clean(ask(f"Line {len(lines) + 1}:"), limit=PLAN_LINE_LIMIT).strip()
        if not typed:
            return
        lines.append(typed)
