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
    found: list[dict[str, Any]] = []
    for line in report.plan:
        found.append(
            {
                "kind": "plan",
                "exercise": line.exercise,
                "title": line.title,
                "done": line.done,
                "suggested": line.suggested,
            }
        )
    for fig in report.figures.exercises:
        found.append(
            {
                "kind": "exercise",
                "exercise": fig.exercise,
                "title": fig.title,
                "times": fig.count,
                "before": fig.mean_before,
                "after": fig.mean_after,
                "drop": fig.mean_drop,
                "rated_sessions": fig.rated,
            }
        )
    for fig in report.figures.helps_most[:5]:
        found.append(
            {
                "kind": "helped",
                "exercise": fig.exercise,
                "title": fig.title,
                "drop": fig.mean_drop,
                "rated_sessions": fig.rated,
            }
        )
    for point in report.chart:
        found.append(
            {
                "kind": "rating",
                "day": point.day.isoformat(),
                "before": point.before,
                "after": point.after,
            }
        )
    for s in report.notes:
        found.append(
            {
                "kind": "note",
                "day": s["started"][:10],
                "exercise": s["exercise"],
                "title": s["exercise_title"],
                "bring_to_session": "yes" if s.get("bring_to_session") else "no",
                "text": s["note"],
            }
        )
    for card in report.cards:
        found.append(
            {
                "kind": "card",
                "day": card["created"][:10],
                "exercise": card["exercise"],
                "title": card["title"],
                "text": card["text"],
            }
        )
    return found


def render(report: Report) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows(report):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()
