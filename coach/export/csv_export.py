"""CSV: one row per session, then one per card, for a spreadsheet; formulas are defused."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from coach.export.data import ExportData

COLUMNS = [
    "kind",
    "id",
    "exercise",
    "exercise_title",
    "skill",
    "pack_version",
    "started",
    "finished",
    "status",
    "distress_before",
    "distress_after",
    "note",
    "bring_to_session",
    "answers",
    "title",
    "text",
]


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render(data: ExportData) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for session in data.sessions:
        row = {**session, "kind": "session"}
        row["answers"] = json.dumps(session.get("answers", {}), ensure_ascii=False)
        row["bring_to_session"] = "yes" if session.get("bring_to_session") else "no"
        writer.writerow({k: _cell(v) for k, v in row.items()})
    for card in data.cards:
        row = {
            "kind": "card",
            "id": card["id"],
            "exercise": card["exercise"],
            "started": card["created"],
            "title": card["title"],
            "text": card["text"],
        }
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()
