"""The therapist's view: a shared coach-export/1 file summed up (range, practice against the plan,
distress trend, flagged notes). Reads files only; never writes, never opens anyone's store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.export.data import ExportData
from coach.export.importer import ImportRefused, loads, parse_export, read_export
from coach.export.report import Report, build
from coach.export.sections import ChartPoint
from coach.records import started_at

MIN_FOR_TREND = 4


@dataclass
class Trend:
    """Distress before, early in the range against lately, over the sessions rated both times."""

    early: float
    lately: float
    rated: int
    mean_drop: float

    def direction(self) -> str:
        change = self.lately - self.early
        return "lower" if change <= -0.5 else "higher" if change >= 0.5 else "about the same"

    def brief(self) -> str:
        """For one line of a table: "6.4 in the first half, 6.5 in the second"."""
        return f"{self.early:.1f} in the first half, {self.lately:.1f} in the second"

    def words(self) -> str:
        return (
            f"Average distress before: {self.brief()} ({self.direction()}). "
            f"Within a session it went down {self.mean_drop:.1f} on average "
            f"({self.rated} rated sessions)."
        )


@dataclass
class Review:
    name: str
    report: Report
    trend: Trend | None

    @property
    def flagged(self) -> list[Any]:
        return self.report.flagged

    def as_dict(self) -> dict[str, Any]:
        r = self.report
        return {
            "file": self.name,
            "first": r.first.isoformat() if r.first else None,
            "last": r.last.isoformat() if r.last else None,
            "sessions": len(r.sessions),
            "completed": r.completed,
            "plan": [line.as_json() for line in r.plan],
            "trend": None
            if self.trend is None
            else {
                "early": self.trend.early,
                "lately": self.trend.lately,
                "rated": self.trend.rated,
                "mean_drop": self.trend.mean_drop,
            },
            "flagged_notes": [
                {
                    "started": s.started,
                    "exercise": s.exercise,
                    "title": s.exercise_title,
                    "note": s.note,
                }
                for s in self.flagged
            ],
        }


def trend(points: Sequence[ChartPoint]) -> Trend | None:
    """The trend over the report's rated sessions (oldest first), when there are enough."""
    if len(points) < MIN_FOR_TREND:
        return None
    half = len(points) // 2
    early = sum(p.before for p in points[:half]) / half
    lately = sum(p.before for p in points[-half:]) / half
    drop = sum(p.before - p.after for p in points) / len(points)
    return Trend(round(early, 2), round(lately, 2), len(points), round(drop, 2))


def review_file(path: Path) -> Review:
    """Read and check one shared export; a file that is not one is a calm CoachError."""
    raw = read_export(path)  # a regular file only, its size checked before it is read
    try:
        parsed = parse_export(raw, str(path))
    except ImportRefused as refused:
        raise CoachError(
            str(refused).replace(
                "was not imported, and nothing was changed", "cannot be read as a coach export"
            )
        ) from None
    sessions = sorted(parsed.sessions, key=started_at)
    cards = list(parsed.cards)
    carried = parsed.extras.get("x-plan")
    entries: list[Any] = carried if isinstance(carried, list) else []
    plan = [
        p
        for p in entries
        if isinstance(p, dict) and "exercise" in p and isinstance(p.get("per_week"), int)
    ]
    report = build(ExportData(_exported(raw), sessions, cards), plan, "all")
    return Review(path.stem, report, trend(report.distress.points))


def _exported(raw: bytes) -> dt.datetime:
    try:
        value = loads(raw.decode("utf-8-sig")).get("exported")
        return (
            dt.datetime.fromisoformat(value)
            if isinstance(value, str)
            else dt.datetime.now().astimezone()
        )
    except (ValueError, AttributeError, RecursionError):
        return dt.datetime.now().astimezone()
