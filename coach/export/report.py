"""The report a person chooses to share: a date range, practice against the plan, distress before
and after over time, what helped most, the notes they chose, and their kept cards.

The sections are built here once, from the records, with text cleaned as it enters; the HTML,
Markdown and CSV writers only format them. JSON stays the complete record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from coach.core import stats
from coach.core.stats import week_start
from coach.export.data import ExportData
from coach.records import NOTE_LIMIT, SCRIPT_LIMIT, TITLE_LIMIT, local_day
from coach.text import clean

NotesChoice = Literal["all", "flagged", "none"]
HELPS_SHOWN = 5
"""How many exercises "what helped most" lists."""
CHART_FROM = 2
"""How many rated sessions it takes to draw distress over time."""


# ---- the sections ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """The facts at the top: the date range, how many sessions, and when the report was made."""

    exported: dt.datetime
    first: dt.date | None
    last: dt.date | None
    sessions: int
    completed: int

    def range_words(self) -> str:
        if not self.first or not self.last:
            return "no sessions yet"
        if self.first == self.last:
            return self.first.strftime("%d %b %Y")
        return f"{self.first.strftime('%d %b %Y')} to {self.last.strftime('%d %b %Y')}"

    def sessions_words(self) -> str:
        return f"{self.sessions} session{'s' if self.sessions != 1 else ''}"


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

    def often_words(self) -> str:
        """How often, over how long: "3 a week, 6 weeks"."""
        often = "once a week" if self.per_week == 1 else f"{self.per_week} a week"
        return f"{often}, {self.weeks} week{'s' if self.weeks != 1 else ''}"

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
class ExerciseLine:
    """One exercise practiced in the range: how often, and distress around it."""

    exercise: str
    title: str
    times: int
    rated: int
    """Sessions rated both before and after: the ones the averages come from."""
    before: float | None
    after: float | None
    drop: float | None


@dataclass(frozen=True)
class Helped:
    """One of the exercises where distress dropped most, with how many rated sessions say so."""

    exercise: str
    title: str
    drop: float
    rated: int

    def sessions_words(self) -> str:
        return f"{self.rated} session{'s' if self.rated != 1 else ''}"


@dataclass(frozen=True)
class ChartPoint:
    day: dt.date
    before: int
    after: int


@dataclass(frozen=True)
class Distress:
    """Distress before and after each rated session, oldest first, and the averages."""

    points: list[ChartPoint]

    @property
    def shown(self) -> bool:
        """Whether there are enough points to draw a line over time."""
        return len(self.points) >= CHART_FROM

    @property
    def mean_before(self) -> float:
        return sum(p.before for p in self.points) / len(self.points) if self.points else 0.0

    @property
    def mean_after(self) -> float:
        return sum(p.after for p in self.points) / len(self.points) if self.points else 0.0


@dataclass(frozen=True)
class NoteLine:
    """One note the person chose to share."""

    started: dt.datetime
    exercise: str
    title: str
    text: str
    marked: bool
    """Marked to bring to the next session."""

    @property
    def day(self) -> dt.date:
        return self.started.date()

    def when(self) -> str:
        return self.started.strftime("%a %d %b %Y, %H:%M")


@dataclass(frozen=True)
class Notes:
    """The notes chosen for sharing, and how they were chosen."""

    choice: NotesChoice
    lines: list[NoteLine]

    @property
    def heading(self) -> str | None:
        """The section's heading, or None when the person left every note out."""
        if self.choice == "none":
            return None
        return "Notes for the next session" if self.choice == "flagged" else "Notes"

    @property
    def show_marks(self) -> bool:
        """Whether each note says it is marked (when only marked notes are shared, all are)."""
        return self.choice == "all"


@dataclass(frozen=True)
class CardLine:
    """A kept card: a script the person wrote and chose to keep."""

    created: dt.date
    exercise: str
    title: str
    text: str


@dataclass
class Report:
    """Everything one shared report shows, section by section."""

    header: Header
    plan: list[PlanLine]
    exercises: list[ExerciseLine]
    distress: Distress
    helped: list[Helped]
    notes: Notes
    cards: list[CardLine]
    figures: stats.Stats
    sessions: list[Any]
    """The session records in the range, for the therapist's view."""
    flagged: list[Any]
    """The session records marked to bring to the next session, with a note or without."""

    @property
    def first(self) -> dt.date | None:
        return self.header.first

    @property
    def last(self) -> dt.date | None:
        return self.header.last

    @property
    def completed(self) -> int:
        return self.header.completed

    def range_words(self) -> str:
        return self.header.range_words()

    def summary(self) -> str:
        """What will be shared, and how much: said before anything is written."""
        n = len(self.notes.lines)
        notes = {
            "none": "no notes",
            "flagged": f"{_count(n, 'note')} marked for your next session",
            "all": _count(n, "note"),
        }[self.notes.choice]
        return (
            f"This will include {_count(self.header.sessions, 'session')} "
            f"({self.range_words()}), {notes}, and {_count(len(self.cards), 'kept card')}."
        )


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def weeks_between(first: dt.date, last: dt.date) -> int:
    """How many Monday-to-Sunday weeks the days from `first` to `last` touch."""
    return (week_start(last) - week_start(first)).days // 7 + 1


