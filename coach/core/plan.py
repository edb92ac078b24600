"""This week's suggested practice from the packs' plans, counted kindly: what was done, never a
streak, never a reproach for a gap. Weeks start on Monday, on the days as the person lived them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach.packs.index import Planned, planned

if TYPE_CHECKING:
    from coach.packs.library import Library
    from coach.records import Session


@dataclass(frozen=True)
class PlanProgress:
    """One plan entry this week: how often it is suggested and how often it was done."""

    exercise: str
    title: str
    pack: str
    per_week: int
    done: int
    week_start: dt.date
    note: str | None = None
    starts: dt.date | None = None
    ends: dt.date | None = None

    @property
    def met(self) -> bool:
        return self.done >= self.per_week

    def words(self) -> str:
        """`2 of 4 this week`; before anything is done, just what is suggested."""
        if self.done == 0:
            times = "once" if self.per_week == 1 else f"{self.per_week} times"
            return f"suggested {times} this week"
        return f"{self.done} of {self.per_week} this week"

    def as_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "title": self.title,
            "pack": self.pack,
            "done_this_week": self.done,
            "per_week": self.per_week,
            "week_start": self.week_start.isoformat(),
            "from": self.starts.isoformat() if self.starts else None,
            "until": self.ends.isoformat() if self.ends else None,
            "note": self.note,
        }


def monday_of(today: dt.date) -> dt.date:
    """The Monday of the week that holds `today` (as coach.tally.week_start, without records)."""
    return today - dt.timedelta(days=today.weekday())


def done_this_week(sessions: Iterable[Session], today: dt.date) -> Counter[str]:
    """The completed sessions of each exercise in the week that holds `today`."""
    from coach.records import local_day

    monday = monday_of(today)
    sunday = monday + dt.timedelta(days=6)
    return Counter(
        s.exercise
        for s in sessions
        if s.status == "completed" and monday <= local_day(s.started) <= sunday
    )


def this_week(library: Library, sessions: Iterable[Session], today: dt.date) -> list[PlanProgress]:
    """Every plan entry that applies today, with the completed sessions of its exercise this week."""
    return progress(planned(library), done_this_week(sessions, today), today)


def progress(
    plans: Iterable[Planned], done: Mapping[str, int], today: dt.date
) -> list[PlanProgress]:
    """Each plan entry that applies today (in pack order), with what was `done` of it this week."""
    return [
        PlanProgress(
            exercise=entry.exercise,
            title=entry.title,
            pack=entry.pack,
            per_week=entry.per_week,
            done=done.get(entry.exercise, 0),
            week_start=monday_of(today),
            note=entry.note,
            starts=entry.starts,
            ends=entry.ends,
        )
        for entry in plans
        if not ((entry.starts and today < entry.starts) or (entry.ends and today > entry.ends))
    ]
