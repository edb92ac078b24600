"""The report a person chooses to share: a date range, practice against the plan, distress before
and after over time, where ratings dropped most, the notes they chose, and their kept cards.

The sections are built here once, from the records, with text cleaned as it enters; the HTML,
Markdown and CSV writers only format them. JSON stays the complete record.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from coach.core import stats
from coach.core.stats import week_start
from coach.export.data import ExportData
from coach.export.sections import (
    CardLine,
    ChartPoint,
    Distress,
    Dropped,
    ExerciseLine,
    Header,
    NoteLine,
    Notes,
    NotesChoice,
    PlanLine,
    PlanPart,
)
from coach.records import NOTE_LIMIT, SCRIPT_LIMIT, TITLE_LIMIT, Card, Session, local_day
from coach.tally import Tally, tally
from coach.text import clean as _clean_any

__all__ = [
    "CardLine",
    "ChartPoint",
    "Distress",
    "ExerciseLine",
    "Header",
    "Dropped",
    "NoteLine",
    "Notes",
    "NotesChoice",
    "PlanLine",
    "PlanPart",
    "Report",
    "apply_notes_choice",
    "build",
    "build_streamed",
    "plan_snapshot",
    "weeks_between",
]

DROPPED_SHOWN = 5
"""How many exercises "where your rating dropped most" lists."""


@dataclass
class Report:
    """Everything one shared report shows, section by section."""

    header: Header
    plan: list[PlanLine]
    exercises: list[ExerciseLine]
    distress: Distress
    dropped: list[Dropped]
    notes: Notes
    cards: list[CardLine]
    figures: stats.Stats
    sessions: list[Any]
    """The session records in the range, for the therapist's view (empty when streamed)."""
    flagged: list[Any]
    """The session records marked to bring to the next session, with a note or without."""
    safety_plan: list[PlanPart] | None = None
    """The safety plan's parts that have lines, only when the person chose to include it."""

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
            "flagged": f"{_count(n, 'note')} marked for your next session (other notes stay private)",
            "all": _count(n, "note"),
        }[self.notes.choice]
        cards = _count(len(self.cards), "kept card")
        last = f"{cards} and your safety plan" if self.safety_plan is not None else f"and {cards}"
        return (
            f"This will include {_count(self.header.sessions, 'session')} "
            f"({self.range_words()}), {notes}, {last}."
        )


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def weeks_between(first: dt.date, last: dt.date) -> int:
    """How many Monday-to-Sunday weeks the days from `first` to `last` touch."""
    return (week_start(last) - week_start(first)).days // 7 + 1


# ---- reading records: the one place that knows their shape -----------------------------------------


