"""What an exercise's preview says before it starts: what it is, when it helps, its steps, how long,
and the person's last before and after. Worked out from the library index or the packs.

Nothing here imports pydantic: the home fills a preview from the index and the summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.core.glance import Glance

KIND_WORDS = {
    "read": "Read",
    "breathe": "Breathe",
    "timer": "Pause",
    "rating": "Rate",
    "text": "Write",
    "choice": "Choose",
    "checklist": "Check off",
    "script": "Write it out",
}


@dataclass(frozen=True)
class Preview:
    """One exercise as its preview shows it."""

    full_id: str
    title: str
    summary: str
    when: tuple[str, ...]
    steps: tuple[str, ...]
    minutes: float | None
    last: tuple[int, int] | None

    def lines(self) -> list[tuple[str, str]]:
        """The preview as (style, text) lines: heading, summary, when it helps, steps, time."""
        out = [("bold", self.title), ("", self.summary)]
        if self.when:
            out += [("", ""), ("bold", "When it helps")]
            out += [("", f"· {w}") for w in self.when]
        out += [("", ""), ("bold", f"Steps ({len(self.steps)})")]
        out += [("", f"{i}. {s}") for i, s in enumerate(self.steps, 1)]
        facts = []
        if self.minutes:
            facts.append(f"About {self.minutes:g} min.")
        if self.last is not None:
            facts.append(f"Last time: {self.last[0]} → {self.last[1]}.")
        if facts:
            out += [("", ""), ("", " ".join(facts))]
        return out


def step_words(kind: str, title: str) -> str:
    """A step as the preview names it: its title, with what kind of step it is."""
    word = KIND_WORDS.get(kind, kind.capitalize())
    return f"{title} ({word.lower()})" if title else word


def _steps(exercise: Any) -> Sequence[tuple[str, str]]:
    """Each step's kind and title, from an index row's summary or a validated exercise."""
    steps = exercise.steps
    if steps and isinstance(steps[0], tuple):
        return list(steps)
    return [(str(s.type), str(s.title or "")) for s in steps]


def preview_of(ref: Any, glance: Glance | None) -> Preview:
    """The preview of an ExerciseRef or a Listed, with the last rated change when known."""
    exercise = ref.exercise
    return Preview(
        full_id=ref.full_id,
        title=ref.title,
        summary=str(exercise.summary),
        when=tuple(str(w) for w in exercise.when),
        steps=tuple(step_words(kind, title) for kind, title in _steps(exercise)),
        minutes=ref.minutes,
        last=glance.last_change(ref.full_id) if glance is not None else None,
    )
