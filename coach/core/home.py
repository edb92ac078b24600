"""What the home screen shows, worked out without a terminal: right now, welcome back, this week,
recent practice, and a kind word that never counts missed days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from coach.core.glance import Glance, Kept, Practised, WeekLine, greeting
from coach.core.plan import PlanProgress, this_week
from coach.core.run import Run
from coach.packs import index
from coach.packs.library import ExerciseRef, Library
from coach.records import SKILLS, Draft, Session, local_day
from coach.tally import week_start

SKILL_ORDER = SKILLS
RECENT_COUNT = 5


class HomeStore(Protocol):
    """What the home screen reads from the store (ProgressStore has it): core never imports store."""

    def drafts(self) -> list[Draft]: ...

    def latest_sessions(self, count: int) -> list[Session]: ...

    def sessions(self, since: dt.date | None = None) -> list[Session]: ...


@dataclass(frozen=True)
class Resumable:
    """An exercise left part way, ready to continue."""

    ref: ExerciseRef
    position: str


@dataclass
class HomeData:
    greeting: str
    right_now: ExerciseRef | None
    resumable: list[Resumable] = field(default_factory=list)
    plan: list[PlanProgress] = field(default_factory=list)
    recent: list[Session] = field(default_factory=list)
    by_skill: dict[str, list[ExerciseRef]] = field(default_factory=dict)


def quickest_grounding(library: Library) -> ExerciseRef | None:
    """For "right now": the shortest grounding exercise tagged `anywhere` (one that needs
    nothing and can be done wherever a person is), else the shortest grounding exercise."""
    return index.quickest_grounding(library.exercises("grounding"))


def gather(library: Library, store: HomeStore, now: dt.datetime) -> HomeData:
    """Everything the home screen needs; reads drafts and only the newest sessions."""
    today = now.date()
    resumable = []
    for draft in store.drafts():
        ref = library.get(draft.exercise)
        if ref is not None:
            resumable.append(Resumable(ref, Run.resume(ref, draft, lambda: now).place))
    recent = store.latest_sessions(RECENT_COUNT)
    this_weeks = (
        store.sessions(since=week_start(today)) if any(p.pack.plan for p in library.packs) else []
    )
    by_skill = {skill: library.exercises(skill) for skill in SKILL_ORDER}
    last = local_day(recent[0].started) if recent else None
    return HomeData(
        greeting=greeting(last, today, bool(resumable)),
        right_now=quickest_grounding(library),
        resumable=resumable,
        plan=this_week(library, this_weeks, today),
        recent=recent,
        by_skill={k: v for k, v in by_skill.items() if v},
    )


def glance_of(data: HomeData) -> Glance:
    """The right column of the home as the store's summary keeps it (and as the home draws it)."""
    return Glance(
        last_started=data.recent[0].started if data.recent else None,
        kept=tuple(Kept(r.ref.full_id, r.ref.title, r.position) for r in data.resumable),
        week=tuple(WeekLine(p.title, p.met, p.words()) for p in data.plan),
        recent=tuple(
            Practised(s.started, s.exercise_title, s.distress_before, s.distress_after, s.exercise)
            for s in data.recent
        ),
    )
