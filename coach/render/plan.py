"""This week's plan as `coach plan` prints it; kept apart from the history views so the command
loads neither the session records nor pydantic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from coach.text import strip_control


def with_year(days: Iterable[dt.date | None], today: dt.date) -> bool:
    """Whether days shown together need their year: they span years, or one is not this year."""
    return any(day is not None and day.year != today.year for day in days)


def plan_view(progress: Sequence[Any], monday: dt.date, today: dt.date) -> RenderableType:
    shown = f"{monday:%d %b %Y}" if with_year([monday], today) else f"{monday:%d %b}"
    lines: list[RenderableType] = [Text(f"This week (from Monday {shown})", style="bold")]
    for entry in progress:
        mark = "✓" if entry.met else "·"
        line = Text(f"  {mark} ")
        line.append(strip_control(entry.title))
        line.append(f": {entry.words()}")
        if entry.note:
            line.append(f"  ({strip_control(entry.note)})", style="dim")
        lines.append(line)
    return Group(*lines)
