"""`coach list` and `coach find` as lines that fit the terminal: one line an exercise (short id,
title cut with … only when needed, minutes), under a heading per skill for `list`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from coach.render.packs import SKILL_NAMES, by_skill, minutes_text
from coach.text import strip_control

if TYPE_CHECKING:
    from coach.packs.library import ExerciseRef

GAP, INDENT, TIME_WIDTH, MOST_ID = "  ", "  ", 7, 30


def fit(text: str, width: int, pad: bool = True) -> str:
    """`text` cut to `width` terminal cells (with … when cut), padded when `pad`."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + "…"
    return set_cell_size(text, width) if pad else text


def shown_ids(refs: Sequence[ExerciseRef]) -> list[str]:
    """Each exercise's short id, or its full id when another pack has the same short id."""
    short = Counter(ref.exercise.id for ref in refs)
    return [ref.exercise.id if short[ref.exercise.id] == 1 else ref.full_id for ref in refs]


def exercise_lines(
    refs: Sequence[ExerciseRef], width: int, grouped: bool = True, summary: bool = False
) -> Text:
    """One line an exercise `width` cells wide, under a heading per skill when `grouped`; with
    `summary`, what it is for on a dim line of its own under each."""
    ordered = by_skill(refs) if grouped else list(refs)
    ids = shown_ids(ordered)
    id_width = min(max((cell_len(i) for i in ids), default=0), MOST_ID)
    title_width = max(width - len(INDENT) - id_width - 2 * len(GAP) - TIME_WIDTH, 12)
    out, skill = Text(), None
    for n, (ref, shown) in enumerate(zip(ordered, ids, strict=True)):
        if grouped and ref.skill != skill:
            skill = ref.skill
            out.append(("\n\n" if n else "") + SKILL_NAMES.get(skill, skill.title()), "bold")
        if out:
            out.append("\n")
        out.append(INDENT + fit(strip_control(shown), id_width) + GAP, style="cyan")
        out.append(fit(strip_control(ref.title), title_width) + GAP)
        out.append(f"{minutes_text(ref.exercise.minutes):>{TIME_WIDTH}}".rstrip())
        if summary:
            flat = " ".join(strip_control(ref.exercise.summary).split())
            out.append("\n" + INDENT * 2 + fit(flat, width - 2 * len(INDENT), pad=False), "dim")
    return out
