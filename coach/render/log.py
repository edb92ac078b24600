"""Rich rendering of an exercise's answers over time (`coach history --answers`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from coach.core.log import LogEntry, Trend
from coach.text import strip_control


def answer_log_view(
    entries: Sequence[LogEntry], trends: Sequence[Trend], tz: dt.tzinfo | None
) -> RenderableType:
    """Trends first (with their scale), then each session's answers, newest first."""
    parts: list[RenderableType] = []
    for trend in trends:
        parts.append(Text(strip_control(trend.words()), style="bold"))
        parts.append(Text(f"  {trend.spark()}"))
    if trends:
        parts.append(Text(""))
    for entry in entries:
        s = entry.session
        when = dt.datetime.fromisoformat(s.started).astimezone(tz).strftime("%a %d %b %Y %H:%M")
        parts.append(Text.assemble((when, "bold"), "  ", strip_control(s.exercise_title)))
        for label, answer in entry.answers:
            parts.append(Text.assemble("  ", (strip_control(label), "dim"), ": ", answer))
        if not entry.answers:
            parts.append(Text("  (nothing written)", style="dim"))
        if s.note:
            parts.append(Text.assemble("  ", ("note", "dim"), ": ", s.note))
        parts.append(Text(""))
    return Group(*parts)