def clean(value: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """As `coach.text.clean`, at once for text that holds nothing it would take out (most notes:
    a printable string has no control, bidi, zero-width or line-break characters)."""
    if value.isprintable() and (limit is None or len(value) <= limit):
        return value
    return _clean_any(value, multiline=multiline, limit=limit)


def _card(record: Card) -> CardLine:
    return CardLine(
        local_day(record.created),
        record.exercise,
        _title(record.title),
        clean(record.text or "", multiline=True, limit=SCRIPT_LIMIT),
    )


def _title(value: object) -> str:
    return clean(str(value or ""), limit=TITLE_LIMIT)


# ---- building ----------------------------------------------------------------------------------


def build(
    data: ExportData,
    plan_entries: list[dict[str, Any]],
    notes: NotesChoice = "all",
    figures: stats.Stats | None = None,
) -> Report:
    """The report for the sessions and cards of an export, with the plan entries that applied.

    `plan_entries` are dicts with exercise, title, per_week and optional from/until dates, as
    `plan_snapshot` gives them (or as a shared file carries them under `x-plan`). `figures`,
    when given, are those of exactly these sessions (the store's cached tallies).
    """
    report = build_streamed(data.sessions, data, plan_entries, notes, figures)
    report.sessions = data.sessions
    return report


def build_streamed(
    sessions: Iterable[Session],
    data: ExportData,
    plan_entries: list[dict[str, Any]],
    notes: NotesChoice = "all",
    figures: stats.Stats | None = None,
) -> Report:
    """The report from sessions read one at a time (a month at a time from the store), keeping
    only what its sections show: years of history are never held at once. `data` gives the
    cards, range and safety plan (its sessions are not read); each timestamp is parsed once.
    The report's `sessions` is left empty: `header.sessions` counts them."""
    fold = _Fold(notes)
    counts = Tally() if figures is None else None
    chunk: list[Session] = []
    for session in sessions:
        fold.add(session)
        if counts is not None:
            chunk.append(session)
            if len(chunk) >= 500:
                counts.add(tally(chunk))
                chunk = []
    if counts is not None:
        counts.add(tally(chunk))
        figures = stats.figures(counts)
    assert figures is not None
    first = data.since or fold.first
    last = data.until or fold.last
    fold.rated.sort(key=_first_item)
    return Report(
        header=Header(data.exported, first, last, fold.count, fold.completed),
        plan=_plan(plan_entries, fold.done, first, last),
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
        distress=Distress([point for _, point in fold.rated]),
        dropped=[
            Dropped(f.exercise, _title(f.title), f.mean_drop or 0.0, f.rated)
            for f in figures.dropped_most[:DROPPED_SHOWN]
        ],
        notes=Notes(notes, fold.chosen),
        cards=[_card(c) for c in data.cards],
        figures=figures,
        sessions=[],
        flagged=fold.flagged,
        safety_plan=_safety_plan(data),
    )


class _Fold:
    """What the report's sections keep of the sessions, gathered one session at a time."""

    def __init__(self, notes: NotesChoice) -> None:
        self.notes = notes
        self.count = self.completed = 0
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        self.chosen: list[NoteLine] = []
        self.rated: list[tuple[dt.datetime, ChartPoint]] = []
        self.flagged: list[Any] = []
        self.done: Counter[tuple[str, dt.date]] = Counter()
        self._titles: dict[str, str] = {}

    def add(self, record: Session) -> None:
        started, exercise = record.started, record.exercise
        day = local_day(started)
        self.count += 1
        if self.first is None or day < self.first:
            self.first = day
        if self.last is None or day > self.last:
            self.last = day
        if record.status == "completed":
            self.completed += 1
            self.done[(exercise, day)] += 1
        marked = bool(record.bring_to_session)
        note = record.note
        moment = None
        if note and self.notes != "none" and (self.notes == "all" or marked):
            note = clean(note, multiline=True, limit=NOTE_LIMIT)
            if note:
                moment = dt.datetime.fromisoformat(started)  # the one parse of this timestamp
                title = self._titles.get(record.exercise_title)
                if title is None:
                    title = self._titles[record.exercise_title] = _title(record.exercise_title)
                self.chosen.append(NoteLine(moment, exercise, title, note, marked))
        before, after = record.distress_before, record.distress_after
        if isinstance(before, int) and isinstance(after, int):
            moment = moment or dt.datetime.fromisoformat(started)
            self.rated.append((moment, ChartPoint(day, before, after)))
        if marked:
            keep = self.notes != "none" or not record.note
            self.flagged.append(record if keep else record.model_copy(update={"note": None}))


def _first_item(pair: tuple[dt.datetime, ChartPoint]) -> dt.datetime:
    return pair[0]


def _safety_plan(data: ExportData) -> list[PlanPart] | None:
    """The parts of the plan that have lines, titled as coach titles them; None if not chosen."""
    from coach.core.safety_plan import PARTS

    if data.safety_plan is None:
        return None
    parts = [
        PlanPart(number, part.title, [clean(line) for line in data.safety_plan.part(part.key)])
        for number, part in enumerate(PARTS, start=1)
    ]
    return [part for part in parts if part.lines]


def _plan(
    entries: list[dict[str, Any]],
    done: Counter[tuple[str, dt.date]],
    first: dt.date | None,
    last: dt.date | None,
) -> list[PlanLine]:
    """Each plan entry that applied in the range, with the completed sessions it counts.

    Counting starts on the day the plan was installed, or on its first practice in the range when
    that came first (never before the range or the plan's `from` day); with neither known, nothing
    is counted yet. So an old plan never counts back over years."""
    if not first or not last:
        return []
    lines = []
    for entry in entries:
        starts, ends = _date(entry.get("from")), _date(entry.get("until"))
        begin, span_last = max(first, starts or first), min(last, ends or last)
        if begin > span_last:
            continue
        days = sorted(
            (day, n)
            for (exercise, day), n in done.items()
            if exercise == entry["exercise"] and begin <= day <= span_last
        )
        installed = _date(entry.get("installed"))
        known = [day for day in (installed, days[0][0] if days else None) if day is not None]
        counted_from = max(begin, min(known)) if known else None
        weeks = (
            weeks_between(counted_from, span_last)
            if counted_from and counted_from <= span_last
            else 0
        )
        note = entry.get("note")
        lines.append(
            PlanLine(
                entry["exercise"],
                _title(entry.get("title") or entry["exercise"]),
                int(entry["per_week"]),
                weeks,
                sum(n for _, n in days),
                starts,
                ends,
                clean(note, multiline=True, limit=NOTE_LIMIT) if isinstance(note, str) else None,
                counted_from if weeks else None,
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
                    "installed": _installed(loaded),
                }
            )
    return found


def _installed(loaded: Any) -> str | None:
    """The day an installed pack was put in place (its file's time), or None when not known."""
    if getattr(loaded, "origin", None) != "installed":
        return None
    try:
        return dt.datetime.fromtimestamp(loaded.path.stat().st_mtime).date().isoformat()
    except OSError:
        return None


def apply_notes_choice(data: ExportData, notes: NotesChoice) -> ExportData:
    """The export with notes left out as the person chose (`--no-notes`, `--only-flagged-notes`)."""
    if notes == "all":
        return data
    sessions = []
    for s in data.sessions:
        keep = notes == "flagged" and s.bring_to_session
        if keep or not s.note:
            sessions.append(s)
        else:
            sessions.append(s.model_copy(update={"note": None}))
    return ExportData(data.exported, sessions, data.cards, data.since, data.until, data.safety_plan)
