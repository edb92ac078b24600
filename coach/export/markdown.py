"""The shared report as Markdown: the same content as the HTML report, to read, print or paste."""

from __future__ import annotations

from coach.core import stats
from coach.export.report import Report
from coach.export.sections import long_day
from coach.text import markdown_escape as escape


def _inline(text: str) -> str:
    """Escaped text inside a list item; its later lines stay inside the item."""
    return escape(text).replace("\n", "\n  ")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def render(report: Report, title: str = "My practice") -> str:
    head = report.header
    lines = [f"# {escape(title)}", ""]
    lines.append(
        f"{head.range_words()}: {head.sessions_words()}, {head.completed} completed. "
        f"Made on {head.exported:%d %b %Y}."
    )
    lines += ["", "## Practice", ""]
    if report.plan:
        lines += [
            "The plan:",
            "",
            "| Exercise | Done | Suggested | Counted from |",
            "|---|---:|---|---|",
        ]
        for line in report.plan:
            since = long_day(line.counted_from) if line.counted_from else "-"
            lines.append(f"| {escape(line.title)} | {line.done} | {line.often_words()} | {since} |")
        lines.append("")
    if report.exercises:
        lines += ["| Exercise | Times | Before | After |", "|---|---:|---:|---:|"]
        for ex in report.exercises:
            lines.append(
                f"| {escape(ex.title)} | {ex.times} | {_number(ex.before)} | {_number(ex.after)} |"
            )
        lines += ["", "Before and after are averages over the sessions rated both times."]
    else:
        lines.append("No sessions in this range.")
    distress = report.distress
    if distress.shown:
        lines += ["", "## Distress before and after, over time", ""]
        lines.append(
            f"Over {len(distress.points)} rated sessions: {distress.mean_before:.1f} before and "
            f"{distress.mean_after:.1f} after, on average."
        )
        lines += ["", "| Day | Before | After |", "|---|---:|---:|"]
        lines += [f"| {long_day(p.day)} | {p.before} | {p.after} |" for p in distress.points]
    if report.dropped:
        lines += ["", f"## {stats.DROPPED_HEADING}", ""]
        for i, top in enumerate(report.dropped, 1):
            lines.append(f"{i}. " + stats.dropped_words(escape(top.title), top.drop, top.rated))
        lines += ["", stats.DROPPED_CAVEAT]
    notes = report.notes
    if notes.heading is not None:
        lines += ["", f"## {notes.heading}", ""]
        for note in notes.lines:
            flag = " (to bring to the next session)" if notes.show_marks and note.marked else ""
            lines.append(f"- {note.when()}, {escape(note.title)}{flag}: {_inline(note.text)}")
        if not notes.lines:
            lines.append("No notes in this range.")
    if report.cards:
        lines += ["", "## Kept cards", ""]
        for card in report.cards:
            lines += [f"### {escape(card.title)}", ""]
            lines += [f"> {escape(line)}" if line else ">" for line in card.text.splitlines()]
            lines.append("")
    if report.safety_plan is not None:
        lines += ["", "## Safety plan", ""]
        for part in report.safety_plan:
            lines += [f"**{part.number}. {escape(part.title)}**", ""]
            lines += [f"- {escape(line)}" for line in part.lines]
            lines.append("")
        if not report.safety_plan:
            lines.append("Nothing written in it yet.")
    return "\n".join(lines).rstrip() + "\n"
