"""The report a person chooses to share: a date range, practice against the plan, distress before
and after over time, what helped most, the notes they chose, and their kept cards.

HTML, Markdown and CSV all draw this same content; JSON stays the complete record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from coach.core import stats
from coach.core.stats import week_start
from coach.export.data import ExportData
from coach.records import local_day

NotesChoice = Literal["all", "flagged", "none"]


@dataclass(frozen=True)
class PlanLine:
    """One plan entry over the report's range: done against suggested."""

    exercise: str
    title: str
    per_week: int
    weeks: int
    done: int
    starts: dt.date | None = None
    ends: dt.date | None = None
    note: str | None = None

    @property
    def suggested(self) -> int:
        return self.per_week * self.weeks

    def words(self) -> str:
        often = "once a week" if self.per_week == 1 else f"{self.per_week} times a week"
        weeks = "1 week" if self.weeks == 1 else f"{self.weeks} weeks"
        return f"{self.done} of {self.suggested} suggested ({often}, over {weeks})"

    def as_json(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "title": self.title,
            "per_week": self.per_week,
            "weeks": self.weeks,
            "done": self.done,
            "suggested": self.suggested,
            "from": self.starts.isoformat() if self.starts else None,
            "until": self.ends.isoformat() if self.ends else None,
            "note": self.note,
        }


@dataclass(frozen=True)
class ChartPoint:
    day: dt.date
    before: int
    after: int


@dataclass
class Report:
    """Everything one shared report shows."""

    exported: dt.datetime
    first: dt.date | None
    last: dt.date | None
    sessions: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    cards: list[dict[str, Any]]
    figures: stats.Stats
    plan: list[PlanLine] = field(default_factory=list)
    chart: list[ChartPoint] = field(default_factory=list)
    notes_choice: NotesChoice = "all"

    @property
    def completed(self) -> int:
        return sum(1 for s in self.sessions if s.get("status") == "completed")

    def range_words(self) -> str:
        if not self.first or not self.last:
            return "no sessions yet"
        if self.first == self.last:
            return self.first.strftime("%d %b %Y")
        return f"{self.first.strftime('%d %b %Y')} to {self.last.strftime('%d %b %Y')}"

    def summary(self) -> str:
        """What will be shared, and how much: said before anything is written."""
        notes = {
            "none": "no notes",
            "flagged": f"{_count(len(self.notes), 'note')} marked for your next session",
            "all": _count(len(self.notes), "note"),
        }[self.notes_choice]
        return (
            f"This will include {_count(len(self.sessions), 'session')} ({self.range_words()}), "
            f"{notes}, and {_count(len(self.cards), 'kept card')}."
        )


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def weeks_between(first: dt.date, last: dt.date) -> int:
    """How many Monday-to-Sunday weeks the days from `first` to `last` touch."""
    return (week_start(last) - week_start(first)).days // 7 + 1


def build(
    data: ExportData,
    plan_entries: list[dict[str, Any]],
    notes: NotesChoice = "all",
) -> Report:
    """The report for the sessions and cards of an export, with the plan entries that applied.

    `plan_entries` are dicts with exercise, title, per_week and optional from/until dates, as
    `plan_snapshot` gives them (or as a shared file carries them under `x-plan`).
    """
    sessions = data.sessions
    days = [local_day(s["started"]) for s in sessions]
    first = data.since or (min(days) if days else None)
    last = data.until or (max(days) if days else None)
    if notes == "none":
        chosen: list[dict[str, Any]] = []
    else:
        chosen = [
            s for s in sessions if s.get("note") and (notes == "all" or s.get("bring_to_session"))
        ]
    chart = [
        ChartPoint(local_day(s["started"]), int(s["distress_before"]), int(s["distress_after"]))
        for s in sessions
        if isinstance(s.get("distress_before"), int) and isinstance(s.get("distress_after"), int)
    ]
    lines = []
    if first and last:
        for entry in plan_entries:
            starts = _date(entry.get("from"))
            ends = _date(entry.get("until"))
            span_first, span_last = max(first, starts or first), min(last, ends or last)
            if span_first > span_last:
                continue
            done = sum(
                1
                for s, day in zip(sessions, days, strict=True)
                if s["exercise"] == entry["exercise"]
                and s.get("status") == "completed"
                and span_first <= day <= span_last
            )
            lines.append(
                PlanLine(
                    entry["exercise"],
                    entry.get("title") or entry["exercise"],
                    int(entry["per_week"]),
                    weeks_between(span_first, span_last),
                    done,
                    starts,
                    ends,
                    entry.get("note"),
                )
            )
    return Report(
        exported=data.exported,
        first=first,
        last=last,
        sessions=sessions,
        notes=chosen,
        cards=data.cards,
        figures=stats.compute(sessions),
        plan=lines,
        chart=chart,
        notes_choice=notes,
    )


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def plan_snapshot(library: Any) -> list[dict[str, Any]]:
    """The plans of the packs installed now, as plain data a shared file can carry (`x-plan`)."""
    found = []
    for loaded in library.packs:
        for entry in loaded.pack.plan:
            exercise = loaded.pack.exercise(entry.exercise)
            found.append(
                {
                    "exercise": f"{loaded.pack.id}/{entry.exercise}",
                    "title": exercise.title if exercise else entry.exercise,
                    "per_week": entry.per_week,
                    "from": entry.from_.isoformat() if entry.from_ else None,
                    "until": entry.until.isoformat() if entry.until else None,
                    "note": entry.note,
                }
            )
    return found


def apply_notes_choice(data: ExportData, notes: NotesChoice) -> ExportData:
    """The export with notes left out as the person chose (`--no-notes`, `--only-flagged-notes`)."""
    if notes == "all":
        return data
    sessions = []
    for s in data.sessions:
        keep = notes == "flagged" and s.get("bring_to_session")
        sessions.append(s if keep or not s.get("note") else {**s, "note": None})
    return ExportData(data.exported, sessions, data.cards, data.since, data.until)
