"""The shared report as Markdown: the same content as the HTML report, to read, print or paste."""

from __future__ import annotations

import datetime as dt
import re

from coach.export.report import Report
from coach.text import strip_control

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Person-written text shown as written: Markdown and HTML characters escaped."""
    return _SPECIAL.sub(r"\\\1", strip_control(text))


def _inline(text: str) -> str:
    """Escaped text inside a list item; its later lines stay inside the item."""
    return escape(text).replace("\n", "\n  ")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def render(report: Report, title: str = "My practice") -> str:
    lines = [f"# {title}", ""]
    lines.append(
        f"{report.range_words()}: {len(report.sessions)} session{'s' if len(report.sessions) != 1 else ''}, "
        f"{report.completed} completed. Made on {report.exported:%d %b %Y}."
    )
    lines += ["", "## Practice", ""]
    if report.plan:
        lines += [
            "Against the plan:",
            "",
            "| Exercise | Done | Suggested | How often |",
            "|---|---:|---:|---|",
        ]
        for line in report.plan:
            often = "once a week" if line.per_week == 1 else f"{line.per_week} a week"
            weeks = f"{line.weeks} week{'s' if line.weeks != 1 else ''}"
            lines.append(
                f"| {escape(line.title)} | {line.done} | {line.suggested} | {often}, {weeks} |"
            )
        lines.append("")
    if report.figures.exercises:
        lines += ["| Exercise | Times | Before | After |", "|---|---:|---:|---:|"]
        for fig in report.figures.exercises:
            lines.append(
                f"| {escape(fig.title)} | {fig.count} | {_number(fig.mean_before)} | {_number(fig.mean_after)} |"
            )
        lines += ["", "Before and after are averages over the sessions rated both times."]
    else:
        lines.append("No sessions in this range.")
    if len(report.chart) >= 2:
        before = sum(p.before for p in report.chart) / len(report.chart)
        after = sum(p.after for p in report.chart) / len(report.chart)
        lines += ["", "## Distress before and after, over time", ""]
        lines.append(
            f"Over {len(report.chart)} rated sessions: {before:.1f} before and {after:.1f} after, on average."
        )
        lines += ["", "| Day | Before | After |", "|---|---:|---:|"]
        lines += [f"| {p.day:%d %b %Y} | {p.before} | {p.after} |" for p in report.chart]
    helps = report.figures.helps_most[:5]
    if helps:
        lines += ["", "## What helped most", ""]
        for i, fig in enumerate(helps, 1):
            sessions = "session" if fig.rated == 1 else "sessions"
            lines.append(
                f"{i}. {escape(fig.title)}: distress down {fig.mean_drop:.1f} on average ({fig.rated} {sessions})"
            )
    if report.notes_choice != "none":
        heading = "Notes for the next session" if report.notes_choice == "flagged" else "Notes"
        lines += ["", f"## {heading}", ""]
        for s in report.notes:
            when = dt.datetime.fromisoformat(s["started"]).strftime("%a %d %b %Y, %H:%M")
            lines.append(f"- {when}, {escape(s['exercise_title'])}: {_inline(s['note'])}")
        if not report.notes:
            lines.append("No notes in this range.")
    if report.cards:
        lines += ["", "## Kept cards", ""]
        for card in report.cards:
            lines += [f"### {escape(card['title'])}", ""]
            lines += [f"> {escape(line)}" if line else ">" for line in card["text"].splitlines()]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
