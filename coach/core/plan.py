"""This week's suggested practice from the packs' plans, counted kindly: what was done, never a
streak, never a reproach for a gap. Weeks start on Monday, on the days as the person lived them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from coach.packs.library import Library
from coach.records import Session, local_day
from coach.tally import week_start


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


def this_week(library: Library, sessions: Iterable[Session], today: dt.date) -> list[PlanProgress]:
    """Every plan entry that applies today, with the completed sessions of its exercise this week."""
    monday = week_start(today)
    sunday = monday + dt.timedelta(days=6)
    done = Counter(
        s.exercise
        for s in sessions
        if s.status == "completed" and monday <= local_day(s.started) <= sunday
    )
    found = []
    for loaded in library.packs:
        for entry in loaded.pack.plan:
            if (entry.from_ and today < entry.from_) or (entry.until and today > entry.until):
                continue
            exercise = loaded.pack.exercise(entry.exercise)
            if exercise is None:
                continue
            full_id = f"{loaded.pack.id}/{exercise.id}"
            found.append(
                PlanProgress(
                    exercise=full_id,
                    title=exercise.title,
                    pack=loaded.pack.id,
                    per_week=entry.per_week,
                    done=done[full_id],
                    week_start=monday,
                    note=entry.note,
                    starts=entry.from_,
                    ends=entry.until,
                )
            )
    return found
