"""The shared report as CSV, for a spreadsheet: one row per fact, `kind` says which; the same
content as the HTML report. Text a spreadsheet would run as a formula is defused."""

from __future__ import annotations

import csv
import io
from typing import Any

from coach.export.report import Report
from coach.text import strip_control

COLUMNS = [
    "kind",
    "day",
    "exercise",
    "title",
    "times",
    "done",
    "suggested",
    "before",
    "after",
    "drop",
    "rated_sessions",
    "bring_to_session",
    "text",
    # added later, so the columns above keep their places in a spreadsheet
    "per_week",
    "weeks",
    "time",
]


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; control
    characters (escape sequences) are left out, as in every output."""
    if isinstance(value, str):
        value = strip_control(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def rows(report: Report) -> list[dict[str, Any]]:
    head = report.header
    found: list[dict[str, Any]] = [
        {"kind": "report", "title": "from", "day": head.first.isoformat() if head.first else None},
        {"kind": "report", "title": "until", "day": head.last.isoformat() if head.last else None},
        {"kind": "report", "title": "sessions", "times": head.sessions},
        {"kind": "report", "title": "completed", "times": head.completed},
        {"kind": "report", "title": "made on", "day": head.exported.date().isoformat()},
    ]
    distress = report.distress
    if distress.points:
        found.append(
            {
                "kind": "report",
                "title": "rated sessions",
                "times": len(distress.points),
                "before": round(distress.mean_before, 2),
                "after": round(distress.mean_after, 2),
            }
        )
    for line in report.plan:
        found.append(
            {
                "kind": "plan",
                "day": line.counted_from.isoformat() if line.counted_from else None,
                "exercise": line.exercise,
                "title": line.title,
                "done": line.done,
                "per_week": line.per_week,
            }
        )
    for ex in report.exercises:
        found.append(
            {
                "kind": "exercise",
                "exercise": ex.exercise,
                "title": ex.title,
                "times": ex.times,
                "before": ex.before,
                "after": ex.after,
                "drop": ex.drop,
                "rated_sessions": ex.rated,
            }
        )
    for top in report.dropped:
        found.append(
            {
                "kind": "dropped-most",
                "exercise": top.exercise,
                "title": top.title,
                "drop": top.drop,
                "rated_sessions": top.rated,
            }
        )
    for point in report.distress.points:
        found.append(
            {
                "kind": "rating",
                "day": point.day.isoformat(),
                "before": point.before,
                "after": point.after,
            }
        )
    for note in report.notes.lines:
        found.append(
            {
                "kind": "note",
                "day": note.day.isoformat(),
                "time": note.started.strftime("%H:%M"),
                "exercise": note.exercise,
                "title": note.title,
                "bring_to_session": "yes" if note.marked else "no",
                "text": note.text,
            }
        )
    for card in report.cards:
        found.append(
            {
                "kind": "card",
                "day": card.created.isoformat(),
                "exercise": card.exercise,
                "title": card.title,
                "text": card.text,
            }
        )
    return found


def render(report: Report) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    for row in rows(report):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()
