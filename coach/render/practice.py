"""Rich renderings of history and figures: sessions, weeks, and where ratings dropped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.core import stats as stats_words
from coach.core.stats import SKILLS, ExerciseFigures, Stats
from coach.records import Session
from coach.render.history_lines import _one_line as _one_line
from coach.render.history_lines import history_header as history_header
from coach.render.history_lines import history_lines as history_lines
from coach.render.plan import with_year as _with_year
from coach.text import strip_control


def _day(started: str) -> dt.date:
    return dt.datetime.fromisoformat(started).date()


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
    week_table.add_column(Text("week of"), no_wrap=True)
    for skill in SKILLS:
        week_table.add_column(Text(skill), justify="right")
    for week in stats.weeks[:weeks]:
        week_table.add_row(
            Text(week.start.strftime("%d %b %Y")),
            *(Text(str(week.by_skill[s]) if week.by_skill[s] else "") for s in SKILLS),
        )
    parts += [week_table, Text(""), Text("By exercise", style="bold")]
    ex_table = Table(box=None, pad_edge=False, header_style="dim")
    ex_table.add_column(Text("exercise"))
    ex_table.add_column(Text("times"), justify="right")
    ex_table.add_column(Text("before"), justify="right")
    ex_table.add_column(Text("after"), justify="right")
    ex_table.add_column(Text("change"), justify="right")
    for fig in stats.exercises:
        ex_table.add_row(
            Text(strip_control(fig.title)),
            Text(str(fig.count)),
            Text(_number(fig.mean_before)),
            Text(_number(fig.mean_after)),
            Text(_change(fig.mean_drop)),
        )
    parts.append(ex_table)
    parts += [Text(""), Text(stats_words.DROPPED_HEADING, style="bold")]
    parts += _dropped(stats.dropped_most[:5], numbered=True)
    if not stats.dropped_most:
        parts.append(Text(f"  {stats_words.DROPPED_NONE}", style="dim"))
    return Group(*parts)


def _dropped(figures: Sequence[ExerciseFigures], numbered: bool = False) -> list[Text]:
    """Where ratings dropped most, each with its count, then the caveat that time eases them too."""
    if not figures:
        return []
    lines = [
        Text(
            f"  {f'{i}. ' if numbered else ''}"
            + stats_words.dropped_words(strip_control(f.title), f.mean_drop or 0.0, f.rated)
        )
        for i, f in enumerate(figures, 1)
    ]
    return [*lines, Text(f"  {stats_words.DROPPED_CAVEAT}", style="dim")]


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


def review_view(review: Any, today: dt.date) -> RenderableType:
    r = review.report
    days = [r.first, r.last, *(_day(s.started) for s in review.flagged)]
    note_day = "%a %d %b %Y" if _with_year(days, today) else "%a %d %b"
    parts: list[RenderableType] = [
        Text(strip_control(review.name), style="bold"),
        Text(
            f"{r.range_words()}: {len(r.sessions)} sessions, {r.completed} completed.", style="dim"
        ),
        Text(""),
        Text("Practice against the plan", style="bold"),
    ]
    if r.plan:
        parts += [Text(f"  {strip_control(line.title)}: {line.words()}") for line in r.plan]
    else:
        parts.append(Text("  The file carries no plan.", style="dim"))
    parts += [Text(""), Text("Distress", style="bold")]
    parts.append(
        Text(
            "  "
            + (review.trend.words() if review.trend else "Too few rated sessions to show a trend.")
        )
    )
    dropped = r.figures.dropped_most[:3]
    if dropped:
        parts += [Text(""), Text(stats_words.DROPPED_HEADING, style="bold")]
        parts += _dropped(dropped)
    parts += [Text(""), Text("Notes marked for the next session", style="bold")]
    for s in review.flagged:
        when = dt.datetime.fromisoformat(s.started).strftime(note_day)
        parts.append(
            Text(
                f"  {when}, {strip_control(s.exercise_title)}: {_one_line(s.note, 200) or '(no note)'}"
            )
        )
    if not review.flagged:
        parts.append(Text("  None.", style="dim"))
    return Group(*parts)


def caseload_table(reviews: Sequence[Any]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    table.add_column(Text("client"), no_wrap=True)
    table.add_column(Text("range"))
    table.add_column(Text("sessions"), justify="right")
    table.add_column(Text("plan: times done"))
    table.add_column(Text("average distress before"))
    table.add_column(Text("notes"), justify="right")
    for review in reviews:
        r = review.report
        plan = "; ".join(f"{line.title}: {line.done}" for line in r.plan) or "-"
        trend = review.trend.brief() if review.trend else "-"
        table.add_row(
            Text(strip_control(review.name), style="cyan"),
            Text(r.range_words()),
            Text(str(len(r.sessions))),
            Text(plan),
            Text(trend),
            Text(str(len(review.flagged))),
        )
    return table


def prep_view(prep: Any) -> RenderableType:
    # prep.until is today; its year is said once at the end of the range unless the days span years
    shown = [*prep.flagged, *prep.hardest]
    with_year = _with_year([prep.since, *(_day(s.started) for s in shown)], prep.until)
    since = f"{prep.since:%d %b %Y}" if with_year else f"{prep.since:%d %b}"

    def when(s: Session) -> str:
        day = "%a %d %b %Y, %H:%M" if with_year else "%a %d %b, %H:%M"
        return dt.datetime.fromisoformat(s.started).strftime(day)

    parts: list[RenderableType] = [
        Text("For your next session", style="bold"),
        Text(
            f"{since} to {prep.until:%d %b %Y}: {_count(prep.sessions, 'session')} of practice.",
            style="dim",
        ),
        Text(""),
        Text("What you marked to bring", style="bold"),
    ]
    parts += [
        Text(
            f"  {when(s)}, {strip_control(s.exercise_title)}: {_one_line(s.note, 300) or '(no note)'}"
        )
        for s in prep.flagged
    ]
    if not prep.flagged:
        parts.append(
            Text(
                "  Nothing marked yet. At the end of an exercise you can mark it to bring.",
                style="dim",
            )
        )
    parts += [Text(""), Text("The hardest moments", style="bold")]
    for s in prep.hardest:
        after = f", {s.distress_after} after" if s.distress_after is not None else ""
        parts.append(
            Text(
                f"  {when(s)}, {strip_control(s.exercise_title)}: {s.distress_before} before{after}"
            )
        )
    if not prep.hardest:
        parts.append(Text("  No ratings in this range.", style="dim"))
    parts += [Text(""), Text(stats_words.DROPPED_HEADING, style="bold")]
    parts += _dropped(prep.dropped)
    if not prep.dropped:
        parts.append(Text(f"  {stats_words.DROPPED_NONE}", style="dim"))
    return Group(*parts)
