"""Counts of sessions that add up across any split of them: the store caches one per month of
history, and the figures in coach/core/stats.py are drawn from their sum."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from coach.records import SKILLS, Session

_SKILL_SET = frozenset(SKILLS)

# per exercise: [title, skill, latest started, count, completed, rated, sum before, sum after]
TITLE, SKILL, LATEST, COUNT, COMPLETED, RATED, BEFORE, AFTER = range(8)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week that holds `day`."""
    return day - dt.timedelta(days=day.weekday())


@dataclass
class Tally:
    """Counts and sums that add up across any split of the sessions (JSON-ready)."""

    sessions: int = 0
    weeks: dict[str, dict[str, int]] = field(default_factory=dict)
    """Sessions per week (its Monday, `YYYY-MM-DD`, on days as the person lived them) per skill."""
    exercises: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, other: Tally) -> Tally:
        self.sessions += other.sessions
        for week, skills in other.weeks.items():
            mine = self.weeks.setdefault(week, {})
            for skill, n in skills.items():
                mine[skill] = mine.get(skill, 0) + n
        for exercise, theirs in other.exercises.items():
            mine_ex = self.exercises.get(exercise)
            if mine_ex is None:
                self.exercises[exercise] = list(theirs)
                continue
            if theirs[LATEST] > mine_ex[LATEST]:
                mine_ex[TITLE], mine_ex[SKILL], mine_ex[LATEST] = theirs[:3]
            for i in range(COUNT, AFTER + 1):
                mine_ex[i] += theirs[i]
        return self

    def as_json(self) -> dict[str, Any]:
        """The tally as JSON-ready data (sharing this tally's dicts: serialize it, don't keep it)."""
        return {"sessions": self.sessions, "weeks": self.weeks, "exercises": self.exercises}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(int(data["sessions"]), data["weeks"], data["exercises"])


# One session as the counting needs it: started, id, exercise, title, skill, status, before, after.
Row = tuple[str, str, str, str, str, str, int | None, int | None]


def tally(sessions: Iterable[Session]) -> Tally:
    """Count sessions (typed records)."""
    return count_rows(
        [
            (
                s.started,
                s.id,
                s.exercise,
                s.exercise_title,
                s.skill,
                s.status,
                s.distress_before,
                s.distress_after,
            )
            for s in sessions
        ]
    )


_ROW_KEYS = itemgetter(
    "started",
    "id",
    "exercise",
    "exercise_title",
    "skill",
    "status",
    "distress_before",
    "distress_after",
)


def tally_stored(documents: Iterable[Mapping[str, Any]]) -> Tally:
    """Count sessions as the store keeps them on disk (already checked when they were filed),
    without building a record for each: years of history are counted in milliseconds."""
    return count_rows(list(map(_ROW_KEYS, documents)))


def count_rows(rows: list[Row]) -> Tally:
    """Count sessions in a few passes that run mostly in C: 20,000 take a few milliseconds."""
    weeks: dict[str, dict[str, int]] = {}
    monday_of: dict[str, str] = {}
    for (day, skill), n in Counter([(r[0][:10], r[4]) for r in rows]).items():
        monday = monday_of.get(day)
        if monday is None:
            monday = monday_of[day] = week_start(dt.date.fromisoformat(day)).isoformat()
        skills = weeks.setdefault(monday, {})
        key = skill if skill in _SKILL_SET else "other"
        skills[key] = skills.get(key, 0) + n
    # title and skill as they were in the exercise's latest session (by started, then id)
    last = {r[2]: r for r in sorted(rows, key=_latest_key)}
    exercises = {
        exercise: [r[3], r[4], _latest_key(r), 0, 0, 0, 0, 0] for exercise, r in last.items()
    }
    for exercise, n in Counter([r[2] for r in rows]).items():
        exercises[exercise][COUNT] = n
    for exercise, n in Counter([r[2] for r in rows if r[5] == "completed"]).items():
        exercises[exercise][COMPLETED] = n
    rated = [(r[2], r[6], r[7]) for r in rows if r[6] is not None and r[7] is not None]
    rated.sort(key=_first)
    for exercise, group in groupby(rated, key=_first):
        ratings = list(group)
        acc = exercises[exercise]
        acc[RATED] = len(ratings)
        acc[BEFORE] = sum(map(_second, ratings))
        acc[AFTER] = sum(map(_third, ratings))
    return Tally(len(rows), weeks, exercises)


_first, _second, _third = itemgetter(0), itemgetter(1), itemgetter(2)


def _latest_key(row: Row) -> str:
    """Which session is the latest: by when it started, then by id, so ties always agree."""
    return f"{row[0]}\x00{row[1]}"