# ---- reading records: the one place that knows their shape -----------------------------------------


def field_of(record: Any, name: str) -> Any:
    """One field of a session or card record, whether a `Session`/`Card` model or a plain dict."""
    return record[name] if isinstance(record, dict) else getattr(record, name)


@dataclass(frozen=True)
class _Seen:
    """What the report reads from one session record."""

    record: Any
    started: str
    exercise: str
    title: str
    completed: bool
    before: int | None
    after: int | None
    note: str
    marked: bool


def _seen(record: Any) -> _Seen:
    before, after = field_of(record, "distress_before"), field_of(record, "distress_after")
    return _Seen(
        record,
        field_of(record, "started"),
        field_of(record, "exercise"),
        _title(field_of(record, "exercise_title")),
        field_of(record, "status") == "completed",
        before if isinstance(before, int) else None,
        after if isinstance(after, int) else None,
        clean(field_of(record, "note") or "", multiline=True, limit=NOTE_LIMIT),
        bool(field_of(record, "bring_to_session")),
    )


def _card(record: Any) -> CardLine:
    return CardLine(
        local_day(field_of(record, "created")),
        field_of(record, "exercise"),
        _title(field_of(record, "title")),
        clean(field_of(record, "text") or "", multiline=True, limit=SCRIPT_LIMIT),
    )


def _title(value: object) -> str:
    return clean(str(value or ""), limit=TITLE_LIMIT)


# ---- building ----------------------------------------------------------------------------------


def build(
    data: ExportData,
    plan_entries: list[dict[str, Any]],
    notes: NotesChoice = "all",
) -> Report:
    """The report for the sessions and cards of an export, with the plan entries that applied.

    `plan_entries` are dicts with exercise, title, per_week and optional from/until dates, as
    `plan_snapshot` gives them (or as a shared file carries them under `x-plan`).
    """
    seen = [_seen(s) for s in data.sessions]
    days = [local_day(s.started) for s in seen]
    first = data.since or (min(days) if days else None)
    last = data.until or (max(days) if days else None)
    chosen = [
        NoteLine(dt.datetime.fromisoformat(s.started), s.exercise, s.title, s.note, s.marked)
        for s in seen
        if notes != "none" and s.note and (notes == "all" or s.marked)
    ]
    rated = sorted(
        (s for s in seen if s.before is not None and s.after is not None),
        key=lambda s: dt.datetime.fromisoformat(s.started),
    )
    chart = [ChartPoint(local_day(s.started), int(s.before or 0), int(s.after or 0)) for s in rated]
    figures = stats.compute(data.sessions)
    return Report(
        header=Header(data.exported, first, last, len(seen), sum(s.completed for s in seen)),
        plan=_plan(plan_entries, seen, days, first, last),
        exercises=[
            ExerciseLine(
                f.exercise,
                _title(f.title),
                f.count,
                f.rated,
                f.mean_before,
                f.mean_after,
                f.mean_drop,
            )
            for f in figures.exercises
        ],
        distress=Distress(chart),
        helped=[
            Helped(f.exercise, _title(f.title), f.mean_drop or 0.0, f.rated)
            for f in figures.helps_most[:HELPS_SHOWN]
        ],
        notes=Notes(notes, chosen),
        cards=[_card(c) for c in data.cards],
        figures=figures,
        sessions=data.sessions,
        flagged=[s.record for s in seen if s.marked],
    )


def _plan(
    entries: list[dict[str, Any]],
    seen: list[_Seen],
    days: list[dt.date],
    first: dt.date | None,
    last: dt.date | None,
) -> list[PlanLine]:
    """Each plan entry that applied in the range, with the completed sessions it counts."""
    if not first or not last:
        return []
    lines = []
    for entry in entries:
        starts, ends = _date(entry.get("from")), _date(entry.get("until"))
        span_first, span_last = max(first, starts or first), min(last, ends or last)
        if span_first > span_last:
            continue
        done = sum(
            1
            for s, day in zip(seen, days, strict=True)
            if s.exercise == entry["exercise"] and s.completed and span_first <= day <= span_last
        )
        note = entry.get("note")
        lines.append(
            PlanLine(
                entry["exercise"],
                _title(entry.get("title") or entry["exercise"]),
                int(entry["per_week"]),
                weeks_between(span_first, span_last),
                done,
                starts,
                ends,
                clean(note, multiline=True, limit=NOTE_LIMIT) if isinstance(note, str) else None,
            )
        )
    return lines


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
        keep = notes == "flagged" and field_of(s, "bring_to_session")
        if keep or not field_of(s, "note"):
            sessions.append(s)
        elif isinstance(s, dict):
            sessions.append({**s, "note": None})
        else:
            sessions.append(s.model_copy(update={"note": None}))
    return ExportData(data.exported, sessions, data.cards, data.since, data.until)
