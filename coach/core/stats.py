"""Figures from practice: per skill per week, per exercise, and where ratings dropped most.

Counts are of what was done, never of what was missed: there are no streaks and no zeros for
weeks without practice. Figures are built from tallies, which add up: the store keeps a tally
per month of history, so years of practice are not re-read to draw this week's figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from coach.records import SKILLS as SKILLS
from coach.records import Session
from coach.tally import AFTER, BEFORE, COMPLETED, COUNT, RATED, SKILL, TITLE, tally
from coach.tally import Tally as Tally
from coach.tally import week_start as week_start

# SKILLS, Tally, tally and week_start are read from here too; the counting is in coach/tally.py
_SKILL_SET = frozenset(SKILLS)


DROPPED_HEADING = "Where your rating dropped most"
DROPPED_CAVEAT = (
    "Ratings often ease with time on their own, so this shows where they dropped, not what "
    "caused it."
)
DROPPED_NONE = "This shows once an exercise has a before and after rating that went down."


def dropped_words(title: str, drop: float, rated: int) -> str:
    """One line of "where your rating dropped most", with the count it rests on."""
    sessions = f"{rated} rated session{'' if rated == 1 else 's'}"
    return f"{title}: {drop:.1f} points lower after than before, on average, over {sessions}"


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
    dropped_most: list[ExerciseFigures]

    def as_dict(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "weeks": [
                {"week_start": w.start.isoformat(), "total": w.total, "by_skill": w.by_skill}
                for w in self.weeks
            ],
            "exercises": [e.as_dict() for e in self.exercises],
            "dropped_most": [
                {
                    "exercise": e.exercise,
                    "title": e.title,
                    "mean_drop": e.mean_drop,
                    "sessions": e.rated,
                }
                for e in self.dropped_most
            ],
        }


def figures(counts: Tally) -> Stats:
    """Weeks (Mondays, newest first), exercises by how often, and where ratings dropped most."""
    weeks = {
        dt.date.fromisoformat(monday): {skill: skills.get(skill, 0) for skill in SKILLS}
        for monday, skills in counts.weeks.items()
    }
    found = []
    for exercise, acc in counts.exercises.items():
        skill = acc[SKILL] if acc[SKILL] in _SKILL_SET else "other"
        fig = ExerciseFigures(exercise, acc[TITLE], skill, acc[COUNT], acc[COMPLETED])
        if acc[RATED]:
            n = acc[RATED]
            fig.rated = n
            fig.mean_before = round(acc[BEFORE] / n, 2)
            fig.mean_after = round(acc[AFTER] / n, 2)
            fig.mean_drop = round((acc[BEFORE] - acc[AFTER]) / n, 2)
        found.append(fig)
    dropped = sorted(
        (f for f in found if f.mean_drop is not None and f.mean_drop > 0),
        key=lambda f: (-(f.mean_drop or 0), -f.rated, f.title),
    )
    return Stats(
        sessions=counts.sessions,
        weeks=[Week(start, c) for start, c in sorted(weeks.items(), reverse=True)],
        exercises=sorted(found, key=lambda f: (-f.count, f.title)),
        dropped_most=dropped,
    )


def compute(sessions: Iterable[Session]) -> Stats:
    """Figures straight from sessions (without a store's tallies)."""
    return figures(tally(sessions))
