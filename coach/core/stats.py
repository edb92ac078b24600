"""Figures from practice: per skill per week, per exercise, and what helps this person most.

Counts are of what was done, never of what was missed: there are no streaks and no zeros for
weeks without practice. Figures are built from tallies, which add up: the store keeps a tally
per month of history, so years of practice are not re-read to draw this week's figures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

SKILLS = ("grounding", "boundaries", "regulation", "other")
_SKILL_SET = frozenset(SKILLS)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week that holds `day`."""
    return day - dt.timedelta(days=day.weekday())


# ---- tallies ----------------------------------------------------------------------------------

# per exercise: [title, skill, latest started, count, completed, rated, sum before, sum after]
_TITLE, _SKILL, _LATEST, _COUNT, _COMPLETED, _RATED, _BEFORE, _AFTER = range(8)


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
            if theirs[_LATEST] > mine_ex[_LATEST]:
                mine_ex[_TITLE], mine_ex[_SKILL], mine_ex[_LATEST] = theirs[:3]
            for i in range(_COUNT, _AFTER + 1):
                mine_ex[i] += theirs[i]
        return self

    def as_json(self) -> dict[str, Any]:
        """The tally as JSON-ready data (sharing this tally's dicts: serialize it, don't keep it)."""
        return {"sessions": self.sessions, "weeks": self.weeks, "exercises": self.exercises}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(int(data["sessions"]), data["weeks"], data["exercises"])


def tally(sessions: Iterable[dict[str, Any]]) -> Tally:
    """Count sessions in a few passes that run mostly in C: 20,000 take a few milliseconds."""
    records = sessions if isinstance(sessions, list) else list(sessions)
    weeks: dict[str, dict[str, int]] = {}
    monday_of: dict[str, str] = {}
    for (day, skill), n in Counter([(r["started"][:10], r["skill"]) for r in records]).items():
        monday = monday_of.get(day)
        if monday is None:
            monday = monday_of[day] = week_start(dt.date.fromisoformat(day)).isoformat()
        skills = weeks.setdefault(monday, {})
        key = skill if skill in _SKILL_SET else "other"
        skills[key] = skills.get(key, 0) + n
    # title and skill as they were in the exercise's latest session
    last = {r["exercise"]: r for r in sorted(records, key=_latest_key)}
    exercises = {
        exercise: [r["exercise_title"], r["skill"], _latest_key(r), 0, 0, 0, 0, 0]
        for exercise, r in last.items()
    }
    for exercise, n in Counter(map(itemgetter("exercise"), records)).items():
        exercises[exercise][_COUNT] = n
    for exercise, n in Counter(
        [r["exercise"] for r in records if r["status"] == "completed"]
    ).items():
        exercises[exercise][_COMPLETED] = n
    rated = [
        (r["exercise"], r["distress_before"], r["distress_after"])
        for r in records
        if r["distress_before"] is not None and r["distress_after"] is not None
    ]
    rated.sort(key=_first)
    for exercise, group in groupby(rated, key=_first):
        ratings = list(group)
        acc = exercises[exercise]
        acc[_RATED] = len(ratings)
        acc[_BEFORE] = sum(map(_second, ratings))
        acc[_AFTER] = sum(map(_third, ratings))
    return Tally(len(records), weeks, exercises)


_first, _second, _third = itemgetter(0), itemgetter(1), itemgetter(2)


def _latest_key(record: dict[str, Any]) -> str:
    """Which session is the latest: by when it started, then by id, so ties always agree."""
    return f"{record['started']}\x00{record['id']}"


# ---- figures ----------------------------------------------------------------------------------


@dataclass
class ExerciseFigures:
    """How often one exercise was practiced and how distress moved around it."""

    exercise: str
    title: str
    skill: str
    count: int = 0
    completed: int = 0
    rated: int = 0
    """Sessions with both a before and an after rating: the ones the means come from."""
    mean_before: float | None = None
    mean_after: float | None = None
    mean_drop: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Week:
    start: dt.date
    by_skill: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_skill.values())


@dataclass
class Stats:
    sessions: int
    weeks: list[Week]
    exercises: list[ExerciseFigures]
    helps_most: list[ExerciseFigures]

    def as_dict(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "weeks": [
                {"week_start": w.start.isoformat(), "total": w.total, "by_skill": w.by_skill}
                for w in self.weeks
            ],
            "exercises": [e.as_dict() for e in self.exercises],
            "helps_most": [
                {
                    "exercise": e.exercise,
                    "title": e.title,
                    "mean_drop": e.mean_drop,
                    "sessions": e.rated,
                }
                for e in self.helps_most
            ],
        }


def figures(counts: Tally) -> Stats:
    """Weeks (Mondays, newest first), exercises by how often, and what helps most."""
    weeks = {
        dt.date.fromisoformat(monday): {skill: skills.get(skill, 0) for skill in SKILLS}
        for monday, skills in counts.weeks.items()
    }
    found = []
    for exercise, acc in counts.exercises.items():
        skill = acc[_SKILL] if acc[_SKILL] in _SKILL_SET else "other"
        fig = ExerciseFigures(exercise, acc[_TITLE], skill, acc[_COUNT], acc[_COMPLETED])
        if acc[_RATED]:
            n = acc[_RATED]
            fig.rated = n
            fig.mean_before = round(acc[_BEFORE] / n, 2)
            fig.mean_after = round(acc[_AFTER] / n, 2)
            fig.mean_drop = round((acc[_BEFORE] - acc[_AFTER]) / n, 2)
        found.append(fig)
    helps = sorted(
        (f for f in found if f.mean_drop is not None and f.mean_drop > 0),
        key=lambda f: (-(f.mean_drop or 0), -f.rated, f.title),
    )
    return Stats(
        sessions=counts.sessions,
        weeks=[Week(start, c) for start, c in sorted(weeks.items(), reverse=True)],
        exercises=sorted(found, key=lambda f: (-f.count, f.title)),
        helps_most=helps,
    )


def compute(sessions: Iterable[dict[str, Any]]) -> Stats:
    """Figures straight from sessions (without a store's tallies)."""
    return figures(tally(sessions))
