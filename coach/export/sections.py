"""The sections of a shared report, as typed values: built once in `report.py`, formatted by
the html, markdown and csv writers."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, Literal

NotesChoice = Literal["all", "flagged", "none"]


@functools.lru_cache(maxsize=4096)
def long_day(day: dt.date) -> str:
    """A day as the report's tables write it (`02 Nov 2026`), formatted once per day."""
    return day.strftime("%d %b %Y")


CHART_FROM = 2
"""How many rated sessions it takes to draw distress over time."""


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


def times_words(n: int) -> str:
    """How many times, in words: "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(n, f"{n:,} times")


@dataclass(frozen=True)
class PlanLine:
    """One plan entry over the report's range: what was done since the plan was counted from.

    Never a count of what was missed: the words say what was done and how often it is suggested."""

    exercise: str
    title: str
    per_week: int
    weeks: int
    """The Monday-to-Sunday weeks from `counted_from` to the end of the range (0: none yet)."""
    done: int
    starts: dt.date | None = None
    ends: dt.date | None = None
    note: str | None = None
    counted_from: dt.date | None = None
    """When counting starts: the plan's install day, or its first practice in the range."""

    @property
    def suggested(self) -> int:
        return self.per_week * self.weeks

    def often_words(self) -> str:
        """How often it is suggested: "once a week", "3 times a week"."""
        return "once a week" if self.per_week == 1 else f"{self.per_week} times a week"

    def done_words(self) -> str:
        """What was done, kindly: "done 3 times", or "not practiced yet"."""
        return f"done {times_words(self.done)}" if self.done else "not practiced yet"

    def words(self) -> str:
        """ "done 3 times; suggested once a week" """
        return f"{self.done_words()}; suggested {self.often_words()}"

    def as_json(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "title": self.title,
            "per_week": self.per_week,
            "weeks": self.weeks,
            "done": self.done,
            "counted_from": self.counted_from.isoformat() if self.counted_from else None,
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
class Dropped:
    """One of the exercises where distress dropped most, with how many rated sessions say so."""

    exercise: str
    title: str
    drop: float
    rated: int

    def sessions_words(self) -> str:
        return f"{self.rated} session{'s' if self.rated != 1 else ''}"


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True)
class PlanPart:
    """One part of the safety plan in a report: its title and the person's lines."""

    number: int
    title: str
    lines: list[str]
