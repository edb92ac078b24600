"""A `breathe` step: a pacer with the phase, its countdown, cycles left, and a shape that grows
on in and shrinks on out; with reduce motion, a calm text countdown instead. `h` leaves the holds
out (or brings them back) from the breath under way."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from coach.core import breath
from coach.packs import model
from coach.tui.text import plain
from coach.tui.widgets.step import AnswerSubmitted, Pace, StepView

PHASE_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out", "rest": "Rest"}
FRAMES_PER_SECOND = 12


class Pacer:
    """Where the breathing guide is at a moment: cycle, phase, time left, and shape size."""

    def __init__(self, step: model.BreatheStep, now: Callable[[], float]) -> None:
        self.step = step
        self.now = now
        self.began = now()
        self.paused_at: float | None = None
        self.holds = True
        self.phases = breath.phases(step)
        self.before = 0
        """Rounds finished before the holds were last left out or brought back."""

    @property
    def cycle_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)

    def switch_holds(self) -> None:
        """Leave the holds out, or bring them back, starting the breath under way afresh."""
        self.before = self.state()[0]
        self.holds = not self.holds
        self.phases = breath.phases(self.step, self.holds)
        self.began = self.now()
        if self.paused_at is not None:
            self.paused_at = self.began

    def elapsed(self) -> float:
        end = self.paused_at if self.paused_at is not None else self.now()
        return max(0.0, end - self.began)

    def pause(self) -> None:
        if self.paused_at is None:
            self.paused_at = self.now()
        else:
            self.began += self.now() - self.paused_at
            self.paused_at = None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def state(self) -> tuple[int, int, float, float]:
        """(cycles completed, phase index, seconds left in the phase, shape size 0..1)."""
        pattern = self.phases
        elapsed = self.elapsed()
        rounds = int(elapsed // self.cycle_seconds)
        done = min(self.step.cycles, self.before + rounds)
        if done >= self.step.cycles:
            return done, len(pattern) - 1, 0.0, 0.0
        into = elapsed - rounds * self.cycle_seconds
        for i, (phase, (start, end)) in enumerate(zip(pattern, _sizes(pattern), strict=True)):
            if into < phase.seconds:
                return done, i, phase.seconds - into, start + (end - start) * into / phase.seconds
            into -= phase.seconds
        return done, len(pattern) - 1, 0.0, 0.0

    @property
    def finished(self) -> bool:
        return self.elapsed() >= self.cycle_seconds * (self.step.cycles - self.before)


def _sizes(pattern: Sequence[Any]) -> list[tuple[float, float]]:
    """Each phase's shape size at its start and end: a cycle starts small, a run of in-breaths
    (the sigh's two) grows it once between them, hold keeps it, and a run of out-breaths shrinks it."""
    sizes, size, i = [], 0.0, 0
    while i < len(pattern):
        kind = pattern[i].kind
        j = i
        while kind in ("in", "out") and j + 1 < len(pattern) and pattern[j + 1].kind == kind:
            j += 1
        run = pattern[i : j + 1]
        total = sum(p.seconds for p in run) or 1.0
        first, goal = size, 1.0 if kind == "in" else 0.0 if kind == "out" else size
        gone = 0.0
        for p in run:
            gone += p.seconds
            step_to = first + (goal - first) * gone / total
            sizes.append((size, step_to))
            size = step_to
        i = j + 1
    return sizes


def ellipse(size: float, width: int, height: int) -> Content:
    """A filled oval `size` of the largest that fits; terminal cells are about twice as tall."""
    radius_rows = max(0.5, size * (height / 2))
    lines = []
    for row in range(height):
        y = (row + 0.5) - height / 2
        if abs(y) > radius_rows:
            lines.append("")
            continue
        half = math.sqrt(max(0.0, radius_rows**2 - y**2)) * 2
        cells = int(round(half)) * 2
        lines.append(("█" * cells).center(width).rstrip())
    return Content("\n".join(lines))


class Shape(Widget):
    """The growing and shrinking oval."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.size_now = 0.0

    def render(self) -> Content:
        width, height = self.size.width, self.size.height
        return ellipse(0.12 + 0.88 * self.size_now, width, max(3, height))


class BreatheView(Vertical, StepView, can_focus=True):
    """Runs by itself and continues when done; enter ends it early, space pauses."""

    BINDINGS = [
        Binding("enter", "finish", "Done"),
        Binding("space", "pause", "Pause", show=False),
        Binding("h", "holds", "Skip the holds", show=False),
    ]

    def footer_hints(self) -> list[tuple[str, str]]:
        hints = [("space", "Go on" if self.pacer.paused else "Pause")]
        if breath.can_skip_holds(self.step):
            hints.append(("h", "Skip the holds" if self.pacer.holds else "Keep the holds"))
        return hints

    def __init__(
        self,
        step: model.BreatheStep,
        now: Callable[[], float],
        reduce_motion: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.pacer = Pacer(step, now)
        self.reduce_motion = reduce_motion
        self._shown: tuple[Any, ...] = ()
        self._sent = False

    @classmethod
    def make(cls, step: model.BreatheStep, value: Any, pace: Pace) -> BreatheView:
        return cls(step, pace.now, pace.reduce_motion)

    def compose(self) -> Any:
        if self.step.text:
            yield Static(plain(self.step.text), classes="prompt")
        yield Static(id="breathe-phase")
        yield Static(id="breathe-cycles")
        if not self.reduce_motion:
            yield Shape(id="breathe-shape")
        hint = "Enter ends it early. Space pauses."
        if breath.can_skip_holds(self.step):
            hint += " H skips the holds, if holding feels uncomfortable."
        yield Static(plain(hint), classes="hint")

    def on_mount(self) -> None:
        self._draw()
        self.set_interval(1 / FRAMES_PER_SECOND, self._draw)

    def _draw(self) -> None:
        if self._sent:
            return
        if self.pacer.finished:
            self._send()
            return
        done, index, left, size = self.pacer.state()
        phase = self.pacer.phases[index]
        count = math.ceil(left - 1e-6)
        cycles_left = self.step.cycles - done
        shown = (
            index,
            count,
            cycles_left,
            self.pacer.paused,
            self.pacer.holds,
            None if self.reduce_motion else round(size, 2),
        )
        if shown == self._shown:
            return  # nothing a person could see has changed: no repaint on a slow terminal
        self._shown = shown
        word = PHASE_WORDS[phase.kind]
        text = f"{word}   {count}" if not self.pacer.paused else f"Paused. {word} next."
        self.query_one("#breathe-phase", Static).update(Content(text).stylize("bold"))
        number, total = min(done + 1, self.step.cycles), self.step.cycles
        left_text = f"Breath {number} of {total}"
        self.query_one("#breathe-cycles", Static).update(Content(left_text).stylize("dim"))
        if not self.reduce_motion:
            shape = self.query_one(Shape)
            shape.size_now = size
            shape.refresh()

    def cycles_done(self) -> int:
        return self.pacer.state()[0]

    def _send(self) -> None:
        if not self._sent:
            self._sent = True
            self.post_message(AnswerSubmitted(self.cycles_done()))

    def action_finish(self) -> None:
        self._send()

    def action_pause(self) -> None:
        self.screen.refresh_bindings()  # the footer says "Go on" while paused
        self.pacer.pause()
        self._draw()

    def action_holds(self) -> None:
        if breath.can_skip_holds(self.step) and not self._sent:
            self.pacer.switch_holds()
            self.screen.refresh_bindings()  # the footer says "Keep the holds" while they are out
            self._draw()
