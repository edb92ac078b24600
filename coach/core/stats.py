"""Figures from practice: per skill per week, per exercise, and what helps this person most.

Counts are of what was done, never of what was missed: there are no streaks and no zeros for
weeks without practice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

SKILLS = ("grounding", "boundaries", "regulation", "other")


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week that holds `day`."""
    return day - dt.timedelta(days=day.weekday())


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
    _before: float = field(default=0.0, repr=False)
    _after: float = field(default=0.0, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if not k.startswith("_")}


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


def compute(sessions: Iterable[dict[str, Any]], tz: dt.tzinfo | None) -> Stats:
    """Figures for the given sessions; weeks start on Monday in the person's local time."""
    weeks: dict[dt.date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SKILLS, 0))
    figures: dict[str, ExerciseFigures] = {}
    total = 0
    fromiso = dt.datetime.fromisoformat
    for record in sessions:
        total += 1
        day = fromiso(record["started"]).astimezone(tz).date()
        skill: str = record["skill"] if record.get("skill") in SKILLS else "other"
        weeks[day - dt.timedelta(days=day.weekday())][skill] += 1
        exercise = record["exercise"]
        fig = figures.get(exercise)
        if fig is None:
            fig = figures[exercise] = ExerciseFigures(exercise, record["exercise_title"], skill)
        fig.count += 1
        if record.get("status") == "completed":
            fig.completed += 1
        before, after = record.get("distress_before"), record.get("distress_after")
        if before is not None and after is not None:
            fig.rated += 1
            fig._before += before
            fig._after += after
    for fig in figures.values():
        if fig.rated:
            fig.mean_before = round(fig._before / fig.rated, 2)
            fig.mean_after = round(fig._after / fig.rated, 2)
            fig.mean_drop = round((fig._before - fig._after) / fig.rated, 2)
    ranked = sorted(figures.values(), key=lambda f: (-f.count, f.title))
    helps = sorted(
        (f for f in figures.values() if f.mean_drop is not None and f.mean_drop > 0),
        key=lambda f: (-(f.mean_drop or 0), -f.rated, f.title),
    )
    return Stats(
        sessions=total,
        weeks=[Week(start, counts) for start, counts in sorted(weeks.items(), reverse=True)],
        exercises=ranked,
        helps_most=helps,
    )
