"""An exercise's answers read back over time, such as the urge log: what was written, in order,
and how each of its own ratings (not the distress ones) moved from one time to the next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.packs.model import Exercise, RatingStep
from coach.records import Session

SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class LogEntry:
    """One session's answers, each under the words the person saw when they gave it."""

    session: Session
    answers: list[tuple[str, str]]


@dataclass(frozen=True)
class Trend:
    """One rating step's answers, oldest first, on its own scale."""

    label: str
    values: list[int]
    low: int
    high: int

    def spark(self) -> str:
        """The values as a small bar line, scaled from the step's lowest to its highest."""
        span = max(self.high - self.low, 1)
        steps = len(SPARKS) - 1
        return "".join(
            SPARKS[round((min(max(v, self.low), self.high) - self.low) / span * steps)]
            for v in self.values
        )

    def words(self) -> str:
        """The trend in words with its scale: "How strong (0 to 10): 7, 5, 6, 3"."""
        return f"{self.label} ({self.low} to {self.high}, oldest first): " + ", ".join(
            str(v) for v in self.values
        )


def _label(exercise: Exercise | None, step_id: str) -> str:
    steps = exercise.steps if exercise else []
    step = next((s for s in steps if getattr(s, "id", None) == step_id), None)
    if step is None:
        return step_id
    label = str(step.title or getattr(step, "prompt", None) or step_id)
    return label.rstrip(".").rstrip() or step_id  # "…of day.: payday" reads as "…of day: payday"


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def answer_log(sessions: Sequence[Session], exercise: Exercise | None) -> list[LogEntry]:
    """Each session's answers in the order the exercise asks them (stored order otherwise)."""
    order = [i for s in exercise.steps if (i := getattr(s, "id", None))] if exercise else []
    entries = []
    for session in sessions:
        ids = [i for i in order if i in session.answers]
        ids += [i for i in session.answers if i not in ids]
        answers = [
            (_label(exercise, i), _shown(session.answers[i]))
            for i in ids
            if session.answers[i] not in ("", [], None)
        ]
        entries.append(LogEntry(session, answers))
    return entries


def trends(sessions: Sequence[Session], exercise: Exercise | None) -> list[Trend]:
    """The exercise's own ratings over time (oldest first); distress ratings have their chart."""
    if exercise is None:
        return []
    oldest_first = sorted(sessions, key=lambda s: s.started)
    found = []
    for step in exercise.steps:
        if not isinstance(step, RatingStep) or step.distress is not None:
            continue
        values = [v for s in oldest_first if isinstance(v := s.answers.get(step.id), int)]
        if values:
            found.append(Trend(step.title or step.prompt, values, step.min, step.max))
    return found
