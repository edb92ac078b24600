"""Rich renderings of history and figures: sessions, weeks, and what helps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.core.stats import SKILLS, Stats
from coach.text import strip_control


def _distress(before: Any, after: Any) -> str:
    if before is None and after is None:
        return ""
    return f"{'-' if before is None else before} → {'-' if after is None else after}"


def _one_line(text: str | None, limit: int = 60) -> str:
    if not text:
        return ""
    flat = " ".join(strip_control(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def history_table(sessions: Sequence[dict[str, Any]], tz: dt.tzinfo | None) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    table.add_column("when", no_wrap=True)
    table.add_column("exercise", ratio=2)
    table.add_column("distress", no_wrap=True, justify="center")
    table.add_column("note", ratio=3)
    for s in sessions:
        when = dt.datetime.fromisoformat(s["started"]).astimezone(tz).strftime("%a %d %b %Y %H:%M")
        title = Text(strip_control(s["exercise_title"]))
        if s.get("status") != "completed":
            title.append(" (saved part way)", style="dim")
        note = Text(_one_line(s.get("note")))
        if s.get("bring_to_session"):
            note = Text.assemble(("bring to session ", "cyan"), note)
        table.add_row(
            Text(when),
            title,
            Text(_distress(s.get("distress_before"), s.get("distress_after"))),
            note,
        )
    return table


def stats_view(stats: Stats, weeks: int = 8) -> RenderableType:
    parts: list[RenderableType] = [
        Text(
            f"{_count(stats.sessions, 'session')} of practice in all.",
            style="bold",
        ),
        Text(""),
        Text("Practice by week", style="bold"),
    ]
    week_table = Table(box=None, pad_edge=False, header_style="dim")
    week_table.add_column("week of", no_wrap=True)
    for skill in SKILLS:
        week_table.add_column(skill, justify="right")
    for week in stats.weeks[:weeks]:
        week_table.add_row(
            Text(week.start.strftime("%d %b %Y")),
            *(Text(str(week.by_skill[s]) if week.by_skill[s] else "") for s in SKILLS),
        )
    parts += [week_table, Text(""), Text("By exercise", style="bold")]
    ex_table = Table(box=None, pad_edge=False, header_style="dim")
    ex_table.add_column("exercise")
    ex_table.add_column("times", justify="right")
    ex_table.add_column("before", justify="right")
    ex_table.add_column("after", justify="right")
    ex_table.add_column("change", justify="right")
    for fig in stats.exercises:
        ex_table.add_row(
            Text(strip_control(fig.title)),
            Text(str(fig.count)),
            Text(_number(fig.mean_before)),
            Text(_number(fig.mean_after)),
            Text(_change(fig.mean_drop)),
        )
    parts.append(ex_table)
    parts += [Text(""), Text("What helps you most", style="bold")]
    if stats.helps_most:
        for i, fig in enumerate(stats.helps_most[:5], 1):
            backed = f"{fig.rated} session{'s' if fig.rated != 1 else ''}"
            parts.append(
                Text(
                    f"  {i}. {strip_control(fig.title)}: distress down {fig.mean_drop:.1f} on average ({backed})"
                )
            )
    else:
        parts.append(
            Text(
                "  When you rate how you feel before and after an exercise, this shows which ones help.",
                style="dim",
            )
        )
    return Group(*parts)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _change(drop: float | None) -> str:
    if drop is None:
        return ""
    return f"-{drop:.1f}" if drop > 0 else f"+{-drop:.1f}" if drop < 0 else "0"


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def import_summary(result: Any) -> str:
    """What an import did, in one or two plain sentences."""
    if not (result.sessions_in_file or result.cards_in_file):
        return "The file had nothing to import."
    text = f"Imported {_count(result.sessions_added, 'session')} and {_count(result.cards_added, 'card')}."
    if result.already_there:
        text += f" {_count(result.already_there, 'record')} you already had stayed as they were."
    return text
